/**
 * Debugging output (§2.4, §2.11, §2.14): console messages and page errors of every tab, PDFs,
 * Playwright traces, WebM recordings and Chrome profiles — the files exist with the right bytes.
 * CLI: `console`, `errors`, `pdf`, `trace start|stop`, `record start|stop|restart`, `profiler start|stop`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { closedPort, evaluate, eventually, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('debug');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '8000' } });

const CONSOLE = '/e2e/debug-console.html';
const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

const file = (name: string) => path.join(fx.daemon.socketDir, name);
const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

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

test('pdf → {path}: a real PDF, Letter by default, A4 on request', async () => {
  await open();
  const letter = await ok(fx.daemon, { action: 'pdf', path: file('page.pdf') });
  assert.equal(letter, { path: file('page.pdf') });
  const bytes = fs.readFileSync(file('page.pdf'));
  assert.is(bytes.subarray(0, 4).toString('latin1'), '%PDF');
  assert.match(bytes.toString('latin1'), /\/MediaBox \[0 0 612 792\]/);
  await ok(fx.daemon, { action: 'pdf', path: file('nested/a4.pdf'), format: 'A4' });
  const a4 = fs.readFileSync(file('nested/a4.pdf')).toString('latin1');
  assert.ok(a4.startsWith('%PDF'));
  assert.match(a4, /\/MediaBox \[0 0 59[45][.\d]* 84[12][.\d]*\]/);
  await fails(fx.daemon, { action: 'pdf', path: file('x.pdf'), format: 'B5' }, 'INVALID_PARAMS');
});

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

test('recording: start → {started, path}; errors of the reference; stop → {path, frames} with a WebM file', async () => {
  await open();
  const video = file('first.webm');
  await fails(fx.daemon, { action: 'recording_start', path: file('clip.mp4') }, 'INVALID_PARAMS').then((a) =>
    assert.match(a.error, /only supports WebM format/),
  );
  fs.writeFileSync(file('taken.webm'), 'x');
  await fails(fx.daemon, { action: 'recording_start', path: file('taken.webm') }, 'FILE_EXISTS').then((a) =>
    assert.is(a.error, `Output file already exists: ${file('taken.webm')}`),
  );

  assert.equal(await ok(fx.daemon, { action: 'recording_start', path: video }), { started: true, path: video });
  const again = await fails(fx.daemon, { action: 'recording_start', path: file('other.webm') }, 'ALREADY_STARTED');
  assert.match(again.error, /^Recording already in progress\. Run 'record stop' first, or use 'record restart'/);
  // The page is back, and still usable while recording.
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(CONSOLE));
  await evaluate(fx.daemon, "document.body.style.background = 'rgb(200, 0, 0)'");
  await new Promise((resolve) => setTimeout(resolve, 600));
  const stopped = await ok(fx.daemon, { action: 'recording_stop' });
  assert.equal(stopped, { path: video, frames: 0 });
  const bytes = fs.readFileSync(video);
  assert.ok(bytes.length > 1000, `webm has ${bytes.length} bytes`);
  assert.ok(bytes.subarray(0, 4).equals(EBML), `EBML magic, got ${bytes.subarray(0, 4).toString('hex')}`);
  assert.ok(bytes.includes(Buffer.from('webm')), 'DocType webm');
  // The session goes on without recording.
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(CONSOLE));
  assert.equal(await ok(fx.daemon, { action: 'recording_stop' }), { path: '', frames: 0, error: 'No recording in progress' });
});

test('recording runs in a window of its own: the tab as it was (typed text, cookies) is active again after stop', async () => {
  await open();
  await evaluate(
    fx.daemon,
    "document.cookie = 'kept=yes'; document.body.insertAdjacentHTML('beforeend', '<input id=typed>'); document.getElementById('typed').value = 'half done'; true",
  );
  await ok(fx.daemon, { action: 'recording_start', path: file('window.webm') });
  const during = await ok(fx.daemon, { action: 'tab_list' });
  assert.is(during.tabs.length, 2, 'the recording tab is a second tab');
  assert.is(during.active, 1);
  assert.is(during.tabs[1].url, fx.server.url(CONSOLE), 'it opened the same page');
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'kept=yes', 'with the session’s cookies');
  await new Promise((resolve) => setTimeout(resolve, 600));
  await ok(fx.daemon, { action: 'recording_stop' });
  const after = await ok(fx.daemon, { action: 'tab_list' });
  assert.equal(
    after.tabs.map((tab: { url: string }) => tab.url),
    [fx.server.url(CONSOLE)],
  );
  assert.is(await evaluate(fx.daemon, "document.getElementById('typed').value"), 'half done', 'the page was not reloaded');
  const bytes = fs.readFileSync(file('window.webm'));
  assert.ok(bytes.subarray(0, 4).equals(EBML), `a WebM file (EBML magic), got ${bytes.length} bytes starting ${bytes.subarray(0, 4).toString('hex')}`);
});

test('recording_start {url} opens it; recording_restart saves the previous video and starts another', async () => {
  await open('/e2e/second.html');
  const first = file('one.webm');
  const second = file('two.webm');
  await ok(fx.daemon, { action: 'recording_start', path: first, url: fx.server.url(CONSOLE) });
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(CONSOLE));
  const restarted = await ok(fx.daemon, { action: 'recording_restart', path: second });
  assert.equal(restarted, { started: true, path: second, previousPath: first, stopped: true });
  assert.ok(fs.readFileSync(first).subarray(0, 4).equals(EBML));
  await ok(fx.daemon, { action: 'recording_stop' });
  assert.ok(fs.readFileSync(second).subarray(0, 4).equals(EBML));
  const fresh = await ok(fx.daemon, { action: 'recording_restart', path: file('three.webm') });
  assert.equal(fresh, { started: true, path: file('three.webm'), stopped: false });
  await ok(fx.daemon, { action: 'recording_stop' });
  assert.ok(fs.statSync(file('three.webm')).size > 0);

  const down = `http://127.0.0.1:${await closedPort()}/`;
  const failed = await fails(fx.daemon, { action: 'recording_start', path: file('four.webm'), url: down }, 'NAVIGATION_FAILED');
  assert.match(failed.error, /^Recording to .*four\.webm started, but opening .* failed: .*ERR_CONNECTION_REFUSED.*Run 'record stop' to end the recording\.$/s);
  assert.equal(await ok(fx.daemon, { action: 'recording_stop' }), { path: file('four.webm'), frames: 0 });
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

test('CLI: console, errors, pdf, trace, record, profiler', async () => {
  await ok(fx.daemon, { action: 'console', clear: true });
  await ok(fx.daemon, { action: 'errors', clear: true });
  await open();
  await eventually(async () => (await errors()).length > 0);
  const consoleOut = await cli('console');
  assert.is(consoleOut.code, 0, consoleOut.stderr);
  assert.match(consoleOut.stdout, /\[log\] hello from the page 42\n\[warning\] careful now\n\[error\] something failed/);
  const cleared = await cli('console', '--clear');
  assert.is(cleared.code, 0);
  assert.equal(await messages(), []);
  const errorsOut = await cli('errors');
  assert.is(errorsOut.stdout, '✗ boom from the page\n');
  assert.is((await cli('errors', '--clear')).code, 0);
  assert.equal(await errors(), []);

  const pdf = await cli('pdf', 'cli.pdf', '--format', 'A4');
  assert.is(pdf.code, 0, pdf.stderr);
  assert.is(pdf.stdout, `✓ PDF saved to ${file('cli.pdf')}\n`);
  assert.is(fs.readFileSync(file('cli.pdf')).subarray(0, 4).toString('latin1'), '%PDF');

  assert.is((await cli('trace', 'start', '--no-screenshots')).code, 0);
  const trace = await cli('trace', 'stop', 'cli-trace.zip');
  assert.is(trace.code, 0, trace.stderr);
  assert.is(trace.stdout, `✓ Trace saved to ${file('cli-trace.zip')}\n`);
  assert.is(fs.readFileSync(file('cli-trace.zip')).subarray(0, 2).toString('latin1'), 'PK');

  const start = await cli('record', 'start', 'cli.webm');
  assert.is(start.code, 0, start.stderr);
  assert.is(start.stdout, `✓ Recording started: ${file('cli.webm')}\n`);
  const restart = await cli('record', 'restart', 'cli-2.webm', fx.server.url('/e2e/second.html'));
  assert.is(restart.code, 0, restart.stderr);
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url('/e2e/second.html'));
  const stop = await cli('record', 'stop');
  assert.is(stop.stdout, `✓ Recording saved to ${file('cli-2.webm')}\n`);
  assert.ok(fs.readFileSync(file('cli.webm')).subarray(0, 4).equals(EBML));
  assert.ok(fs.readFileSync(file('cli-2.webm')).subarray(0, 4).equals(EBML));
  const idle = await cli('record', 'stop');
  assert.is(idle.code, 0);
  assert.match(idle.stdout, /No recording in progress/);
  const wrong = await cli('record', 'start', 'clip.mp4');
  assert.is(wrong.code, 1);
  assert.match(wrong.stderr, /only supports WebM format/);

  assert.is((await cli('profiler', 'start', '--categories', 'blink.user_timing,devtools.timeline')).code, 0);
  const profile = await cli('profiler', 'stop', 'cli-profile.json');
  assert.is(profile.code, 0, profile.stderr);
  assert.match(profile.stdout, new RegExp(`^✓ Profile saved to ${file('cli-profile.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n  \\d+ trace events\n$`));
  assert.ok(Array.isArray(JSON.parse(fs.readFileSync(file('cli-profile.json'), 'utf8')).traceEvents));
});

// Last: it stops the suite's daemon.
test('a recording still running when the session closes is saved, not lost', async () => {
  await open();
  // Outside the daemon's folder, which the test helper removes when the daemon exits.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-video-'));
  try {
    const video = path.join(dir, 'on-close.webm');
    await ok(fx.daemon, { action: 'recording_start', path: video });
    const exited = new Promise<void>((resolve) => fx.daemon.process.once('exit', () => resolve()));
    assert.equal(await ok(fx.daemon, { action: 'close' }), { closed: true });
    await exited;
    const bytes = fs.readFileSync(video);
    assert.ok(bytes.subarray(0, 4).equals(EBML), `EBML magic, got ${bytes.subarray(0, 4).toString('hex')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
