// docs/actions.md is generated from the registry; it must be current, and no action may lack a test.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
  const { COMMANDS } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'command-table.js')).href)) as { COMMANDS: Record<string, unknown> };
  assert.ok(Object.keys(COMMANDS).length > 120, 'the table holds the commands declared as data too');
  const lacking = Object.entries(COMMANDS)
    .filter(([, command]) => {
      const c = command as unknown as { summary?: string; examples?: unknown[] };
      return !c.summary || !Array.isArray(c.examples) || c.examples.length === 0;
    })
    .map(([id]) => id);
  assert.equal(lacking, []);
});

test('the plugin author guide documents every hook of the host, and the package root exports what it uses', async () => {
  const { createHooks } = await import('../../src/host/hooks.js');
  const hooks = Object.keys(createHooks((hook) => hook));
  const guide = fs.readFileSync(path.join(ROOT, 'docs', 'plugins.md'), 'utf8');
  const documented = [...guide.matchAll(/^### (\w+)$/gm)].map((match) => match[1]);
  assert.equal(documented.sort(), [...hooks].sort());
  const api = await import('../../src/index.js');
  for (const name of ['definePlugin', 'defineAction', 'ActionError', 'ErrorCodes', 'z']) assert.ok(name in api, `${name} is exported`);
  const testing = await import('../../src/testing.js');
  for (const name of ['startTestDaemon', 'servePages', 'TestActionError']) assert.ok(name in testing, `${name} is exported from agent-browser-host/testing`);
});

test('docs, examples and plugins name the package agent-browser-host, never the Rust agent-browser’s npm name', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.is(manifest.name, 'agent-browser-host');
  assert.equal(manifest.bin, { 'agent-browser': 'bin/run.js' });
  const files = ['README.md', 'docs/plugins.md', '.agentbrowserrc.example'];
  for (const plugin of fs.readdirSync(path.join(ROOT, 'plugins'))) {
    const dir = path.join('plugins', plugin);
    if (!fs.statSync(path.join(ROOT, dir)).isDirectory()) continue;
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8'));
    assert.equal(pkg.peerDependencies, { 'agent-browser-host': '>=0.1.0' }, `${dir} peer-depends on the package`);
    files.push(path.join(dir, 'README.md'));
    for (const sub of ['src', 'test']) for (const file of fs.readdirSync(path.join(ROOT, dir, sub))) files.push(path.join(dir, sub, file));
  }
  // Installing or importing "agent-browser" gets the Rust agent-browser; first-party plugins are not separate packages.
  const wrong = [
    /npm (?:install|i) (?:-g )?agent-browser(?![-\w])/,
    /from 'agent-browser(?:\/[\w-]+)?'/,
    /"agent-browser": "[>=^~\d]/,
    /@agent-browser\//,
    /npm install agent-browser-host\/plugins/,
  ];
  const offending = files.flatMap((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    return wrong.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
  });
  assert.equal(offending, []);
});

test.run();
