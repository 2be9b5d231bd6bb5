/**
 * Confirmation-gated actions (reference 0.19 confirm/deny) against a real daemon and real Chromium:
 * a gated call answers confirmation_required and does not run until confirmed; deny drops it; the
 * same through the CLI; categories from AGENT_BROWSER_CONFIRM_ACTIONS and from `confirmActions` in
 * a config file, plugin actions included (a confirmed call still passes beforeAction).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { evaluate, guardedSetUp, keys, Wire } from '../helpers/e2e.js';
import { ROOT } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const API = pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href;

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

function succeeded(result: CliResult, label: string): string {
  assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

const byEnv = suite('confirmation: AGENT_BROWSER_CONFIRM_ACTIONS=click');
let envServer: PageServer;
let envDaemon: TestDaemon;
let envWire: Wire;
let envCliEnv: NodeJS.ProcessEnv = {};

guardedSetUp(byEnv, async () => {
  envServer = await startPageServer();
  envDaemon = await startDaemon({ env: { AGENT_BROWSER_CONFIRM_ACTIONS: 'click' } });
  envWire = new Wire(envDaemon);
  envCliEnv = testEnv(envDaemon.socketDir, { AGENT_BROWSER_SESSION: envDaemon.session });
  await envWire.ok({ action: 'navigate', url: envServer.url('/e2e/confirm-page.html') });
});
byEnv.after(async () => {
  await envDaemon?.stop().catch(() => undefined);
  await envServer?.close();
});

const clicks = async () => Number((await evaluate(envDaemon, "document.getElementById('go').dataset.clicks || '0'")) as string);

byEnv('a click answers confirmation_required and does not run; confirm runs it and answers its answer; the id works once', async () => {
  const held = await envWire.ok({ action: 'click', selector: '#go' });
  keys(held, ['confirmation_required', 'action', 'category', 'description', 'confirmation_id']);
  assert.equal(
    { ...held, confirmation_id: 'x' },
    { confirmation_required: true, action: 'click', category: 'click', description: 'Click #go', confirmation_id: 'x' },
  );
  assert.match(held.confirmation_id, /^c_[0-9a-f]{16}$/);
  assert.is(await clicks(), 0, 'held, not clicked');
  assert.equal(await envWire.ok({ action: 'fill', selector: '#note', value: 'not gated' }), { filled: true });
  assert.equal(await envWire.ok({ action: 'confirm', confirmationId: held.confirmation_id }), { clicked: true });
  assert.is(await clicks(), 1);
  assert.match(
    await envWire.fails({ action: 'confirm', confirmationId: held.confirmation_id }, 'INVALID_PARAMS'),
    new RegExp(`^No pending confirmation with id '${held.confirmation_id}'`),
  );
  assert.is((await envWire.ok({ action: 'dblclick', selector: '#go' })).category, 'click', 'the category covers dblclick');
});

byEnv('deny drops it: {denied: true}; unknown ids fail; invalid params are refused at once, not held', async () => {
  const held = await envWire.ok({ action: 'click', selector: '#go' });
  const before = await clicks();
  assert.equal(await envWire.ok({ action: 'deny', confirmationId: held.confirmation_id }), { denied: true });
  assert.match(await envWire.fails({ action: 'confirm', confirmationId: held.confirmation_id }, 'INVALID_PARAMS'), /^No pending confirmation with id/);
  assert.is(
    await envWire.fails({ action: 'deny', confirmationId: 'c_0000000000000000' }, 'INVALID_PARAMS').then((e) => e.split('.')[0]),
    "No pending confirmation with id 'c_0000000000000000'",
  );
  assert.is(await clicks(), before);
  assert.match(await envWire.fails({ action: 'click' }, 'INVALID_PARAMS'), /selector: required/);
});

byEnv('through the CLI: the gated click says what to run next; confirm and deny by id', async () => {
  const cli = (...args: string[]) => runCli(args, { env: envCliEnv });
  const before = await clicks();
  const held = succeeded(await cli('click', '#go'), 'click');
  const id = /agent-browser confirm (c_[0-9a-f]{16})/.exec(held)?.[1];
  assert.ok(id, held);
  assert.is(held, `⚠ click needs confirmation: Click #go. Run 'agent-browser confirm ${id}' or 'agent-browser deny ${id}' (it expires in 60 s).`);
  assert.is(await clicks(), before);
  succeeded(await cli('confirm', id!), 'confirm');
  assert.is(await clicks(), before + 1);
  const json = JSON.parse(succeeded(await cli('--json', 'click', '#go'), 'click --json'));
  assert.is(json.data.confirmation_required, true);
  assert.is(succeeded(await cli('deny', json.data.confirmation_id), 'deny'), '✓ Action denied');
  const unknown = await cli('confirm', json.data.confirmation_id);
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, new RegExp(`^✗ No pending confirmation with id '${json.data.confirmation_id}'`));
  assert.is(await clicks(), before + 1);
});

// ---------------------------------------------------------------------------------------------
const byConfig = suite('confirmation: confirmActions in the config file, plugin actions included');
let project = '';
let configDaemon: TestDaemon;
let configWire: Wire;
let configFile = '';

/** Records what beforeAction saw (with the parent of calls run through ctx.run), and refuses probe:mark once blocked. */
const PROBE = `
import { definePlugin, defineAction, z, ActionError } from ${JSON.stringify(API)};
const seen = [];
let blocked = false;
export default definePlugin({
  name: 'probe',
  apply(host) {
    host.hooks.beforeAction.tap(host.name, (call) => {
      seen.push(call.parent ? call.action + '<' + call.parent.action : call.action);
      if (blocked && call.action === 'probe:mark') throw new ActionError('NAVIGATION_BLOCKED', 'probe:mark is blocked now');
      return call;
    });
    host.addAction(defineAction({ name: 'probe:mark', summary: 'Marks.', params: z.object({ label: z.string() }), handler: ({ label }) => ({ marked: label }) }));
    host.addAction(defineAction({ name: 'probe:seen', summary: 'What beforeAction saw.', params: z.object({}), handler: () => ({ seen: [...seen] }) }));
    host.addAction(defineAction({ name: 'probe:block', summary: 'Blocks probe:mark.', params: z.object({}), handler: () => { blocked = true; return { blocked }; } }));
  },
});
`;

