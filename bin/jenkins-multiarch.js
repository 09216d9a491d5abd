#!/usr/bin/env node
// Thin launcher so the compiled CLI in dist/ is what `npx jenkins-multiarch` runs.
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
