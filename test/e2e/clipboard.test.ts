/**
 * The clipboard against a real page: write and read (the page reads it too), copy the selection or
 * a given text, paste into the focused element. The CLI's `clipboard` is in input.test.ts's CLI test.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('clipboard');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/input-page.html';

async function open() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(PAGE) });
}

const value = async (selector: string) => (await ok(fx.daemon, { action: 'inputvalue', selector })).value;

test('clipboard: write → {written}, read → {text}; copy the selection and paste it elsewhere', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'write', text: 'hello clip' }), { written: 'hello clip' });
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'read' }), { text: 'hello clip' });
  assert.is(await evaluate(fx.daemon, 'navigator.clipboard.readText()'), 'hello clip', 'the page reads it too');
  await ok(fx.daemon, { action: 'selectall', selector: '#prefilled' });
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'copy' }), { copied: true });
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'read' }), { text: 'copy me' });
  await ok(fx.daemon, { action: 'focus', selector: '#area' });
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'paste' }), { pasted: true });
  assert.is(await value('#area'), 'copy me');
  await ok(fx.daemon, { action: 'clipboard', operation: 'copy', text: 'given text' });
  assert.equal(await ok(fx.daemon, { action: 'clipboard', operation: 'read' }), { text: 'given text' });
  const missing = await fails(fx.daemon, { action: 'clipboard', operation: 'write' }, 'INVALID_PARAMS');
  assert.match(missing.error, "Missing 'text' parameter for clipboard write");
});

test.run();
