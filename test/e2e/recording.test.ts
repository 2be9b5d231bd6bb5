/**
 * Recording (§2.11): WebM videos from recording_start/stop/restart (in a window of their own, the tab
 * left as it was), video_start/video_stop, and a recording still running when the session closes.
 * CLI: `record start|stop|restart`, in one CLI test that also runs `console`, `errors`, `pdf`,
 * `trace` and `profiler` against the same page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { closedPort, evaluate, eventually, fails, ok, useFixture, openWaitsPage } from '../helpers/e2e.js';

const test = suite('recording');
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

/** The page the video_start/video_stop test records. */
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

test('video_start/video_stop record a real WebM (the reference only returned a note)', async () => {
  await openWaitsPage(fx);
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
