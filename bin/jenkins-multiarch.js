#!/usr/bin/env node
// Thin launcher so the compiled CLI in dist/ is what `npx jenkins-multiarch` runs.
import { run } from '../dist/cli/main.js';

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await run(process.argv.slice(2));
