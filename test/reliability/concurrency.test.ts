/**
 * The concurrency model against a real daemon and browser: page actions from many connections
 * run one at a time in arrival order; status, tab_list, cancel and close never wait behind a page
 * action; every request has a deadline the daemon enforces, after which the session still serves.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { alive, eventually } from '../helpers/e2e.js';
import { figure } from './_figures.js';

const test = suite('reliability: concurrency model');
let daemon: TestDaemon;

const PAGE = 'data:text/html,<title>Lane</title><h1>Lane</h1>';
/** A script that never settles: only the daemon's deadline or a cancel ends the request. */
const FOREVER = 'new Promise(() => {})';

test.before(async () => {
  daemon = await startDaemon({ env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '20000' } });
  await daemon.request({ id: 'open', action: 'navigate', url: PAGE });
});
test.after(async () => {
  await daemon?.stop();
});

const timed = async (request: Record<string, unknown>, timeoutMs = 60_000) => {
  const started = Date.now();
  const answer = await daemon.request(request, { timeoutMs });
  return { answer, ms: Date.now() - started };
};

test('page actions from 10 connections run one at a time, in arrival order', async () => {
  await daemon.request({ id: 'reset', action: 'evaluate', script: 'window.order = []; window.inside = 0; window.overlap = 0; 1' });
  // Later requests sleep less: run side by side, they would finish in reverse order.
  const requests: Array<Promise<Record<string, any>>> = [];
  for (let i = 0; i < 10; i++) {
    const script = `(async () => { window.inside++; if (window.inside > 1) window.overlap++; await new Promise((r) => setTimeout(r, ${(10 - i) * 30})); window.order.push(${i}); window.inside--; return ${i}; })()`;
    requests.push(daemon.request({ id: `order-${i}`, action: 'evaluate', script }));
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  const answers = await Promise.all(requests);
  const { result } = (await daemon.request({ id: 'check', action: 'evaluate', script: '({ order: window.order, overlap: window.overlap })' })).data;
  figure(`lane: 10 page actions from 10 connections → order ${JSON.stringify(result.order)}, ${result.overlap} overlapping`);
  assert.equal(
    answers.map((answer) => answer.data?.result),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.equal(result.order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.is(result.overlap, 0);
});

test('status, tab_list and actions answer at once while a page action is stuck; status names it', async () => {
  const stuck = daemon.request({ id: 'stuck-1', action: 'evaluate', script: FOREVER, timeout: 4000 }, { timeoutMs: 30_000 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const status = await timed({ id: 's', action: 'status' });
  const tabs = await timed({ id: 't', action: 'tab_list' });
  const actions = await timed({ id: 'a', action: 'actions' });
  figure(`control lane during a stuck evaluate: status ${status.ms} ms, tab_list ${tabs.ms} ms, actions ${actions.ms} ms`);
  assert.is(status.answer.success, true);
  assert.equal({ action: status.answer.data.lane.running?.action, id: status.answer.data.lane.running?.id }, { action: 'evaluate', id: 'stuck-1' });
  assert.is(tabs.answer.data.tabs.length, 1);
  assert.ok(status.ms < 2000 && tabs.ms < 2000 && actions.ms < 2000, 'answered without waiting for the 4 s deadline');
  await stuck;
});

test('a stuck action ends at its deadline with TIMEOUT naming the action and page; a request queued behind it says so; then the session serves', async () => {
  const started = Date.now();
  const stuck = daemon.request({ id: 'stuck-2', action: 'evaluate', script: FOREVER, timeout: 1500 }, { timeoutMs: 30_000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const behind = daemon.request({ id: 'behind', action: 'title', timeout: 300 }, { timeoutMs: 30_000 });
  const [stuckAnswer, behindAnswer] = await Promise.all([stuck, behind]);
  const stuckMs = Date.now() - started;
  const after = await timed({ id: 'after', action: 'title' });
  figure(`deadline: a never-settling evaluate (timeout 1500 ms) answered TIMEOUT after ${stuckMs} ms; the next action took ${after.ms} ms`);
  assert.is(stuckAnswer.code, 'TIMEOUT');
  assert.match(stuckAnswer.error, '"evaluate" did not finish within its 1500 ms timeout');
  assert.match(stuckAnswer.error, 'data:text/html');
  assert.is(behindAnswer.code, 'TIMEOUT');
  assert.match(behindAnswer.error, 'waited');
  assert.match(behindAnswer.error, 'behind "evaluate" (request stuck-2)');
  assert.is(after.answer.success, true, after.answer.error);
  assert.is(after.answer.data.title, 'Lane');
});

test('cancel answers the running request CANCELLED at once and the next one starts', async () => {
  const started = Date.now();
  const stuck = daemon.request({ id: 'stuck-3', action: 'evaluate', script: FOREVER }, { timeoutMs: 60_000 });
  const next = daemon.request({ id: 'next-3', action: 'title' }, { timeoutMs: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const cancel = await daemon.request({ id: 'cancel-3', action: 'cancel', requestId: 'stuck-3' });
  const [stuckAnswer, nextAnswer] = await Promise.all([stuck, next]);
  const ms = Date.now() - started;
  figure(`cancel: a never-settling evaluate (default timeout 20 s) cancelled after ${ms} ms; the request queued behind it ran`);
  assert.is(stuckAnswer.code, 'CANCELLED');
  assert.is(nextAnswer.success, true, nextAnswer.error);
  assert.ok(ms < 10_000, `${ms} ms`);
  assert.equal(cancel.data, { cancelled: 1, requests: [{ id: 'stuck-3', action: 'evaluate', state: 'running' }] });
  const none = await daemon.request({ id: 'cancel-none', action: 'cancel', requestId: 'nothing-by-this-id' });
  assert.equal(none.data, { cancelled: 0, requests: [] });
});

test('close does not wait behind a stuck page action: the daemon ends at once', async () => {
  const stuck = daemon
    .request({ id: 'stuck-4', action: 'evaluate', script: FOREVER }, { timeoutMs: 60_000 })
    .catch((error: Error) => ({ failed: error.message }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = Date.now();
  const closed = await daemon.request({ id: 'close', action: 'close' });
  const exited = await eventually(() => !alive(daemon.pid), 10_000, 25);
  figure(`close during a stuck evaluate: answered in ${Date.now() - started} ms, daemon gone: ${exited}`);
  assert.equal(closed.data, { closed: true });
  assert.ok(exited);
  await stuck;
});

test.run();
