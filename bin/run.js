#!/usr/bin/env node
// Most agent commands take the fast path (dist/cli/fast.bundle.js: no oclif, no cosmiconfig, one
// file to load); the rest, and help, go through oclif.
import { runFast } from '../dist/cli/fast.bundle.js';

const argv = process.argv.slice(2);
if (!(await runFast(argv))) {
  const [{ execute }, { hoistGlobalFlags }] = await Promise.all([import('@oclif/core'), import('../dist/cli/argv.js')]);
  await execute({ dir: import.meta.url, args: hoistGlobalFlags(argv) });
}
