/**
 * Waiting (§2.5): wait for text, a selector (visible or hidden), a number of ms or the load state;
 * waitforurl, waitforloadstate, waitforfunction; and the CLI's `wait --url|--load|--fn`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, ok, useFixture, openWaitsPage } from '../helpers/e2e.js';

const test = suite('waiting');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '3000' } });

const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

const ACTIONS = '/e2e/actions.html';

async function open(pathname = ACTIONS) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

const text = async (selector: string) => (await ok(fx.daemon, { action: 'gettext', selector })).text;

test('wait for text → {waited:true} once the text is on the page', async () => {
  await open();
  await ok(fx.daemon, { action: 'click', selector: '#later' });
  assert.equal(await ok(fx.daemon, { action: 'wait', text: 'Arrived late' }), { waited: true });
  assert.is(await text('#late'), 'Arrived late');
});

test('wait for a selector (visible by default) and for the hidden state', async () => {
  await open();
  await ok(fx.daemon, { action: 'click', selector: '#later' });
  assert.equal(await ok(fx.daemon, { action: 'wait', selector: '#late' }), { waited: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('late') !== null"), true);
  await ok(fx.daemon, { action: 'click', selector: '#vanish' });
  assert.equal(await ok(fx.daemon, { action: 'wait', selector: '#goner', state: 'hidden' }), { waited: true });
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '#goner' }), { visible: false });
});

test('wait for a number of ms → {waited:true}, and a timer set before it has fired', async () => {
  await open();
  await evaluate(fx.daemon, 'window.fired = false; setTimeout(() => { window.fired = true; }, 200)');
  assert.equal(await ok(fx.daemon, { action: 'wait', timeout: 600 }), { waited: true });
  assert.is(await evaluate(fx.daemon, 'window.fired'), true);
});

test('wait without fields waits for the load state', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'wait' }), { waited: true });
});

test('waitforurl → {url} once the URL matches a glob, a /regex/ or the exact URL; TIMEOUT names the URL it has', async () => {
  await openWaitsPage(fx);
  await evaluate(fx.daemon, 'later()');
  assert.equal(await ok(fx.daemon, { action: 'waitforurl', url: '**/waits/done' }), { url: fx.server.url('/waits/done') });
  assert.equal(await ok(fx.daemon, { action: 'waitforurl', url: '/done$/' }), { url: fx.server.url('/waits/done') });
  const timeout = await fails(fx.daemon, { action: 'waitforurl', url: '**/never', timeout: 300 }, 'TIMEOUT');
  assert.match(timeout.error, '/waits/done');
});

test('waitforloadstate → {state}', async () => {
  await openWaitsPage(fx);
  assert.equal(await ok(fx.daemon, { action: 'waitforloadstate', state: 'domcontentloaded' }), { state: 'domcontentloaded' });
  assert.equal(await ok(fx.daemon, { action: 'waitforloadstate', state: 'load' }), { state: 'load' });
  await fails(fx.daemon, { action: 'waitforloadstate', state: 'later' }, 'INVALID_PARAMS');
});

test('waitforfunction → {waited:true} when the expression turns truthy; a throwing one → EVALUATION_FAILED; never → TIMEOUT', async () => {
  await openWaitsPage(fx);
  await evaluate(fx.daemon, 'later()');
  assert.equal(await ok(fx.daemon, { action: 'waitforfunction', expression: 'window.ready === true' }), { waited: true });
  await fails(fx.daemon, { action: 'waitforfunction', expression: 'missingThing.x' }, 'EVALUATION_FAILED');
  await fails(fx.daemon, { action: 'waitforfunction', expression: 'false', timeout: 300 }, 'TIMEOUT');
});

test('CLI: wait --url, wait --load, wait --fn; two kinds of wait at once is refused', async () => {
  await openWaitsPage(fx);
  await evaluate(fx.daemon, 'later()');
  const url = await cli('wait', '--url', '**/waits/done');
  assert.is(url.code, 0, url.stderr);
  assert.is(url.stdout.trim(), fx.server.url('/waits/done'));
  const load = await cli('wait', '--load', 'load', '--json');
  assert.equal(load.json.data, { state: 'load' });
  const fn = await cli('wait', '--fn', 'window.ready === true');
  assert.is(fn.code, 0, fn.stderr);
  const both = await cli('wait', '--url', '**/x', '--fn', 'true');
  assert.is(both.code, 1);
  assert.match(both.stderr, 'one thing at a time');
});

test.run();
