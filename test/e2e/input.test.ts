/**
 * Low-level input against a real page: keyboard and mouse primitives, taps on a desktop context,
 * synthetic events, HTML5 drag and drop with refs and highlight; one CLI test also drives the
 * clipboard, upload, multiselect, setvalue, clear and selectall (whose wire tests are in
 * clipboard.test.ts and forms.test.ts); raw input injection for streaming viewers (§2.12: input_mouse,
 * input_keyboard, input_touch). Each test checks what the page observed, not only the answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { eventually, evaluate, fails, keys, ok, useFixture, openWaitsPage } from '../helpers/e2e.js';

const test = suite('input');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/input-page.html';
let tmp = '';

async function open() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(PAGE) });
}

const events = async (): Promise<string[]> => evaluate(fx.daemon, 'window.events');
const value = async (selector: string) => (await ok(fx.daemon, { action: 'inputvalue', selector })).value;
const status = () => evaluate(fx.daemon, "document.getElementById('status').textContent");

/** The ref a snapshot printed on the line that contains `label`. */
function refOf(snapshot: string, label: string): string {
  const line = snapshot.split('\n').find((l) => l.includes(label));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  assert.ok(ref, `no ref for ${label} in:\n${snapshot}`);
  return `@${ref}`;
}

/** The same daemon through the CLI (one browser for the whole file). */
const cli = (...args: string[]) => runCli(args, { env: fx.daemon.env, cwd: tmp });

test.before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-input-'));
});
test.after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('keyboard: press (default), type and insertText act on the focused element', async () => {
  await open();
  await ok(fx.daemon, { action: 'focus', selector: '#field' });
  const typed = await ok(fx.daemon, { action: 'keyboard', subaction: 'type', text: 'abc' });
  assert.equal(typed, { typed: true, text: 'abc' });
  assert.is(await value('#field'), 'abc');
  const pressed = await ok(fx.daemon, { action: 'keyboard', keys: 'Backspace' });
  assert.equal(pressed, { pressed: 'Backspace' });
  assert.is(await value('#field'), 'ab');
  await evaluate(fx.daemon, 'window.events.length = 0');
  const inserted = await ok(fx.daemon, { action: 'keyboard', subaction: 'insertText', text: 'XY' });
  assert.equal(inserted, { inserted: true, text: 'XY' });
  assert.is(await value('#field'), 'abXY');
  assert.equal(await events(), ['input:insertText'], 'insertText fires no key events');
  await ok(fx.daemon, { action: 'keyboard', subaction: 'press', keys: 'Control+a' });
  await ok(fx.daemon, { action: 'keyboard', keys: 'Delete' });
  assert.is(await value('#field'), '');
});

test('keyboard: missing keys/text and unknown keys are parameter errors', async () => {
  await open();
  const noKeys = await fails(fx.daemon, { action: 'keyboard' }, 'INVALID_PARAMS');
  assert.match(noKeys.error, 'keys');
  const noText = await fails(fx.daemon, { action: 'keyboard', subaction: 'type' }, 'INVALID_PARAMS');
  assert.match(noText.error, 'text');
  const unknown = await fails(fx.daemon, { action: 'keyboard', keys: 'Contrl+a' }, 'INVALID_PARAMS');
  assert.match(unknown.error, 'Unknown key "Contrl"');
  await fails(fx.daemon, { action: 'keydown', key: 'Shfit' }, 'INVALID_PARAMS');
});

test('keydown / keyup → {down|up, key}; a click while Shift is held sees shiftKey', async () => {
  await open();
  const down = await ok(fx.daemon, { action: 'keydown', key: 'Shift' });
  assert.equal(down, { down: true, key: 'Shift' });
  await ok(fx.daemon, { action: 'click', selector: '#shift-check' });
  assert.is(await status(), 'shift=true');
  const up = await ok(fx.daemon, { action: 'keyup', key: 'Shift' });
  assert.equal(up, { up: true, key: 'Shift' });
  await ok(fx.daemon, { action: 'click', selector: '#shift-check' });
  assert.is(await status(), 'shift=false');
  const log = await events();
  assert.ok(log.includes('keydown:Shift') && log.includes('keyup:Shift'), log.join(' '));
});

test('inserttext → {inserted:true}; the text lands in the focused field', async () => {
  await open();
  await ok(fx.daemon, { action: 'focus', selector: '#area' });
  assert.equal(await ok(fx.daemon, { action: 'inserttext', text: 'héllo wörld' }), { inserted: true });
  assert.is(await value('#area'), 'héllo wörld');
});

test('mousemove / mousedown / mouseup reach the page with their coordinates and button', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'mousemove', x: 50, y: 60 }), { moved: true, x: 50, y: 60 });
  assert.equal(await ok(fx.daemon, { action: 'mousedown', button: 'right' }), { down: true });
  assert.equal(await ok(fx.daemon, { action: 'mouseup', button: 'right' }), { up: true });
  await ok(fx.daemon, { action: 'mousedown' });
  await ok(fx.daemon, { action: 'mouseup' });
  const log = await events();
  assert.ok(log.includes('mousemove:0:50,60'), log.join(' '));
  assert.ok(log.includes('mousedown:2:50,60') && log.includes('mouseup:2:50,60'), log.join(' '));
  assert.ok(log.includes('mousedown:0:50,60'), log.join(' '));
});

