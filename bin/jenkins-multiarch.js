#!/usr/bin/env node
// Thin launcher so the compiled CLI, bundled by scripts/bundle-cli.mjs, is what
// `npx jenkins-multiarch` runs. A pre-commit hook starts a new process for every commit, and on
// Node 20 compiling the CLI was the largest part of that start-up after Node's own: this compiles
// the bundle from V8's code cache of an earlier run (vm.Script's cachedData, which works on Node
// 20, where module.enableCompileCache does not exist). Measured on a 2-core machine under load:
// compiling the bundle and running its top level took 20 ms without the cache, 6 ms with it;
// `check` on one file went from 1.48-1.72x `node -e 0` (an ES module bundle) to 1.25-1.38x.
// CommonJS (bin/package.json): an ES module entry starts Node's ES module loader too, 3-8 ms more.
'use strict';
const fs = require('node:fs');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const bundleDir = path.join(__dirname, '..', 'dist', 'bundle');
// main-HASH.cjs, the hash of its content: a cache made for another build is never used.
const bundleName = fs.readdirSync(bundleDir).find((name) => name.endsWith('.cjs'));
const bundle = path.join(bundleDir, bundleName);

/** Per user, as the cached code runs with the user's rights; Node's own cache lives elsewhere. */
const cacheHome = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '')
  ? process.env.XDG_CACHE_HOME
  : path.join(os.homedir(), '.cache');
const cacheDir = path.join(cacheHome, 'jenkins-multiarch');
// A cache holds the functions its run compiled. `check`, run by a pre-commit hook for every
// commit, compiles the rules; the other commands compile other code. Were they to share a cache,
// whichever ran first would fill it for both: with one a `render` run wrote, `check` on one file
// took 1.52x `node -e 0` against 1.39x with its own (measured in one run, 2 cores).
const use = process.argv[2] === 'check' ? 'check' : 'other';
// V8 rejects code cached by another version or with other flags; the name keeps both versions.
const cacheFile = path.join(cacheDir, `${bundleName}-${use}-${process.version}-${process.arch}`);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache yet, or none that can be read: compile from source.
}
const script = new vm.Script(
  `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'utf8')}\n})`,
  { filename: bundle, cachedData },
);
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(bundle), cli, bundle, bundleDir);

// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

cli.exports.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (cachedData === undefined || script.cachedDataRejected) saveCache();
});

/**
 * Caches the compiled code after the run, so that it holds the functions the run compiled and
 * not only the top level. Two processes may race: each writes a file of its own and renames it
 * over the cache, which is atomic. A cache that cannot be written is no error: the next run
 * compiles again.
 */
function saveCache() {
  const temp = `${cacheFile}.${process.pid}`;
  try {
    // Not `recursive`: on a file system that answers ENOENT for a directory that exists (/proc,
    // tried), Node 20's recursive mkdir retries for ever, where a check must not hang.
    for (const dir of [cacheHome, cacheDir])
      if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
    fs.writeFileSync(temp, script.createCachedData());
    fs.renameSync(temp, cacheFile);
    // Every build has caches of its own (350 kB each): those written over a day ago go. One still in
    // use is written again by its next run.
    for (const name of fs.readdirSync(cacheDir)) {
      const file = path.join(cacheDir, name);
      if (Date.now() - fs.statSync(file).mtimeMs > 24 * 60 * 60 * 1000) fs.rmSync(file);
    }
  } catch {
    fs.rmSync(temp, { force: true });
  }
}
