#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) into one CommonJS file, dist/bundle/main-HASH.cjs,
// which bin/jenkins-multiarch.js compiles with V8's code cache. Node 20 loads each ES module on
// its own (resolve, stat, read, compile) and has no compile cache for them
// (module.enableCompileCache is Node 22's): importing the 56 modules one `check` needs took 45 ms
// of a pre-commit hook's start-up, an ES module bundle 16 ms of which compiling it was most. A
// script can be compiled from a code cache on Node 20 too (vm.Script's cachedData), which an ES
// module cannot, so the bundle is CommonJS: one file, every command in it, a command's modules run
// only when it is imported (esbuild turns `import()` into a lazy initialiser). The packages stay
// in node_modules. dist/ as tsc wrote it is still what the package exports.
//   node scripts/bundle-cli.mjs [DIST]     # DIST: tsc's output directory, dist/ by default
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const outdir = path.join(dist, 'bundle');

// The name carries a hash of the content, which keys the launcher's code cache (hashing 380 kB at
// start-up would cost 3-5 ms); a fresh directory leaves no bundle of an earlier build behind.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(dist, 'cli', 'main.js')],
  outdir,
  entryNames: '[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  packages: 'external',
  // import() of a package becomes require(): a script compiled by vm.Script has no module loader
  // to import with. execa, the one package that is ES modules only, is then required as an ES
  // module, which Node does from 20.19 on (package.json's engines).
  supported: { 'dynamic-import': false },
  // Where the modules find the package's files (package-files.ts) and require packages from.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  sourcemap: true,
  logLevel: 'warning',
});