test('wheel → {scrolled:true}: scrolls the page, or the element under a selector', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'wheel', deltaY: 400 });
  assert.equal(data, { scrolled: true });
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, 'window.scrollY')) > 0, 5000), 'page scrolled');
  await evaluate(fx.daemon, 'window.scrollTo(0, 0)');
  await ok(fx.daemon, { action: 'wheel', deltaY: 150, selector: '#box' });
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, "document.getElementById('box').scrollTop")) > 0, 5000), 'box scrolled');
  await fails(fx.daemon, { action: 'wheel', deltaY: 10, selector: '#nope' }, 'ELEMENT_NOT_FOUND');
});

test('tap on a desktop context (no touch) → {tapped:true}: touch events, then a click', async () => {
  await open();
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const data = await ok(fx.daemon, { action: 'tap', selector: refOf(snap.snapshot, 'button "Tap me"') });
  assert.equal(data, { tapped: true });
  assert.ok(await eventually(async () => (await events()).includes('tap-click:touch'), 5000), (await events()).join(' '));
  const log = (await events()).filter((e) => e.startsWith('tap-'));
  assert.equal(log, ['tap-pointerdown:touch', 'tap-touchstart', 'tap-touchend', 'tap-click:touch']);
  await fails(fx.daemon, { action: 'tap', selector: '#nope' }, 'ELEMENT_NOT_FOUND');
});

test('dispatch → {dispatched}: native events reach handlers; eventInit.detail makes a CustomEvent', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'dispatch', selector: '#dispatch-target', event: 'click' }), { dispatched: 'click' });
  await ok(fx.daemon, { action: 'dispatch', selector: '#dispatch-target', event: 'item-added', eventInit: { detail: { id: 7 } } });
  const log = await events();
  assert.ok(log.includes('dispatch-click'), log.join(' '));
  assert.ok(log.includes('item-added:{"id":7}:true'), log.join(' '));
  await fails(fx.daemon, { action: 'dispatch', selector: '#nope', event: 'click' }, 'ELEMENT_NOT_FOUND');
});

test('drag with refs → {dragged:true}; the HTML5 drop handler received the card', async () => {
  await open();
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const source = refOf(snap.snapshot, '"Card A"');
  const target = refOf(snap.snapshot, '"Done column"');
  assert.equal(await ok(fx.daemon, { action: 'drag', source, target }), { dragged: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('drop').textContent"), 'dropped card');
  const missing = await fails(fx.daemon, { action: 'drag', source: '#card', target: '#nowhere' }, 'ELEMENT_NOT_FOUND');
  assert.match(missing.error, '#nowhere');
});

test('highlight → {highlighted:true}; the element carries a visible outline', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'highlight', selector: '#highlight-me' }), { highlighted: true });
  const style = await evaluate(
    fx.daemon,
    "(() => { const s = getComputedStyle(document.getElementById('highlight-me')); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; })()",
  );
  assert.equal(style, ['solid', '3px', 'rgb(255, 59, 48)']);
  assert.is(await evaluate(fx.daemon, "document.getElementById('highlight-me').hasAttribute('data-agent-browser-highlight')"), true);
  await fails(fx.daemon, { action: 'highlight', selector: '#nope' }, 'ELEMENT_NOT_FOUND');
});

