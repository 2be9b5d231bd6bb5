// A CLI that reads a TCP session's files while its daemon is still starting finds no token yet; once
// its connection stands, the daemon has written it (it does so before it listens), so the client
// reads it again instead of sending its request without one (which the daemon refuses).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sessionEndpoint } from '../../src/transport/endpoints.js';
import { openDaemon } from '../../src/transport/client.js';

const test = suite('client: the TCP token of a daemon that was starting');

test('a token file that appears by the time the connection stands is sent with the request', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abtoken-'));
  const endpoint = sessionEndpoint({ session: 'starting', transport: 'tcp', socketDir: dir });
  const received: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('data', (chunk) => {
      received.push(chunk.toString());
      socket.write(`${JSON.stringify({ id: 'q', success: true, data: {}, error: null })}\n`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  fs.writeFileSync(endpoint.portPath, String(port), { mode: 0o600 });
  // The token appears as the client connects (after it read the session's files), as the file of a
  // daemon that was still starting would have by then.
  const createConnection = net.createConnection;
  (net as { createConnection: unknown }).createConnection = (...args: Parameters<typeof net.createConnection>) => {
    fs.writeFileSync(endpoint.tokenPath, 'secret-token', { mode: 0o600 });
    return createConnection(...args);
  };
  try {
    const connection = await openDaemon(endpoint);
    await connection.request({ id: 'q', action: 'url' }, 5000);
    connection.close();
    assert.is(JSON.parse(received.join('').trim()).token, 'secret-token');
  } finally {
    (net as { createConnection: unknown }).createConnection = createConnection;
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
