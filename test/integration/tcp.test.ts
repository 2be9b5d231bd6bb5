// The TCP transport (PROTOCOL.md §1): 127.0.0.1 only, the hash port or an OS-assigned fallback
// written to `.port`, the per-session token, AGENT_BROWSER_TCP_AUTH=none, and the CLI over TCP.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { portForSession } from '../../src/transport/endpoints.js';
import { runCli } from '../helpers/cli.js';
import { startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { modeOf, octal, portFree, rawSession } from './_support.js';

const daemons: TestDaemon[] = [];
const servers: net.Server[] = [];

async function tcpDaemon(options: Parameters<typeof startDaemon>[0] = {}): Promise<TestDaemon> {
  const daemon = await startDaemon({ transport: 'tcp', ...options });
  daemons.push(daemon);
  return daemon;
}

/** A session name unique to this run whose hash port is free right now. */
async function sessionWithFreeHashPort(prefix: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const session = `${prefix}-${process.pid}-${Date.now().toString(36)}-${i}`;
    if (await portFree(portForSession(session))) return session;
  }
  throw new Error('no session name with a free hash port found');
}

/** Listening TCP sockets from /proc/net/tcp{,6} as [local address hex, port]. */
function listeningSockets(): Array<{ file: string; address: string; port: number }> {
  const out: Array<{ file: string; address: string; port: number }> = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [address, port] = cols[1]!.split(':');
      out.push({ file, address: address!, port: parseInt(port!, 16) });
    }
  }
  return out;
}

function connectResult(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, 3000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
  });
}

test.after.each(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('uses the hash port of its session when it is free, and writes it to .port', async () => {
  const session = await sessionWithFreeHashPort('hash');
  const expected = portForSession(session);
  const daemon = await tcpDaemon({ session });
  assert.is(daemon.port, expected);
  assert.is(fs.readFileSync(path.join(daemon.socketDir, `${session}.port`), 'utf8').trim(), String(expected));
  assert.is(daemon.address, `127.0.0.1:${expected}`);
  assert.not.ok(fs.existsSync(daemon.socketPath), 'no Unix socket for a TCP daemon');
  const status = await daemon.request({ id: 's', action: 'status' });
  assert.is(status.success, true);
  assert.is(status.data.transport, 'tcp');
  assert.is(status.data.address, `127.0.0.1:${expected}`);
});

test('binds 127.0.0.1 only: not reachable on other local addresses', async () => {
  const daemon = await tcpDaemon();
  const port = daemon.port!;
  assert.is(await connectResult('127.0.0.1', port), 'connected');
  // 127.0.0.2 is local too (all of 127/8 is loopback on Linux): a 0.0.0.0 listener would accept it.
  assert.is.not(await connectResult('127.0.0.2', port), 'connected', '127.0.0.2 must not reach the daemon');
  assert.is.not(await connectResult('::1', port), 'connected', '::1 must not reach the daemon');
  const sockets = listeningSockets();
  if (sockets.length > 0) {
    const ours = sockets.filter((s) => s.port === port);
    assert.is(ours.length, 1, JSON.stringify(ours));
    assert.is(ours[0]!.file, '/proc/net/tcp');
    assert.is(ours[0]!.address, '0100007F', 'listening address is 127.0.0.1');
  }
});

test('falls back to an OS-assigned port written to .port when the hash port is taken', async () => {
  const session = await sessionWithFreeHashPort('taken');
  const hashPort = portForSession(session);
  const blocker = net.createServer((socket) => socket.destroy());
  servers.push(blocker);
  await new Promise<void>((resolve, reject) => {
    blocker.once('error', reject);
    blocker.listen({ host: '127.0.0.1', port: hashPort, exclusive: true }, () => resolve());
  });
  const daemon = await tcpDaemon({ session });
  assert.ok(daemon.port! > 0);
  assert.is.not(daemon.port, hashPort);
  assert.is(fs.readFileSync(path.join(daemon.socketDir, `${session}.port`), 'utf8').trim(), String(daemon.port));
  const status = await daemon.request({ id: 's', action: 'status' });
  assert.is(status.success, true);
  assert.is(status.data.address, `127.0.0.1:${daemon.port}`);

  // A client that reads the .port file (the CLI) finds it.
  const cli = await runCli(['run', 'status', '--json'], {
    env: testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: session, AGENT_BROWSER_TRANSPORT: 'tcp' }),
    timeoutMs: 30_000,
  });
  assert.is(cli.code, 0, cli.stderr);
  assert.is(cli.json?.data?.pid, daemon.pid);
});