test('CLI: keyboard, keydown/keyup, inserttext, mouse, tap, clipboard, dispatch, drag, upload, multiselect, setvalue, clear, selectall, highlight', async () => {
  await open();
  const run = async (...args: string[]) => {
    const result = await cli(...args);
    assert.is(result.code, 0, `${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  await run('focus', '#field');
  await run('keyboard', 'type', 'hi', 'there');
  assert.is(await value('#field'), 'hi there');
  await run('keyboard', 'press', 'Backspace');
  await run('keyboard', 'inserttext', 'E!');
  assert.is(await value('#field'), 'hi therE!');
  await run('inserttext', 'more');
  assert.is(await value('#field'), 'hi therE!more');
  await run('keydown', 'Shift');
  await run('click', '#shift-check');
  assert.is(await status(), 'shift=true');
  await run('keyup', 'Shift');

  await run('mouse', 'move', '30', '40');
  await run('mouse', 'down', 'middle');
  await run('mouse', 'up', 'middle');
  const log = await events();
  assert.ok(log.includes('mousedown:1:30,40') && log.includes('mouseup:1:30,40'), log.join(' '));
  await run('mouse', 'wheel');
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, 'window.scrollY')) === 100, 5000), 'mouse wheel scrolls 100 by default');
  await run('mouse', 'wheel', '200');
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, 'window.scrollY')) === 300, 5000), 'mouse wheel scrolled');
  await run('mouse', 'wheel', '-300');
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, 'window.scrollY')) === 0, 5000), 'negative wheel scrolled back');
  await run('mouse', 'wheel', '100', '0', '-s', '#box');
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, "document.getElementById('box').scrollTop")) > 0, 5000), 'box scrolled');

  assert.is(await run('tap', '#tap-target'), '✓ Done\n');
  assert.ok(await eventually(async () => (await events()).includes('tap-click:touch'), 5000));

  await run('clipboard', 'write', 'from', 'cli');
  assert.is(await run('clipboard', 'read'), 'from cli\n');
  await run('selectall', '#prefilled');
  await run('clipboard', 'copy');
  await run('focus', '#area');
  await run('clipboard', 'paste');
  assert.is(await value('#area'), 'copy me');

  await run('dispatch', '#dispatch-target', 'item-added', '--init', '{"detail":"cli"}');
  assert.ok((await events()).includes('item-added:"cli":true'));
  const badInit = await cli('dispatch', '#dispatch-target', 'x', '--init', '{nope');
  assert.is(badInit.code, 1);
  assert.match(badInit.stderr, '--init is not valid JSON');

  await run('drag', '#card', '#drop');
  assert.is(await evaluate(fx.daemon, "document.getElementById('drop').textContent"), 'dropped card');

  fs.writeFileSync(path.join(tmp, 'rel.txt'), 'relative!');
  await run('upload', '#file', 'rel.txt');
  assert.is(await status(), 'rel.txt:9', 'a relative path resolves from the CLI’s folder');
  const missing = await cli('upload', '#file', 'nope.txt');
  assert.is(missing.code, 1);
  assert.match(missing.stderr, `File not found: ${path.join(tmp, 'nope.txt')}`);

  await run('multiselect', '#multi', 'olives', 'ham');
  assert.equal(await evaluate(fx.daemon, "[...document.getElementById('multi').selectedOptions].map(o => o.value)"), ['olives', 'ham']);
  await run('setvalue', '#field', 'new', 'value');
  assert.is(await value('#field'), 'new value');
  await run('clear', '#field');
  assert.is(await value('#field'), '');
  await run('highlight', '#highlight-me');
  assert.is(await evaluate(fx.daemon, "getComputedStyle(document.getElementById('highlight-me')).outlineStyle"), 'solid');
  const json = await cli('--json', 'keyboard', 'press', 'Tab');
  assert.equal(json.json, { success: true, data: { pressed: 'Tab' }, error: null });
});

test('every input action answers with the reference data keys', async () => {
  await open();
  keys(await ok(fx.daemon, { action: 'mousemove', x: 1, y: 1 }), ['moved', 'x', 'y']);
  keys(await ok(fx.daemon, { action: 'keydown', key: 'a' }), ['down', 'key']);
  keys(await ok(fx.daemon, { action: 'keyup', key: 'a' }), ['up', 'key']);
  keys(await ok(fx.daemon, { action: 'clipboard', operation: 'read' }), ['text']);
});

test('input_mouse: pressed/released at viewport coordinates reach the page as a click there', async () => {
  await openWaitsPage(fx);
  for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'] as const) {
    assert.equal(await ok(fx.daemon, { action: 'input_mouse', type, x: 40, y: 50 }), { injected: true });
  }
  const events: Array<{ type: string; x: number; y: number }> = await evaluate(fx.daemon, 'window.events');
  assert.equal(
    events.map((e) => e.type),
    ['mousedown', 'mouseup', 'click'],
  );
  assert.equal({ x: events[2]!.x, y: events[2]!.y }, { x: 40, y: 50 });
  await fails(fx.daemon, { action: 'input_mouse', type: 'mouseHovered', x: 1, y: 1 }, 'INVALID_PARAMS');
});

test('input_keyboard: char events type into the focused field; keyDown/keyUp are accepted', async () => {
  await openWaitsPage(fx);
  await ok(fx.daemon, { action: 'focus', selector: '#field' });
  for (const text of ['h', 'i']) assert.equal(await ok(fx.daemon, { action: 'input_keyboard', type: 'char', text }), { injected: true });
  await ok(fx.daemon, { action: 'input_keyboard', type: 'keyDown', key: 'Shift', code: 'ShiftLeft', modifiers: 8 });
  await ok(fx.daemon, { action: 'input_keyboard', type: 'keyUp', key: 'Shift', code: 'ShiftLeft' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('field').value"), 'hi');
});

test('input_touch: touchStart/touchEnd reach the page as touch events at the point', async () => {
  await openWaitsPage(fx);
  assert.equal(await ok(fx.daemon, { action: 'input_touch', type: 'touchStart', touchPoints: [{ x: 30, y: 70 }] }), { injected: true });
  await ok(fx.daemon, { action: 'input_touch', type: 'touchEnd', touchPoints: [] });
  const events: Array<{ type: string; x: number; y: number }> = await evaluate(fx.daemon, 'window.events');
  const start = events.find((e) => e.type === 'touchstart');
  assert.ok(start, JSON.stringify(events));
  assert.equal({ x: start!.x, y: start!.y }, { x: 30, y: 70 });
  assert.ok(
    events.some((e) => e.type === 'touchend'),
    JSON.stringify(events),
  );
});

test.run();
