/**
 * The reading actions of the first generation (gettext, innerhtml, getattribute, inputvalue, count,
 * isvisible, isenabled) and snapshot, once each against a real page: the response carries the
 * reference's `data` keys (§2.4, with 0.19's `origin` where 0.19 has it).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('actions');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const ACTIONS = '/e2e/actions.html';

async function open(pathname = ACTIONS) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

test('gettext → {text, origin}; innerhtml → {html, origin}', async () => {
  await open();
  const got = await ok(fx.daemon, { action: 'gettext', selector: '#heading' });
  keys(got, ['text', 'origin']);
  assert.equal(got, { text: 'Actions page', origin: fx.server.url(ACTIONS) });
  const html = await ok(fx.daemon, { action: 'innerhtml', selector: '#rich' });
  keys(html, ['html', 'origin']);
  assert.is(html.html, '<b>bold</b> and <i>italic</i>');
});

test('getattribute → {attribute, value, origin}; value null when absent', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'getattribute', selector: '#heading', attribute: 'data-kind' });
  keys(data, ['attribute', 'value', 'origin']);
  assert.is(data.attribute, 'data-kind');
  assert.is(data.value, 'title');
  const missing = await ok(fx.daemon, { action: 'getattribute', selector: '#heading', attribute: 'data-none' });
  assert.is(missing.value, null);
});

test('inputvalue → {value, origin}: the live value, not the attribute', async () => {
  await open();
  const before = await ok(fx.daemon, { action: 'inputvalue', selector: '#bio' });
  keys(before, ['value', 'origin']);
  assert.is(before.value, 'Hello');
  await evaluate(fx.daemon, "document.getElementById('bio').value = 'Changed by script'");
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: '#bio' })).value, 'Changed by script');
});

test('count → {count}; isvisible / isenabled → {visible} / {enabled}', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'count', selector: 'li.item' }), { count: 3 });
  assert.equal(await ok(fx.daemon, { action: 'count', selector: '.nothing-matches' }), { count: 0 });
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '#counter' }), { visible: true });
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '#hidden-button' }), { visible: false });
  assert.equal(await ok(fx.daemon, { action: 'isenabled', selector: '#counter' }), { enabled: true });
  assert.equal(await ok(fx.daemon, { action: 'isenabled', selector: '#disabled' }), { enabled: false });
});

test('snapshot → {snapshot, refs, origin}', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  keys(data, ['snapshot', 'refs', 'origin']);
  assert.ok(data.snapshot.includes('- button "Click me" [ref='), data.snapshot);
  assert.ok(data.snapshot.includes('- textbox "Name" [ref='), data.snapshot);
  assert.not.ok(data.snapshot.includes('Hidden'), 'hidden elements are not in the tree');
  for (const entry of Object.values(data.refs as Record<string, unknown>)) keys(entry as Record<string, unknown>, ['role', 'name']);
});

test.run();
