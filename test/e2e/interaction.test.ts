/**
 * Interaction against a real page: click, dblclick, fill, type, press, hover, focus, check/uncheck,
 * select, scroll and scrollintoview — each answers the reference's `data` keys, and the page shows
 * what a user would see after it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, ok, useFixture } from '../helpers/e2e.js';

const test = suite('interaction');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const ACTIONS = '/e2e/actions.html';

async function open(pathname = ACTIONS) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

const text = async (selector: string) => (await ok(fx.daemon, { action: 'gettext', selector })).text;

test('click → {clicked:true}; the button’s handler ran once per click', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'click', selector: '#counter' });
  assert.equal(data, { clicked: true });
  assert.is(await text('#counter'), 'Clicked 1');
  await ok(fx.daemon, { action: 'click', selector: 'text=Clicked 1' });
  assert.is(await text('#counter'), 'Clicked 2');
});

test('dblclick → {clicked:true}; the dblclick handler fired', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'dblclick', selector: '#double' }), { clicked: true });
  assert.is(await text('#double'), 'Double clicked');
});

test('fill → {filled:true}; the input holds exactly the value', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'fill', selector: '#bio', value: 'Replaced text' }), { filled: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('bio').value"), 'Replaced text');
  await ok(fx.daemon, { action: 'fill', selector: '#bio', value: '' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('bio').value"), '');
});

test('type → {typed:true}; key by key, continuing where the caret is; clear:true empties first', async () => {
  await open();
  await evaluate(fx.daemon, "window.keys = 0; document.getElementById('name').addEventListener('keydown', () => window.keys++)");
  assert.equal(await ok(fx.daemon, { action: 'type', selector: '#name', text: 'Ada' }), { typed: true });
  await ok(fx.daemon, { action: 'type', selector: '#name', text: ' Lovelace' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('name').value"), 'Ada Lovelace');
  assert.is(await evaluate(fx.daemon, 'window.keys'), 12, 'one keydown per character');
  await ok(fx.daemon, { action: 'type', selector: '#bio', text: ' world' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('bio').value"), 'Hello world', 'typing into a pre-filled field continues after its text');
  await ok(fx.daemon, { action: 'type', selector: '#bio', text: 'New', clear: true, delay: 5 });
  assert.is(await evaluate(fx.daemon, "document.getElementById('bio').value"), 'New');
});

test('focus → {focused:true}; document.activeElement is the element', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'focus', selector: '#name' }), { focused: true });
  assert.is(await evaluate(fx.daemon, 'document.activeElement.id'), 'name');
});

test('press Enter in a form → {pressed:true}; the form was submitted', async () => {
  await open();
  await ok(fx.daemon, { action: 'fill', selector: '#name', value: 'Ada' });
  await ok(fx.daemon, { action: 'focus', selector: '#name' });
  assert.equal(await ok(fx.daemon, { action: 'press', key: 'Enter' }), { pressed: true });
  assert.is(await text('#status'), 'Submitted Ada');
});

test('press with a selector types into that element; chords work', async () => {
  await open();
  await ok(fx.daemon, { action: 'press', key: 'x', selector: '#name' });
  await ok(fx.daemon, { action: 'press', key: 'Shift+Y', selector: '#name' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('name').value"), 'xY');
  await ok(fx.daemon, { action: 'press', key: 'Enter', selector: '#name' });
  assert.is(await text('#status'), 'Submitted xY');
});

test('hover → {hovered:true}; :hover style applies and mouseenter fired', async () => {
  await open();
  const background = "getComputedStyle(document.getElementById('hover-target')).backgroundColor";
  assert.is(await evaluate(fx.daemon, background), 'rgb(200, 200, 200)');
  assert.equal(await ok(fx.daemon, { action: 'hover', selector: '#hover-target' }), { hovered: true });
  assert.is(await evaluate(fx.daemon, background), 'rgb(0, 128, 0)');
  assert.is(await text('#status'), 'Hovered');
});

test('check / uncheck → {checked:true} / {unchecked:true}; ischecked follows', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'ischecked', selector: '#agree' }), { checked: false });
  assert.equal(await ok(fx.daemon, { action: 'check', selector: '#agree' }), { checked: true });
  assert.equal(await ok(fx.daemon, { action: 'ischecked', selector: '#agree' }), { checked: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('agree').checked"), true);
  assert.equal(await ok(fx.daemon, { action: 'uncheck', selector: '#agree' }), { unchecked: true });
  assert.equal(await ok(fx.daemon, { action: 'ischecked', selector: '#agree' }), { checked: false });
  // Checking via the label's text works too.
  await ok(fx.daemon, { action: 'check', selector: 'label[for=agree]' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('agree').checked"), true);
});

test('select → {selected:[values]}; inputvalue shows the choice; several values on a multi-select', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'select', selector: '#colour', values: 'blue' }), { selected: ['blue'] });
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: '#colour' })).value, 'blue');
  await ok(fx.daemon, { action: 'select', selector: '#colour', values: 'Green' });
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: '#colour' })).value, 'green', 'select by label');
  assert.equal(await ok(fx.daemon, { action: 'select', selector: '#many', values: ['a', 'c'] }), { selected: ['a', 'c'] });
  assert.equal(await evaluate(fx.daemon, "[...document.getElementById('many').selectedOptions].map(o => o.value)"), ['a', 'c']);
});

test('scroll → {scrolled:true}; window.scrollY moves by direction/amount and by x/y', async () => {
  await open();
  assert.is(await evaluate(fx.daemon, 'window.scrollY'), 0);
  assert.equal(await ok(fx.daemon, { action: 'scroll', direction: 'down', amount: 400 }), { scrolled: true });
  assert.is(await evaluate(fx.daemon, 'window.scrollY'), 400);
  await ok(fx.daemon, { action: 'scroll', direction: 'up', amount: 150 });
  assert.is(await evaluate(fx.daemon, 'window.scrollY'), 250);
  await ok(fx.daemon, { action: 'scroll', y: 50 });
  assert.is(await evaluate(fx.daemon, 'window.scrollY'), 300);
  await ok(fx.daemon, { action: 'scroll', direction: 'down' });
  assert.is(await evaluate(fx.daemon, 'window.scrollY'), 400, 'default amount 100');
});

test('scroll with a selector brings the element into view', async () => {
  await open();
  await ok(fx.daemon, { action: 'scroll', selector: '#bottom' });
  assert.ok((await evaluate(fx.daemon, 'window.scrollY')) > 2000);
});

test('scrollintoview → {scrolled:true}; the element ends up inside the viewport', async () => {
  await open();
  const inView = "(() => { const r = document.getElementById('bottom').getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; })()";
  assert.is(await evaluate(fx.daemon, inView), false);
  assert.equal(await ok(fx.daemon, { action: 'scrollintoview', selector: '#bottom' }), { scrolled: true });
  assert.is(await evaluate(fx.daemon, inView), true);
});

test.run();
