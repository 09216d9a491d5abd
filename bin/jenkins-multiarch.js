#!/usr/bin/env node
// Thin launcher so the compiled CLI, bundled by scripts/bundle-cli.mjs, is what
// `npx jenkins-multiarch` runs.
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temp directory):
// a pre-commit hook runs check once per commit, and compiling is part of every start-up. Node 20
// has no such cache for ES modules; there this is a no-op. Enabled before the CLI is imported,
// since a module's code is compiled when it is loaded.
module.enableCompileCache?.();
const { run } = await import('../dist/bundle/main.js');

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
