// docs/actions.md is generated from the registry; it must be current, and no action may lack a test.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { actionRows, renderActionTable } from '../../src/docs/action-table.js';
import { ROOT } from '../helpers/paths.js';

test('docs/actions.md matches the action registry (run `npm run docs` after adding an action)', async () => {
  const expected = renderActionTable(await actionRows(ROOT));
  const actual = fs.readFileSync(path.join(ROOT, 'docs', 'actions.md'), 'utf8');
  assert.fixture(actual, expected);
});

test('every built-in action is exercised by at least one wire-level test', async () => {
  const untested = (await actionRows(ROOT)).filter((row) => row.tests.length === 0).map((row) => row.action);
  assert.equal(untested, [], `actions without a test: ${untested.join(', ')}`);
});

test('every action the CLI commands claim to send exists in the registry', async () => {
  const rows = await actionRows(ROOT);
  const known = new Set(rows.map((row) => row.action));
  const { commandsByAction } = await import('../../src/docs/action-table.js');
  const unknown = [...commandsByAction().keys()].filter((action) => !known.has(action));
  assert.equal(unknown, []);
});

test('every CLI command has a summary and at least one example for --help', async () => {
  const { COMMANDS } = await import('../../src/cli/commands/index.js');
  const lacking = Object.entries(COMMANDS)
    .filter(([, command]) => {
      const c = command as unknown as { summary?: string; examples?: unknown[] };
      return !c.summary || !Array.isArray(c.examples) || c.examples.length === 0;
    })
    .map(([id]) => id);
  assert.equal(lacking, []);
});

test.run();
