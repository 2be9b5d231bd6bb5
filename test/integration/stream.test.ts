// The live view stream without a browser (PROTOCOL.md §5): the .stream file on every way a daemon
// ends, the Origin check at the upgrade, plain HTTP refused, status messages, turning the stream on
// in a running daemon (stream_enable), a taken port, and messages it cannot use.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { closedPort } from '../helpers/e2e.js';
import { isError, isStatus, openStream, Refused, type StreamClient } from '../helpers/stream.js';
import { sessionFilesIn, waitForExit } from './_support.js';

const daemons: TestDaemon[] = [];
const clients: StreamClient[] = [];

async function streamingDaemon(extraEnv: NodeJS.ProcessEnv = {}): Promise<{ daemon: TestDaemon; port: number; streamFile: string }> {
  const port = await closedPort();
  const daemon = await startDaemon({ env: { AGENT_BROWSER_STREAM_PORT: String(port), ...extraEnv } });
  daemons.push(daemon);
  return { daemon, port, streamFile: path.join(daemon.socketDir, `${daemon.session}.stream`) };
}

async function connect(port: number, origin?: string): Promise<StreamClient> {
  const client = await openStream(port, { origin });
  clients.push(client);
  return client;
}

async function refusal(port: number, origin: string): Promise<Refused> {
  try {
    const client = await openStream(port, { origin });
    await client.close();
  } catch (error) {
    if (error instanceof Refused) return error;
    throw error;
  }
  throw new Error(`origin ${origin} was let in`);
}

function plainGet(port: number, urlPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, headers: { origin: 'http://evil.example' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

test.after.each(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const daemon of daemons.splice(0)) await daemon.stop();
});

