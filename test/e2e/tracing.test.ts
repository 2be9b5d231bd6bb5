/**
 * Tracing (§2.11, §2.14): Playwright traces (trace_start/trace_stop → a zip with a trace.trace entry)
 * and Chrome profiles (profiler_start/profiler_stop → trace JSON with the page's own marks, limited
 * to the requested categories). The CLI's `trace` and `profiler` are in recording.test.ts's CLI test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('tracing');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '8000' } });

const CONSOLE = '/e2e/debug-console.html';

const file = (name: string) => path.join(fx.daemon.socketDir, name);

async function open(pathname = CONSOLE) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

test('trace_start / trace_stop → {started} / {path}: a Playwright trace zip; {traceStopped} without a path', async () => {
  await open();
  await fails(fx.daemon, { action: 'trace_stop', path: file('none.zip') }, 'NOT_STARTED');
  assert.equal(await ok(fx.daemon, { action: 'trace_start' }), { started: true });
  await fails(fx.daemon, { action: 'trace_start' }, 'ALREADY_STARTED');
  await ok(fx.daemon, { action: 'click', selector: 'h1' });
  assert.equal(await ok(fx.daemon, { action: 'trace_stop', path: file('trace.zip') }), { path: file('trace.zip') });
  const zip = fs.readFileSync(file('trace.zip'));
  assert.is(zip.subarray(0, 2).toString('latin1'), 'PK');
  assert.ok(zip.includes(Buffer.from('trace.trace')), 'the zip holds a trace.trace entry');
  await ok(fx.daemon, { action: 'trace_start', screenshots: false, snapshots: false });
  assert.equal(await ok(fx.daemon, { action: 'trace_stop' }), { traceStopped: true });
});

test('profiler_start / profiler_stop → {started} / {path, eventCount}: Chrome trace JSON with traceEvents', async () => {
  await open();
  await fails(fx.daemon, { action: 'profiler_stop' }, 'NOT_STARTED');
  assert.equal(await ok(fx.daemon, { action: 'profiler_start' }), { started: true });
  await fails(fx.daemon, { action: 'profiler_start' }, 'ALREADY_STARTED');
  await evaluate(fx.daemon, 'performance.mark("agent-mark"); let s = 0; for (let i = 0; i < 1e5; i++) s += i; s');
  const data = await ok(fx.daemon, { action: 'profiler_stop', path: file('profile.json') });
  keys(data, ['path', 'eventCount']);
  assert.is(data.path, file('profile.json'));
  const profile = JSON.parse(fs.readFileSync(file('profile.json'), 'utf8'));
  assert.ok(Array.isArray(profile.traceEvents));
  assert.is(profile.traceEvents.length, data.eventCount);
  assert.ok(data.eventCount > 0);
  assert.ok(
    profile.traceEvents.some((e: { name?: string }) => e.name === 'agent-mark'),
    'the page’s user-timing mark is in the profile',
  );

  await ok(fx.daemon, { action: 'profiler_start', categories: ['blink.user_timing'] });
  await evaluate(fx.daemon, 'performance.mark("only-mark"); 1');
  const narrow = await ok(fx.daemon, { action: 'profiler_stop' });
  assert.ok(fs.existsSync(narrow.path), 'a default path in the temp folder');
  const events = JSON.parse(fs.readFileSync(narrow.path, 'utf8')).traceEvents as Array<{ cat?: string; name?: string }>;
  assert.ok(events.some((e) => e.name === 'only-mark'));
  assert.not.ok(
    events.some((e) => e.cat === 'devtools.timeline'),
    'only the requested category (plus metadata) was recorded',
  );
  fs.rmSync(narrow.path, { force: true });
});

test.run();
