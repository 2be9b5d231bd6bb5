/**
 * Page logs (§2.4): console messages and uncaught page errors of every tab, popups included, each
 * once with its timestamp, and clearing them. The CLI's `console` and `errors` are in
 * recording.test.ts's CLI test.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually, evaluate, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('logs');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '8000' } });

const CONSOLE = '/e2e/debug-console.html';

async function open(pathname = CONSOLE) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

async function messages(): Promise<Array<{ type: string; text: string; timestamp: number }>> {
  return (await ok(fx.daemon, { action: 'console' })).messages;
}

async function errors(): Promise<Array<{ message: string; timestamp: number }>> {
  return (await ok(fx.daemon, { action: 'errors' })).errors;
}

test('console → {messages}: the page’s messages once each, with type and timestamp; clear → {cleared:true}', async () => {
  assert.equal(await ok(fx.daemon, { action: 'console', clear: true }), { cleared: true });
  const before = Date.now();
  await open();
  const list = await messages();
  const texts = list.map((m) => `${m.type}: ${m.text}`);
  assert.equal(texts, ['log: hello from the page 42', 'warning: careful now', 'error: something failed']);
  for (const message of list) {
    keys(message, ['type', 'text', 'timestamp']);
    assert.ok(message.timestamp >= before - 1000 && message.timestamp <= Date.now(), 'timestamp in ms since the epoch');
  }
  await evaluate(fx.daemon, "console.info('later one')");
  assert.equal((await messages()).map((m) => m.text).slice(-1), ['later one']);
  assert.equal(await ok(fx.daemon, { action: 'console', clear: true }), { cleared: true });
  assert.equal(await messages(), []);
});

test('console collects from every tab, popups included', async () => {
  await open('/e2e/second.html');
  await ok(fx.daemon, { action: 'console', clear: true });
  await evaluate(fx.daemon, `(window.popup = window.open(${JSON.stringify(fx.server.url(CONSOLE))})) && true`);
  assert.ok(await eventually(async () => (await messages()).some((m) => m.text === 'something failed')), 'the popup’s messages arrive');
  const texts = (await messages()).map((m) => m.text);
  assert.is(texts.filter((t) => t === 'careful now').length, 1);
  await evaluate(fx.daemon, "console.log('from the active tab')");
  assert.ok((await messages()).some((m) => m.text === 'from the active tab'));
  // Close the popup, whichever tab is active now (a popup may become the active tab).
  await evaluate(fx.daemon, '(window.opener ? window.close() : window.popup.close(), true)');
  assert.ok(await eventually(async () => (await ok(fx.daemon, { action: 'url' })).url === fx.server.url('/e2e/second.html')), 'back on the first tab');
});

test('errors → {errors}: uncaught page errors once each; clear → {cleared:true}', async () => {
  assert.equal(await ok(fx.daemon, { action: 'errors', clear: true }), { cleared: true });
  await open();
  assert.ok(await eventually(async () => (await errors()).length > 0), 'the error thrown by the page’s timer is reported');
  const list = await errors();
  assert.equal(
    list.map((e) => e.message),
    ['boom from the page'],
  );
  keys(list[0]!, ['message', 'timestamp']);
  assert.type(list[0]!.timestamp, 'number');
  assert.equal(await ok(fx.daemon, { action: 'errors', clear: true }), { cleared: true });
  assert.equal(await errors(), []);
});

test.run();
