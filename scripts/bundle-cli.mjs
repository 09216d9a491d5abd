#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/, which bin/jenkins-multiarch.js
// runs. Node 20 loads each ES module on its own (resolve, stat, read, compile) and has no compile
// cache for them (module.enableCompileCache is Node 22's): importing the 56 modules one `check`
// needs took 45 ms of a pre-commit hook's start-up, bundled 16 ms. Code splitting keeps each
// lazily imported command, and the packages it imports, out of check's start-up; the packages
// themselves stay in node_modules. dist/ as tsc wrote it is still what the package exports.
//   node scripts/bundle-cli.mjs [DIST]     # DIST: tsc's output directory, dist/ by default
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const outdir = path.join(dist, 'bundle');

// Chunk names carry a content hash: a fresh directory leaves no chunk of an earlier build behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(dist, 'cli', 'main.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