test('the token file is private (0600) and a request without it gets UNAUTHORIZED, then the connection closes', async () => {
  const daemon = await tcpDaemon();
  const tokenFile = path.join(daemon.socketDir, `${daemon.session}.token`);
  assert.ok(fs.existsSync(tokenFile), 'token file exists');
  assert.is(octal(modeOf(tokenFile)), '0600');
  assert.ok(daemon.token && daemon.token.length >= 16, 'a non-trivial secret');

  const target = { host: '127.0.0.1', port: daemon.port! };
  // Two lines without a token: one UNAUTHORIZED answer, then the daemon closes the connection.
  const result = await rawSession(target, `${JSON.stringify({ id: 'no-token', action: 'status' })}\n${JSON.stringify({ id: 'second', action: 'status' })}\n`, {
    timeoutMs: 10_000,
  });
  assert.ok(result.closedByPeer, 'connection closed by the daemon');
  assert.is(result.answers.length, 1, JSON.stringify(result.answers));
  const [answer] = result.answers;
  assert.is(answer!.id, 'no-token');
  assert.is(answer!.success, false);
  assert.is(answer!.code, 'UNAUTHORIZED');
  assert.ok(answer!.error.includes(tokenFile), `message names the token file: ${answer!.error}`);
  assert.match(answer!.error, 'AGENT_BROWSER_TCP_AUTH=none');
  assert.not.ok(answer!.error.includes(daemon.token!), 'the message never reveals the secret');

  // A wrong token is refused the same way.
  const wrong = await rawSession(target, `${JSON.stringify({ id: 'wrong', action: 'status', token: 'f'.repeat(daemon.token!.length) })}\n`, {
    timeoutMs: 10_000,
  });
  assert.is(wrong.answers.length, 1);
  assert.is(wrong.answers[0]!.code, 'UNAUTHORIZED');
  assert.ok(wrong.closedByPeer);

  // With the token: served, and the connection is authenticated for its later lines.
  const served = await daemon.exchange(
    [JSON.stringify({ id: 'with-token', action: 'status', token: daemon.token }), JSON.stringify({ id: 'later', action: 'status' })],
    { expect: 2 },
  );
  assert.is(served[0]!.id, 'with-token');
  assert.is(served[0]!.success, true);
  assert.is(served[0]!.data.pid, daemon.pid);
  assert.is(served[1]!.id, 'later');
  assert.is(served[1]!.success, true);
});

test('AGENT_BROWSER_TCP_AUTH=none: no token file, requests are served without a token', async () => {
  const daemon = await tcpDaemon({ env: { AGENT_BROWSER_TCP_AUTH: 'none' } });
  assert.not.ok(fs.existsSync(path.join(daemon.socketDir, `${daemon.session}.token`)), 'no token file');
  assert.is(daemon.token, undefined);
  const result = await rawSession({ host: '127.0.0.1', port: daemon.port! }, `${JSON.stringify({ id: 'legacy', action: 'status' })}\n`, { expectLines: 1 });
  assert.is(result.answers.length, 1);
  assert.is(result.answers[0]!.id, 'legacy');
  assert.is(result.answers[0]!.success, true);
  assert.is(result.answers[0]!.data.pid, daemon.pid);
});

test('the CLI talks to a TCP daemon transparently (reads .port and the token)', async () => {
  const daemon = await tcpDaemon();
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session, AGENT_BROWSER_TRANSPORT: 'tcp' });
  const status = await runCli(['daemon', 'status', '--json'], { env, timeoutMs: 30_000 });
  assert.is(status.code, 0, status.stderr);
  assert.is(status.json.data.running, true);
  assert.is(status.json.data.transport, 'tcp');
  assert.is(status.json.data.daemon.pid, daemon.pid);

  const run = await runCli(['run', 'status', '--json'], { env, timeoutMs: 30_000 });
  assert.is(run.code, 0, run.stderr);
  assert.is(run.json.success, true);
  assert.is(run.json.data.pid, daemon.pid);
  assert.is(run.json.data.transport, 'tcp');

  const unknown = await runCli(['run', 'no-such-action'], { env, timeoutMs: 30_000 });
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, 'no-such-action');
  assert.not.match(unknown.stderr, /UNAUTHORIZED|token/i);

  // The CLI did not start a second daemon: the same process still serves.
  const again = await daemon.request({ id: 'again', action: 'status' });
  assert.is(again.data.pid, daemon.pid);
});

test.run();