test('AGENT_BROWSER_STREAM_PORT: the .stream file holds the port; close removes it and the daemon exits 0', async () => {
  const { daemon, port, streamFile } = await streamingDaemon();
  assert.is(fs.readFileSync(streamFile, 'utf8'), String(port));
  const status = await daemon.request({ id: 's', action: 'status' });
  assert.equal(status.data.stream, { enabled: true, port, clients: 0, screencasting: false });
  const exited = waitForExit(daemon.process);
  assert.equal((await daemon.request({ id: 'c', action: 'close' })).data, { closed: true });
  assert.is((await exited).code, 0);
  assert.not.ok(fs.existsSync(streamFile), 'the .stream file is gone');
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} with a viewer connected: the viewer sees the stream close, the .stream file is removed`, async () => {
    const { daemon, port, streamFile } = await streamingDaemon();
    const client = await connect(port);
    await client.next(isStatus);
    const exited = waitForExit(daemon.process);
    daemon.process.kill(signal);
    assert.is((await exited).code, 0);
    const { code, reason } = await client.closed;
    assert.is(code, 1001, reason);
    assert.not.ok(fs.existsSync(streamFile));
  });
}

test('idle timeout: the daemon ends by itself and removes the .stream file', async () => {
  const { daemon, streamFile } = await streamingDaemon({ AGENT_BROWSER_IDLE_TIMEOUT_MS: '1000' });
  assert.ok(fs.existsSync(streamFile));
  assert.is((await waitForExit(daemon.process, 30_000)).code, 0);
  assert.not.ok(fs.existsSync(streamFile));
});

test('a client gets status on connect (no browser yet: screencasting false, the default viewport) and on request', async () => {
  const { port } = await streamingDaemon();
  const client = await connect(port);
  assert.equal(await client.next(isStatus), { type: 'status', connected: true, screencasting: false, viewportWidth: 1280, viewportHeight: 720 });
  client.send({ type: 'status' });
  assert.equal(await client.next(isStatus), { type: 'status', connected: true, screencasting: false, viewportWidth: 1280, viewportHeight: 720 });
});

test('Origin: absent, file://, localhost, 127.x and [::1] on any port are let in', async () => {
  const { port } = await streamingDaemon();
  for (const origin of [undefined, 'http://127.0.0.1:1234', 'http://localhost:3000', 'https://127.8.9.10', 'http://[::1]:8080', 'file://']) {
    const client = await connect(port, origin);
    assert.is((await client.next(isStatus)).connected, true, `origin ${origin}`);
  }
});

test('Origin: other hosts, look-alikes and "null" (sandboxed or data: iframes of any site send it) are refused with 403, no CORS header', async () => {
  const { daemon, port } = await streamingDaemon();
  for (const origin of [
    'http://evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example',
    'http://192.168.1.10:3000',
    'null',
    'chrome-extension://abcdef',
  ]) {
    const refused = await refusal(port, origin);
    assert.is(refused.status, 403, `origin ${origin}`);
    assert.ok(refused.body.includes(origin), refused.body);
    assert.is(refused.headers['access-control-allow-origin'], undefined);
  }
  // The refusals did not disturb the daemon or the stream.
  assert.is((await daemon.request({ id: 's', action: 'status' })).data.stream.clients, 0);
  assert.is((await (await connect(port)).next(isStatus)).type, 'status');
});

test('plain HTTP requests get a short 426 (404 off the root), never a page or a CORS header', async () => {
  const { port } = await streamingDaemon();
  const root = await plainGet(port, '/');
  assert.is(root.status, 426);
  assert.match(root.headers['content-type'] ?? '', /^text\/plain/);
  assert.match(root.body, /WebSocket/);
  assert.is(root.headers['access-control-allow-origin'], undefined);
  const other = await plainGet(port, '/index.html');
  assert.is(other.status, 404);
  assert.is(other.headers['access-control-allow-origin'], undefined);
});

test('the stream listens on 127.0.0.1 only', async () => {
  const { port } = await streamingDaemon();
  const addresses = Object.values((await import('node:os')).networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address);
  for (const address of addresses) {
    const reached = await new Promise<boolean>((resolve) => {
      const socket = net.createConnection({ host: address, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    assert.not.ok(reached, `port ${port} answers on ${address}`);
  }
});

test('messages it cannot use are answered with {"type":"error"} and the connection stays open', async () => {
  const { port } = await streamingDaemon();
  const client = await connect(port);
  await client.next(isStatus);
  client.send({ type: 'dance' });
  assert.match((await client.next(isError)).message, /Unknown message type "dance"/);
  client.send({ type: 'input_mouse', eventType: 'mouseFlown', x: 1 });
  const invalid = (await client.next(isError)).message as string;
  assert.match(invalid, /eventType: expected one of "mousePressed"/);
  assert.match(invalid, /y: required/);
  client.send({ type: 'input_keyboard', eventType: 'keyDown', key: 'a', text: 'a' });
  assert.match((await client.next(isError)).message, /No page to send input to yet/);
  client.send({ type: 'status' });
  assert.is((await client.next(isStatus)).connected, true);
});

test('stream_enable turns the stream on in a running daemon, answers its port, and is idempotent', async () => {
  const daemon = await startDaemon();
  daemons.push(daemon);
  const streamFile = path.join(daemon.socketDir, `${daemon.session}.stream`);
  assert.equal((await daemon.request({ id: 'st', action: 'status' })).data.stream, { enabled: false });
  assert.not.ok(fs.existsSync(streamFile));
  const first = await daemon.request({ id: 'e1', action: 'stream_enable' });
  assert.ok(first.success, first.error);
  assert.is(first.data.started, true);
  assert.ok(Number.isInteger(first.data.port) && first.data.port > 0);
  assert.is(fs.readFileSync(streamFile, 'utf8'), String(first.data.port));
  const again = await daemon.request({ id: 'e2', action: 'stream_enable', port: first.data.port + 1 });
  assert.equal(again.data, { port: first.data.port, started: false });
  assert.is((await (await connect(first.data.port)).next(isStatus)).connected, true);
  const exited = waitForExit(daemon.process);
  await daemon.request({ id: 'c', action: 'close' });
  await exited;
  assert.not.ok(fs.existsSync(streamFile));
});

test('a taken stream port at start: the daemon refuses to start (no socket left, the CLI exits 1 saying why); stream_enable on a running daemon answers PORT_UNAVAILABLE', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const taken = (holder.address() as net.AddressInfo).port;
  try {
    const refused = await streamingDaemon({ AGENT_BROWSER_STREAM_PORT: String(taken) }).then(
      () => null,
      (error: Error) => error,
    );
    assert.ok(refused, 'the daemon did not start');
    assert.match(refused!.message, new RegExp(`127\\.0\\.0\\.1:${taken}.*another program uses that port`));
    assert.match(refused!.message, /STREAM_PORT_UNAVAILABLE|did not start/);

    // As oqto's backend starts it: the CLI's open fails loudly and no daemon is left behind.
    const dir = makeSocketDir();
    try {
      const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'taken', AGENT_BROWSER_STREAM_PORT: String(taken) });
      const open = await runCli(['--session', 'taken', 'open', 'about:blank'], { env });
      assert.is(open.code, 1, open.stdout);
      assert.match(open.stderr, `127.0.0.1:${taken}`);
      assert.match(open.stderr, 'did not start');
      assert.not.ok(fs.existsSync(path.join(dir, 'taken.sock')), 'no socket left');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const daemon = await startDaemon();
    daemons.push(daemon);
    const answer = await daemon.request({ id: 'e', action: 'stream_enable', port: taken });
    assert.is(answer.success, false);
    assert.is(answer.code, 'PORT_UNAVAILABLE');
    assert.match(answer.error, /another program uses that port/);
  } finally {
    holder.close();
  }
});

test('screencast_start without the stream → NOT_STARTED (no browser is launched); screencast_stop answers {stopped:true}', async () => {
  const daemon = await startDaemon();
  daemons.push(daemon);
  const answer = await daemon.request({ id: 'ss', action: 'screencast_start' });
  assert.is(answer.success, false);
  assert.is(answer.code, 'NOT_STARTED');
  assert.match(answer.error, /stream_enable/);
  assert.equal((await daemon.request({ id: 'st', action: 'screencast_stop' })).data, { stopped: true, screencasting: false });
  assert.is((await daemon.request({ id: 's', action: 'status' })).data.browser.launched, false);
});

test.run();
