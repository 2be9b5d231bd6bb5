/**
 * `sharedBrowser: true`: sessions launched with the same settings share one Chromium, which a
 * keeper process owns; each session works in browser contexts of its own. Real daemons, a real
 * keeper and a real Chromium: what one session does stays invisible to the other, closing one
 * leaves the other working, the keeper closes the browser once the last session has left, and a
 * shared browser that dies is replaced on the next command.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeSocketDir, startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { alive, commandOf, descendants, evaluate, eventually, ok } from '../helpers/e2e.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const test = suite('shared browser');
const SHARED = { AGENT_BROWSER_SHARED_BROWSER: '1' };

let socketDir = '';
let server: PageServer;
const daemons: TestDaemon[] = [];

test.before(async () => {
  socketDir = makeSocketDir();
  server = await startPageServer();
  server.page('/shared', '<!doctype html><title>Shared</title><p>hello</p><a id="dl" href="/report.txt" download="report.txt">report</a>');
  server.page('/report.txt', { body: 'shared report\n', type: 'text/plain', headers: { 'content-disposition': 'attachment; filename="report.txt"' } });
});
test.after(async () => {
  for (const daemon of daemons) await leave(daemon).catch(() => undefined);
  await eventually(() => keeperState() === null, 15_000);
  await server.close();
  fs.rmSync(socketDir, { recursive: true, force: true });
});

async function session(): Promise<TestDaemon> {
  const daemon = await startDaemon({ socketDir, env: SHARED });
  daemons.push(daemon);
  await ok(daemon, { action: 'navigate', url: server.url('/shared') });
  return daemon;
}

/** Closes a session (its daemon exits) without removing the socket folder the sessions share. */
async function leave(daemon: TestDaemon): Promise<void> {
  if (daemon.process.exitCode !== null || daemon.process.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => daemon.process.once('exit', () => resolve()));
  await daemon.request({ id: 'close', action: 'close' }, { timeoutMs: 10_000 });
  await exited;
}

/** The running keeper's state file (pid, endpoint, the browser's pid), or null. */
function keeperState(): { pid: number; browserPid: number } | null {
  if (!fs.existsSync(socketDir)) return null;
  const dir = fs.readdirSync(socketDir).find((name) => name.startsWith('agent-browser-shared-'));
  if (!dir) return null;
  const file = fs.readdirSync(path.join(socketDir, dir)).find((name) => name.endsWith('.json'));
  return file ? JSON.parse(fs.readFileSync(path.join(socketDir, dir, file), 'utf8')) : null;
}

/** Chromium browser processes (not renderers or helpers) under `pid`. */
function chromiumBrowsers(pid: number): number[] {
  return descendants(pid).filter((child) => /chrom/i.test(commandOf(child)) && !commandOf(child).includes('--type=') && !/crashpad/.test(commandOf(child)));
}

test('two sessions share one Chromium owned by the keeper, each with its own cookies and storage', async () => {
  const first = await session();
  const second = await session();
  const keeper = keeperState();
  assert.ok(keeper && alive(keeper.pid), 'a keeper runs');
  // The first daemon spawned the keeper, so the keeper's Chromium is among its descendants too.
  const browsers = new Set([...chromiumBrowsers(first.pid), ...chromiumBrowsers(second.pid), ...chromiumBrowsers(keeper!.pid)]);
  assert.equal([...browsers], [keeper!.browserPid], 'one Chromium for both sessions, the keeper’s');
  await evaluate(first, "document.cookie = 'who=first'; localStorage.setItem('who', 'first'); 1");
  assert.is(await evaluate(second, 'document.cookie'), '');
  assert.is(await evaluate(second, "localStorage.getItem('who')"), null);
  assert.is(await evaluate(first, 'document.cookie'), 'who=first');
  const status = await ok(first, { action: 'status' });
  assert.is(status.browser.shared, true);
});

test('a download the browser keeps in its own process reaches the session: to a path, or to a temporary copy', async () => {
  const [first] = daemons;
  const file = path.join(socketDir, 'saved', 'report.txt');
  await ok(first!, { action: 'download', selector: '#dl', path: file });
  assert.is(fs.readFileSync(file, 'utf8'), 'shared report\n');
  const waiting = first!.request({ id: 'wait-download', action: 'waitfordownload' });
  await eventually(async () => (await ok(first!, { action: 'status' })).activeRequests >= 1, 5000, 20);
  await ok(first!, { action: 'click', selector: '#dl' });
  const answer = await waiting;
  assert.ok(answer.success, JSON.stringify(answer));
  assert.is(answer.data.filename, 'report.txt');
  assert.is(fs.readFileSync(answer.data.path, 'utf8'), 'shared report\n');
});

test('closing one session leaves the other working; the keeper closes the browser once the last one leaves', async () => {
  const keeper = keeperState()!;
  const [first, second] = daemons;
  await leave(first!);
  assert.is(await evaluate(second!, 'document.title'), 'Shared');
  assert.ok(alive(keeper.browserPid), 'the browser still runs for the second session');
  await leave(second!);
  assert.ok(await eventually(() => !alive(keeper.pid) && !alive(keeper.browserPid), 15_000), 'keeper and browser exit once no session uses them');
  assert.is(keeperState(), null, 'the keeper removed its state file');
  daemons.length = 0;
});

test('a keeper whose folder was removed closes its browser and exits', async () => {
  await session();
  const keeper = keeperState()!;
  fs.rmSync(socketDir, { recursive: true, force: true });
  assert.ok(await eventually(() => !alive(keeper.pid) && !alive(keeper.browserPid), 10_000), 'keeper and browser exit');
  // Its socket went with the folder: stopped by signal.
  const orphan = daemons.pop()!;
  const exited = new Promise<void>((resolve) => orphan.process.once('exit', () => resolve()));
  orphan.process.kill('SIGTERM');
  await exited;
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
});

test('a shared browser that dies is replaced by the next command, which says what was lost', async () => {
  const daemon = await session();
  const before = keeperState()!;
  process.kill(before.browserPid, 'SIGKILL');
  assert.ok(await eventually(() => !alive(before.pid), 10_000), 'the keeper exits with its browser');
  const answer = await ok(daemon, { action: 'navigate', url: server.url('/shared') });
  assert.match(String(answer.warning), 'The browser exited unexpectedly');
  const after = keeperState();
  assert.ok(after && after.pid !== before.pid && alive(after.browserPid), 'a new keeper and browser');
  assert.is(await evaluate(daemon, 'document.title'), 'Shared');
});

test.run();
