#!/usr/bin/env node
// Bundles the CLI's fast path (dist/cli/fast.js and what it imports) into one file,
// dist/cli/fast.bundle.js: Node 20 spends a millisecond or two per ES module it loads, and an
// agent pays the CLI's start on every command. The bundle sits beside fast.js, so the paths its
// modules compute from import.meta.url (the specs, the daemon entry, package.json) still hold.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli');
await build({
  entryPoints: [path.join(dist, 'fast.js')],
  outfile: path.join(dist, 'fast.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The full config loader is only reached when the quick search gives up.
  external: ['cosmiconfig'],
  logLevel: 'warning',
});
