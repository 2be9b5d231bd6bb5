/**
 * Shared pieces of the e2e tier: a suite fixture (page server + one real daemon, set-up failures
 * reported by every test instead of vanishing), process-tree inspection, image headers, ports.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from './daemon.js';
import { startPageServer, type PageServer } from './server.js';

export interface Fixture {
  server: PageServer;
  daemon: TestDaemon;
}

/**
 * Runs `setUp` in the suite's `before`. uvu swallows errors of `before` hooks, so a set-up failure
 * is re-thrown by every test of the suite instead of vanishing.
 */
export function guardedSetUp(suite: Test, setUp: () => Promise<void> | void): void {
  let setupError: unknown = null;
  suite.before(async () => {
    try {
      await setUp();
    } catch (error) {
      setupError = error;
    }
  });
  suite.before.each(() => {
    if (setupError) throw setupError;
  });
}

/** Starts a page server and a daemon in `before` (see {@link guardedSetUp}) and stops both in `after`. */
export function useFixture(suite: Test, options: Parameters<typeof startDaemon>[0] = {}): Fixture {
  const fixture = {} as Fixture;
  guardedSetUp(suite, async () => {
    fixture.server = await startPageServer();
    fixture.daemon = await startDaemon(options);
  });
  suite.after(async () => {
    try {
      await fixture.daemon?.stop();
    } finally {
      await fixture.server?.close();
    }
  });
  return fixture;
}

/** Sends one request and asserts it succeeded; returns its `data`. */
export async function ok(daemon: TestDaemon, request: Record<string, unknown>): Promise<Record<string, any>> {
  const answer = await daemon.request({ id: `t-${String(request.action)}`, ...request });
  assert.ok(answer.success, `${JSON.stringify(request)} failed: ${answer.error} (${answer.code})`);
  return answer.data;
}

/** Sends one request and asserts it failed; returns the whole answer. */
export async function fails(daemon: TestDaemon, request: Record<string, unknown>, code?: string): Promise<Record<string, any>> {
  const answer = await daemon.request({ id: `t-${String(request.action)}`, ...request });
  assert.is(answer.success, false, `${JSON.stringify(request)} should fail but answered ${JSON.stringify(answer.data)}`);
  assert.type(answer.error, 'string');
  if (code) assert.is(answer.code, code, `code of ${JSON.stringify(request)}: ${answer.error}`);
  return answer;
}

/** Evaluates `script` in the page and returns its result. */
export async function evaluate(daemon: TestDaemon, script: string): Promise<any> {
  return (await ok(daemon, { action: 'evaluate', script })).result;
}

/** Asserts the exact set of keys of a response's data. */
export function keys(data: Record<string, unknown>, expected: string[], label = ''): void {
  assert.equal(Object.keys(data).sort(), [...expected].sort(), `data keys ${label}: ${JSON.stringify(data).slice(0, 300)}`);
}

/** Every descendant pid of `pid` (children, grandchildren, …), from `ps --ppid`. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    let text = '';
    try {
      text = execFileSync('ps', ['-o', 'pid=', '--ppid', String(parent)], { encoding: 'utf8' });
    } catch {
      text = ''; // ps exits 1 when there are none
    }
    for (const child of text.split(/\s+/).filter(Boolean).map(Number)) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/** The command line of a pid, or '' when it is gone. */
export function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The daemon's browser processes (its descendants that are Chrome/Chromium). */
export function browserPids(daemonPid: number): number[] {
  return descendants(daemonPid).filter((pid) => /chrom/i.test(commandOf(pid)));
}

/** True while `pid` is a live (non-zombie) process. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}

/** Polls `condition` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, stepMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Width and height from a PNG's IHDR chunk (throws unless `bytes` is a PNG). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.ok(isPng(bytes), `not a PNG: ${bytes.subarray(0, 8).toString('hex')}`);
  assert.is(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

export function isJpeg(bytes: Buffer): boolean {
  return (
    bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9
  );
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server whose answers are late: `/slow?ms=N` answers after N ms (CORS open). */
export async function startSlowServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const ms = Number(url.searchParams.get('ms') ?? '1000');
    const timer = setTimeout(() => {
      response.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      response.end('late');
    }, ms);
    response.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const ANSI = /\u001b\[/;

/** Asserts a wire error message is plain text an agent can read. */
export function plainMessage(message: unknown): void {
  assert.type(message, 'string');
  assert.not.ok(ANSI.test(message as string), `ANSI escape in: ${JSON.stringify(message)}`);
}

/**
 * The refs a snapshot printed for lines containing `line` (e.g. `button "Save"`), in order. Refs are
 * bound to elements and keep their numbers across snapshots, so tests read them, never assume them.
 */
export function refsOf(snapshot: string, line: string): string[] {
  const refs: string[] = [];
  for (const text of snapshot.split('\n')) {
    if (!text.includes(line)) continue;
    const ref = /\[ref=(e\d+)\]/.exec(text)?.[1];
    if (ref) refs.push(ref);
  }
  return refs;
}

/** The one ref a snapshot printed for `line`; fails the test when there is not exactly one. */
export function refOf(snapshot: string, line: string): string {
  const refs = refsOf(snapshot, line);
  if (refs.length !== 1) throw new Error(`expected one ref for ${line}, found ${refs.length} in:\n${snapshot}`);
  return refs[0]!;
}

/**
 * A page with a text field, a pad that records mouse and touch events in `window.events`, and
 * `later()`, which changes the URL to /waits/done and sets `window.ready` after 300 ms.
 */
const WAITS_PAGE = `<!doctype html><title>Waits</title>
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

/** Opens the waits page at /waits/start in the fixture's daemon. */
export async function openWaitsPage(fx: Fixture): Promise<void> {
  fx.server.page('/waits/start', WAITS_PAGE);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/waits/start') });
}

/** A daemon connection that keeps every answer (a test can then search them all), with ok/fails helpers. */
export class Wire {
  readonly answers: Array<Record<string, any>> = [];
  constructor(readonly daemon: TestDaemon) {}

  async send(request: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await this.daemon.request({ id: `w-${String(request.action)}`, ...request });
    this.answers.push(answer);
    return answer;
  }

  async ok(request: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await this.send(request);
    assert.ok(answer.success, `${String(request.action)} failed: ${answer.error} (${answer.code})`);
    return answer.data;
  }

  async fails(request: Record<string, unknown>, code: string): Promise<string> {
    const answer = await this.send(request);
    assert.is(answer.success, false, `${String(request.action)} should fail, answered ${JSON.stringify(answer.data)}`);
    assert.is(answer.code, code, answer.error);
    return answer.error;
  }
}