guardedSetUp(byConfig, async () => {
  project = tempDir('abt-confirm-');
  fs.writeFileSync(path.join(project, 'probe.mjs'), PROBE);
  configFile = path.join(project, '.agentbrowserrc.json');
  fs.writeFileSync(configFile, JSON.stringify({ confirmActions: ['eval', 'probe:mark'], plugins: ['./probe.mjs'] }));
  configDaemon = await startDaemon({ env: { AGENT_BROWSER_CONFIG: configFile } });
  configWire = new Wire(configDaemon);
});
byConfig.after(async () => {
  await configDaemon?.stop().catch(() => undefined);
  fs.rmSync(project, { recursive: true, force: true });
});

byConfig('the categories in the file gate their actions; confirm answers the held call’s answer', async () => {
  const held = await configWire.ok({ action: 'evaluate', script: '6 * 7' });
  assert.equal([held.action, held.category, held.description], ['evaluate', 'eval', 'Evaluate JavaScript: 6 * 7']);
  assert.is((await configWire.ok({ action: 'confirm', confirmationId: held.confirmation_id })).result, 42);
  assert.equal(await configWire.ok({ action: 'url' }), { url: 'about:blank' }, 'get is not gated');
});

byConfig('a plugin action named in the list is gated; confirm re-runs it through beforeAction, whose veto still applies', async () => {
  const held = await configWire.ok({ action: 'probe:mark', label: 'one' });
  assert.equal([held.confirmation_required, held.action, held.category], [true, 'probe:mark', 'unknown']);
  assert.equal(await configWire.ok({ action: 'confirm', confirmationId: held.confirmation_id }), { marked: 'one' });
  const { seen } = await configWire.ok({ action: 'probe:seen' });
  assert.equal(seen.slice(-4, -1), ['probe:mark', 'confirm', 'probe:mark<confirm'], 'the last call seen is probe:seen itself');
  const second = await configWire.ok({ action: 'probe:mark', label: 'two' });
  await configWire.ok({ action: 'probe:block' });
  assert.is(await configWire.fails({ action: 'confirm', confirmationId: second.confirmation_id }, 'NAVIGATION_BLOCKED'), 'probe:mark is blocked now');
});

byConfig('config explain confirmActions names the key, its environment variable and the value from the file', async () => {
  const result = await runCli(['config', 'explain', 'confirmActions', '--json'], {
    env: testEnv(configDaemon.socketDir, { AGENT_BROWSER_CONFIG: configFile }),
  });
  const explained = JSON.parse(succeeded(result, 'config explain')).data;
  assert.equal([explained.key, explained.value, explained.env], ['confirmActions', ['eval', 'probe:mark'], 'AGENT_BROWSER_CONFIRM_ACTIONS']);
  const bad = await runCli(['config', 'show'], { env: testEnv(configDaemon.socketDir, { AGENT_BROWSER_CONFIRM_ACTIONS: 'clik' }) });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /AGENT_BROWSER_CONFIRM_ACTIONS\[0\]: unknown action category "clik" \(did you mean "click"\?\)/);
});

byEnv.run();
byConfig.run();
