#!/usr/bin/env node
// Runs the test tiers with uvu under tsx, one process per tier: unit, integration, e2e, plugins
// (the tests of every first-party plugin, plugins/<name>/test), compat (the original agent-browser
// 0.6.0 and 0.19.0 Rust CLIs against this daemon; skipped when they cannot be installed) and
// reliability (races, crashes, fuzz, load, with their figures). Ends with the line
// "N passed, N failed". Name tiers on the command line to run only those.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const requested = process.argv.slice(2);
const tiers = requested.length > 0 ? requested : ['unit', 'integration', 'e2e', 'plugins', 'compat', 'reliability'];
/** Where each tier's tests are, and which files in there are tests. */
const layout = (tier) =>
  tier === 'plugins' ? { dir: 'plugins', pattern: '^[^/\\\\]+[/\\\\]test[/\\\\].+\\.test\\.ts$' } : { dir: path.join('test', tier), pattern: '\\.test\\.ts$' };
const uvu = path.join(root, 'node_modules', 'uvu', 'bin.js');

function runTier(tier) {
  return new Promise((resolve) => {
    const { dir, pattern } = layout(tier);
    if (!fs.existsSync(path.join(root, dir))) {
      resolve({ tier, passed: 0, failed: 1, skipped: 0, note: `no folder ${dir}` });
      return;
    }
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', uvu, dir, pattern], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      // uvu colours some counts (Skipped: \u001b[33m2\u001b[39m), so allow an escape before the digits.
      const number = (label) => Number(new RegExp(`${label}:\\s+(?:\u001b\\[\\d+m)?(\\d+)`).exec(output)?.[1] ?? 0);
      const total = number('Total');
      const passed = number('Passed');
      const skipped = number('Skipped');
      // uvu's Total counts the tests that ran; skipped ones (test.skip, or left out by .only) are not in it.
      let failed = total - passed;
      // A tier that crashed or exited non-zero without a failing test still counts as a failure.
      if (code !== 0 && failed === 0) failed = 1;
      // A tier that ran nothing fails, unless it said it skipped (compat without its CLIs).
      if (total === 0 && code === 0 && skipped === 0) failed = 1;
      resolve({ tier, passed, failed, skipped, seconds: ((Date.now() - started) / 1000).toFixed(1), code });
    });
  });
}

const results = [];
for (const tier of tiers) {
  process.stdout.write(`\n=== ${tier} ===\n`);
  results.push(await runTier(tier));
}
process.stdout.write('\n');
for (const r of results) {
  process.stdout.write(
    `tier ${r.tier.padEnd(12)} passed ${String(r.passed).padStart(4)}  failed ${r.failed}  skipped ${r.skipped}${r.seconds ? `  (${r.seconds} s)` : ''}${r.note ? ` — ${r.note}` : ''}\n`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
