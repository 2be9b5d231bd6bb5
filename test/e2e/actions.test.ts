/**
 * Every built-in action once against a real page: the response carries the reference's `data`
 * keys (§2.1–2.5, with 0.19's `origin` where 0.19 has it), and the page shows what a user would
 * see after it.
 */
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { alive, eventually, evaluate, isPng, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('actions');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const ACTIONS = '/e2e/actions.html';
const SECOND = '/e2e/second.html';

async function open(pathname = ACTIONS) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

const text = async (selector: string) => (await ok(fx.daemon, { action: 'gettext', selector })).text;

test('launch → {launched:true}; a second launch is a no-op; status shows the browser', async () => {
  const first = await ok(fx.daemon, { action: 'launch' });
  assert.equal(first, { launched: true });
  assert.equal(await ok(fx.daemon, { action: 'launch', headless: true }), { launched: true });
  const status = await ok(fx.daemon, { action: 'status' });
  assert.is(status.pid, fx.daemon.pid);
  assert.is(status.session, fx.daemon.session);
  assert.is(status.browser.launched, true);
  assert.is(status.browser.tabs, 1);
});

test('navigate → {url, title} of the loaded page', async () => {
  const data = await open();
  keys(data, ['url', 'title']);
  assert.equal(data, { url: fx.server.url(ACTIONS), title: 'Actions' });
  assert.is(await evaluate(fx.daemon, 'document.readyState'), 'complete');
});

test('url and title → {url} / {title}', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'url' }), { url: fx.server.url(ACTIONS) });
  assert.equal(await ok(fx.daemon, { action: 'title' }), { title: 'Actions' });
});

test('back / forward / reload → {url}; reload starts the document afresh', async () => {
  await open();
  await open(SECOND);
  const back = await ok(fx.daemon, { action: 'back' });
  keys(back, ['url']);
  assert.is(back.url, fx.server.url(ACTIONS));
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Actions');
  const forward = await ok(fx.daemon, { action: 'forward' });
  assert.equal(forward, { url: fx.server.url(SECOND) });
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Second');
  await evaluate(fx.daemon, 'window.marker = 42');
  assert.is(await evaluate(fx.daemon, 'window.marker'), 42);
  const reload = await ok(fx.daemon, { action: 'reload' });
  assert.equal(reload, { url: fx.server.url(SECOND) });
  assert.is(await evaluate(fx.daemon, 'typeof window.marker'), 'undefined');
});

test('content → {html, origin}: the whole document, or one element’s inner HTML', async () => {
  await open();
  const page = await ok(fx.daemon, { action: 'content' });
  keys(page, ['html', 'origin']);
  assert.ok(page.html.startsWith('<!DOCTYPE html>'), page.html.slice(0, 40));
  assert.ok(page.html.includes('<h1 id="heading" data-kind="title">Actions page</h1>'));
  assert.is(page.origin, fx.server.url(ACTIONS));
  const part = await ok(fx.daemon, { action: 'content', selector: '#rich' });
  assert.is(part.html, '<b>bold</b> and <i>italic</i>');
});

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

test('screenshot → {base64} without a path, {path} with one', async () => {
  await open();
  const inline = await ok(fx.daemon, { action: 'screenshot' });
  keys(inline, ['base64']);
  assert.ok(isPng(Buffer.from(inline.base64, 'base64')));
  const file = `${fx.daemon.socketDir}/actions.png`;
  assert.equal(await ok(fx.daemon, { action: 'screenshot', path: file }), { path: file });
  assert.ok(isPng(fs.readFileSync(file)));
});

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

test('evaluate → {result, origin} with JSON values', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'evaluate', script: '1 + 2' });
  keys(data, ['result', 'origin']);
  assert.is(data.result, 3);
  assert.is(data.origin, fx.server.url(ACTIONS));
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Actions');
  assert.equal(await evaluate(fx.daemon, '({ a: 1, b: [true, null, "x"], c: { d: 2.5 } })'), { a: 1, b: [true, null, 'x'], c: { d: 2.5 } });
  assert.equal(await evaluate(fx.daemon, "[...document.querySelectorAll('li.item')].map(li => li.textContent)"), ['One', 'Two', 'Three']);
  assert.is(await evaluate(fx.daemon, 'null'), null);
  assert.is(await evaluate(fx.daemon, 'undefined'), null);
  assert.is(await evaluate(fx.daemon, 'false'), false);
  assert.is(await evaluate(fx.daemon, 'Promise.resolve("async value")'), 'async value');
});

test('actions → every built-in with summary and params', async () => {
  const data = await ok(fx.daemon, { action: 'actions' });
  keys(data, ['actions']);
  const names = (data.actions as { name: string; summary: string; params: unknown }[]).map((a) => a.name);
  const builtins =
    'launch navigate back forward reload url title content close click dblclick fill type press hover focus check uncheck scrollintoview select scroll gettext getattribute inputvalue innerhtml isvisible isenabled ischecked count snapshot screenshot wait evaluate status actions'.split(
      ' ',
    );
  for (const name of builtins) assert.ok(names.includes(name), `actions lists ${name}`);
  for (const action of data.actions) {
    assert.type(action.summary, 'string');
    assert.ok(action.summary.length > 0, action.name);
    assert.type(action.params, 'object');
  }
  const click = data.actions.find((a: { name: string }) => a.name === 'click');
  assert.ok(Object.keys(click.params.properties).includes('selector'));
});

test('close → {closed:true}; the daemon exits and removes its files', async () => {
  const data = await ok(fx.daemon, { action: 'close' });
  assert.equal(data, { closed: true });
  assert.ok(await eventually(() => !alive(fx.daemon.pid)), 'daemon exited');
  assert.not.ok(fs.existsSync(fx.daemon.socketPath), 'socket removed');
  assert.not.ok(fs.existsSync(`${fx.daemon.socketDir}/${fx.daemon.session}.pid`), 'pid file removed');
  const after = await fx.daemon.request({ id: 'after', action: 'url' }).then(
    (answer) => `answered ${JSON.stringify(answer)}`,
    (error: NodeJS.ErrnoException) => error.code,
  );
  assert.ok(after === 'ENOENT' || after === 'ECONNREFUSED', `nothing listens any more: ${after}`);
});

test.run();
