/**
 * The reference's remaining waits (§2.5: waitforurl, waitforloadstate, waitforfunction and the
 * CLI's `wait --url|--load|--fn`), raw input injection for streaming viewers (§2.12: input_mouse,
 * input_keyboard, input_touch), `pause` (Inspector, headed only) and video_start/video_stop.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('waits and injection');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '3000' } });

const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

const PAGE = `<!doctype html><title>Waits</title>
<input id="field">
<div id="pad" style="width:300px;height:200px;background:#eee"></div>
<script>
  window.events = [];
  const pad = document.getElementById('pad');
  for (const type of ['mousedown', 'mouseup', 'click', 'touchstart', 'touchend']) {
    pad.addEventListener(type, (e) => {
      const point = e.touches && e.touches[0] ? e.touches[0] : e.changedTouches && e.changedTouches[0] ? e.changedTouches[0] : e;
      window.events.push({ type, x: Math.round(point.clientX), y: Math.round(point.clientY) });
    }, { passive: true });
  }
  function later() {
    setTimeout(() => { history.pushState({}, '', '/waits/done'); window.ready = true; }, 300);
  }
</script>`;

async function open() {
  fx.server.page('/waits/start', PAGE);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/waits/start') });
}

test('waitforurl → {url} once the URL matches a glob, a /regex/ or the exact URL; TIMEOUT names the URL it has', async () => {
  await open();
  await evaluate(fx.daemon, 'later()');
  assert.equal(await ok(fx.daemon, { action: 'waitforurl', url: '**/waits/done' }), { url: fx.server.url('/waits/done') });
  assert.equal(await ok(fx.daemon, { action: 'waitforurl', url: '/done$/' }), { url: fx.server.url('/waits/done') });
  const timeout = await fails(fx.daemon, { action: 'waitforurl', url: '**/never', timeout: 300 }, 'TIMEOUT');
  assert.match(timeout.error, '/waits/done');
});

test('waitforloadstate → {state}', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'waitforloadstate', state: 'domcontentloaded' }), { state: 'domcontentloaded' });
  assert.equal(await ok(fx.daemon, { action: 'waitforloadstate', state: 'load' }), { state: 'load' });
  await fails(fx.daemon, { action: 'waitforloadstate', state: 'later' }, 'INVALID_PARAMS');
});

test('waitforfunction → {waited:true} when the expression turns truthy; a throwing one → EVALUATION_FAILED; never → TIMEOUT', async () => {
  await open();
  await evaluate(fx.daemon, 'later()');
  assert.equal(await ok(fx.daemon, { action: 'waitforfunction', expression: 'window.ready === true' }), { waited: true });
  await fails(fx.daemon, { action: 'waitforfunction', expression: 'missingThing.x' }, 'EVALUATION_FAILED');
  await fails(fx.daemon, { action: 'waitforfunction', expression: 'false', timeout: 300 }, 'TIMEOUT');
});

test('CLI: wait --url, wait --load, wait --fn; two kinds of wait at once is refused', async () => {
  await open();
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

test('input_mouse: pressed/released at viewport coordinates reach the page as a click there', async () => {
  await open();
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
  await open();
  await ok(fx.daemon, { action: 'focus', selector: '#field' });
  for (const text of ['h', 'i']) assert.equal(await ok(fx.daemon, { action: 'input_keyboard', type: 'char', text }), { injected: true });
  await ok(fx.daemon, { action: 'input_keyboard', type: 'keyDown', key: 'Shift', code: 'ShiftLeft', modifiers: 8 });
  await ok(fx.daemon, { action: 'input_keyboard', type: 'keyUp', key: 'Shift', code: 'ShiftLeft' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('field').value"), 'hi');
});

test('input_touch: touchStart/touchEnd reach the page as touch events at the point', async () => {
  await open();
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

test('pause in a headless browser answers NOT_SUPPORTED with advice instead of blocking', async () => {
  await open();
  const answer = await fails(fx.daemon, { action: 'pause' }, 'NOT_SUPPORTED');
  assert.match(answer.error, '--headed');
  assert.equal(await ok(fx.daemon, { action: 'url' }), { url: fx.server.url('/waits/start') });
});

test('video_start/video_stop record a real WebM (the reference only returned a note)', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'video_stop' }), { note: 'No video recording active' });
  const file = path.join(fx.daemon.socketDir, 'clip.webm');
  assert.equal(await ok(fx.daemon, { action: 'video_start', path: file }), { started: true, path: file });
  // Frames are encoded as the page paints: change it and let time pass before stopping.
  await evaluate(fx.daemon, "document.body.style.background = 'rgb(0, 120, 200)'");
  await ok(fx.daemon, { action: 'wait', timeout: 600 });
  assert.equal(await ok(fx.daemon, { action: 'video_stop' }), { path: file });
  const bytes = fs.readFileSync(file);
  assert.ok(bytes.length > 1000, `video has ${bytes.length} bytes`);
  assert.equal(bytes.subarray(0, 4), EBML);
});

test.run();
