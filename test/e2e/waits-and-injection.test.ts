/**
 * Raw input injection for streaming viewers (§2.12: input_mouse, input_keyboard, input_touch): the
 * page observes the injected mouse, keyboard and touch events.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('waits and injection');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '3000' } });

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

test.run();
