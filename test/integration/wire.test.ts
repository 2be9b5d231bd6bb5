// The wire contract (PROTOCOL.md §2–3) against a real daemon process, over a Unix socket and over
// TCP. Only actions that answer without a browser are used (status, actions, unknown names, and
// requests that fail validation before any page is touched).
import net from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { rawSession } from './_support.js';

const LINE_LIMIT = 16 * 1024 * 1024;

for (const transport of ['unix', 'tcp'] as const) {
  const test = suite(`wire (${transport})`);
  let daemon: TestDaemon;

  /** The connection target of the daemon under test. */
  const target = (): net.NetConnectOpts => (transport === 'unix' ? { path: daemon.socketPath } : { host: '127.0.0.1', port: daemon.port! });
  /** A request line (with the session token on TCP). */
  const line = (request: Record<string, unknown>): string => JSON.stringify(daemon.token ? { ...request, token: daemon.token } : request);
  /** Lines on one connection; the TCP token goes into the first object line only (auth is per connection). */
  const send = (lines: string[], expect = lines.length) => daemon.exchange(lines, { expect, timeoutMs: 20_000 });

  test.before(async () => {
    daemon = await startDaemon({ transport });
  });

  test.after(async () => {
    await daemon?.stop();
  });

  test('status answers without a browser and echoes the id', async () => {
    const answer = await daemon.request({ id: 'st-1', action: 'status' });
    assert.is(answer.id, 'st-1');
    assert.is(answer.success, true, JSON.stringify(answer));
    assert.is(answer.data.pid, daemon.pid);
    assert.is(answer.data.session, daemon.session);
    assert.is(answer.data.transport, transport);
    assert.equal(answer.data.browser, { launched: false });
  });

  test('a line that is not JSON → INVALID_JSON with id "unknown", and the same connection keeps answering', async () => {
    const answers = await send([
      'this is {not json',
      line({ id: 'after-bad', action: 'status' }),
      '{"id": "half"',
      line({ id: 'after-bad-2', action: 'actions' }),
    ]);
    assert.is(answers.length, 4);
    assert.is(answers[0]!.success, false);
    assert.is(answers[0]!.code, 'INVALID_JSON');
    assert.is(answers[0]!.id, 'unknown');
    assert.type(answers[0]!.error, 'string');
    assert.ok(answers[0]!.error.length > 0);
    assert.is(answers[1]!.id, 'after-bad');
    assert.is(answers[1]!.success, true);
    assert.is(answers[2]!.code, 'INVALID_JSON');
    assert.is(answers[2]!.id, 'unknown');
    assert.is(answers[3]!.id, 'after-bad-2');
    assert.is(answers[3]!.success, true);
  });

  test('JSON that is not an object → INVALID_JSON, id "unknown", connection still usable', async () => {
    const answers = await send(['[1,2,3]', '"status"', '42', 'null', 'true', line({ id: 'obj', action: 'status' })]);
    assert.is(answers.length, 6);
    for (const answer of answers.slice(0, 5)) {
      assert.is(answer.success, false, JSON.stringify(answer));
      assert.is(answer.code, 'INVALID_JSON');
      assert.is(answer.id, 'unknown');
      assert.match(answer.error, /object/);
    }
    assert.is(answers[5]!.id, 'obj');
    assert.is(answers[5]!.success, true);
  });

  test('unknown action → UNKNOWN_ACTION naming the action and how to list the valid ones', async () => {
    const answer = await daemon.request({ id: 'u1', action: 'frobnicate' });
    assert.is(answer.id, 'u1');
    assert.is(answer.success, false);
    assert.is(answer.code, 'UNKNOWN_ACTION');
    assert.match(answer.error, '"frobnicate"');
    assert.match(answer.error, /actions/);
  });

  test('a near-miss action name gets a suggestion', async () => {
    const answer = await daemon.request({ id: 'u2', action: 'statsu' });
    assert.is(answer.code, 'UNKNOWN_ACTION');
    assert.match(answer.error, '"status"');
  });

  test('missing action → INVALID_PARAMS naming "action"', async () => {
    const answer = await daemon.request({ id: 'noact' });
    assert.is(answer.id, 'noact');
    assert.is(answer.success, false);
    assert.is(answer.code, 'INVALID_PARAMS');
    assert.match(answer.error, /"action"/);
  });

  test('missing and wrong fields → INVALID_PARAMS naming each field and what was expected', async () => {
    const answer = await daemon.request({ id: 'bad-click', action: 'click', button: 'top', clickCount: 'two' });
    assert.is(answer.id, 'bad-click');
    assert.is(answer.success, false);
    assert.is(answer.code, 'INVALID_PARAMS', answer.error);
    assert.match(answer.error, /selector/);
    assert.match(answer.error, /button/);
    assert.match(answer.error, /"left"/);
    assert.match(answer.error, /clickCount/);
    assert.match(answer.error, /number/);

    const fill = await daemon.request({ id: 'bad-fill', action: 'fill', selector: '#q' });
    assert.is(fill.code, 'INVALID_PARAMS');
    assert.match(fill.error, /value/);
    assert.not.match(fill.error, /selector/);
  });

  test('missing id → answered with a generated string id', async () => {
    const answers = await send([line({ action: 'status' }), line({ action: 'status' })]);
    assert.is(answers.length, 2);
    for (const answer of answers) {
      assert.is(answer.success, true);
      assert.type(answer.id, 'string');
      assert.ok(answer.id.length > 0);
    }
    assert.is.not(answers[0]!.id, answers[1]!.id, 'generated ids are distinct');

    const failed = await daemon.request({ action: 'nope' });
    assert.type(failed.id, 'string');
    assert.ok(failed.id.length > 0);
    assert.is(failed.code, 'UNKNOWN_ACTION');
  });

  test('a numeric id is answered with its string form', async () => {
    const answer = await daemon.request({ id: 42, action: 'status' });
    assert.is(answer.id, '42');
    assert.is(answer.success, true);
    const failed = await daemon.request({ id: 7, action: 'nope' });
    assert.is(failed.id, '7');
  });

  test('null optional fields count as absent', async () => {
    // button/clickCount are optional: null must not be reported; delay is wrong on purpose so the
    // request fails in validation (before any browser) and the message shows what was checked.
    const answer = await daemon.request({ id: 'nulls', action: 'click', selector: '#x', button: null, clickCount: null, delay: 'slow' });
    assert.is(answer.code, 'INVALID_PARAMS', answer.error);
    assert.match(answer.error, /delay/);
    assert.not.match(answer.error, /button/);
    assert.not.match(answer.error, /clickCount/);
    // The control: a non-null wrong button is reported.
    const control = await daemon.request({ id: 'nulls-2', action: 'click', selector: '#x', button: 5, delay: 'slow' });
    assert.match(control.error, /button/);

    const status = await daemon.request({ id: 'nulls-3', action: 'status', extra: null });
    assert.is(status.success, true);
  });

  test('50 pipelined lines on one connection are answered in request order', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 50; i++) {
      const kind = i % 5;
      if (kind === 0) lines.push(line({ id: `p${i}`, action: 'status' }));
      else if (kind === 1) lines.push(line({ id: `p${i}`, action: 'actions' }));
      else if (kind === 2) lines.push(line({ id: `p${i}`, action: `unknown-${i}` }));
      else if (kind === 3) lines.push(line({ id: `p${i}`, action: 'click' }));
      else lines.push(line({ id: `p${i}`, action: 'status' }));
    }
    // All lines in one write, as a pipelining client would.
    const answers = await daemon.exchange([lines.join('\n')], { expect: 50, timeoutMs: 20_000 });
    assert.is(answers.length, 50);
    assert.equal(
      answers.map((a) => a.id),
      lines.map((_, i) => `p${i}`),
    );
    for (let i = 0; i < 50; i++) {
      const kind = i % 5;
      assert.is(answers[i]!.success, kind === 0 || kind === 1 || kind === 4, `answer ${i}`);
      if (kind === 2) assert.match(answers[i]!.error, `unknown-${i}`);
      if (kind === 3) assert.is(answers[i]!.code, 'INVALID_PARAMS');
    }
  });

  test('blank lines are ignored (no answer for them)', async () => {
    // Answers come in request order, so an answer to any blank line would show up before "b1"
    // or between "b1" and "b2".
    const answers = await send(['', '   ', '\r', '\t', line({ id: 'b1', action: 'status' }), '', '  ', line({ id: 'b2', action: 'status' })], 2);
    assert.equal(
      answers.map((a) => a.id),
      ['b1', 'b2'],
    );
    assert.ok(answers.every((a) => a.success === true));
  });

  test('a final line without a newline is answered when the client half-closes', async () => {
    const socket = net.createConnection({ ...target(), allowHalfOpen: true } as net.NetConnectOpts);
    const text = await new Promise<string>((resolve, reject) => {
      let received = '';
      const timer = setTimeout(() => reject(new Error(`no answer: ${received}`)), 10_000);
      socket.on('connect', () => socket.end(line({ id: 'no-newline', action: 'status' })));
      socket.on('data', (chunk) => (received += chunk.toString('utf8')));
      socket.on('error', reject);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(received);
      });
    });
    const answer = JSON.parse(text.trim());
    assert.is(answer.id, 'no-newline');
    assert.is(answer.success, true);
  });

  test('a line over the 16 MiB limit → one LINE_TOO_LONG error, then the connection closes; others keep working', async () => {
    // Another connection opened before the huge line is sent must be unaffected.
    const bystander = net.createConnection(target());
    await new Promise<void>((resolve, reject) => {
      bystander.once('connect', () => resolve());
      bystander.once('error', reject);
    });
    try {
      const huge = Buffer.alloc(LINE_LIMIT + 1024 * 1024, 0x61); // ~17 MiB of "a", no newline
      const result = await rawSession(target(), huge, { timeoutMs: 30_000 });
      assert.ok(result.closedByPeer, 'the daemon closed the connection');
      assert.is(result.answers.length, 1, JSON.stringify(result.answers).slice(0, 500));
      const [answer] = result.answers;
      assert.is(answer!.success, false);
      assert.is(answer!.code, 'LINE_TOO_LONG');
      assert.is(answer!.id, 'unknown');
      assert.match(answer!.error, String(LINE_LIMIT));

      // The bystander connection still answers.
      const answered = await new Promise<Record<string, any>>((resolve, reject) => {
        let buffer = '';
        const timer = setTimeout(() => reject(new Error('bystander got no answer')), 10_000);
        bystander.on('data', (chunk) => {
          buffer += chunk.toString('utf8');
          const newline = buffer.indexOf('\n');
          if (newline !== -1) {
            clearTimeout(timer);
            resolve(JSON.parse(buffer.slice(0, newline)));
          }
        });
        bystander.write(`${line({ id: 'bystander', action: 'status' })}\n`);
      });
      assert.is(answered.id, 'bystander');
      assert.is(answered.success, true);
    } finally {
      bystander.destroy();
    }
    // And a fresh connection too.
    const fresh = await daemon.request({ id: 'after-huge', action: 'status' });
    assert.is(fresh.success, true);
    assert.is(fresh.data.pid, daemon.pid);
  });

  test('a line just under the limit is parsed (not refused as too long)', async () => {
    // A ~1 MiB string field: far below the limit, must be answered normally (here: invalid field).
    const big = 'x'.repeat(1024 * 1024);
    const [answer] = await send([line({ id: 'big', action: 'fill', selector: '#q', value: 5, padding: big })]);
    assert.is(answer!.id, 'big');
    assert.is(answer!.code, 'INVALID_PARAMS');
    assert.match(answer!.error, /value/);
  });

  for (const request of [
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'POST /x HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n{"id":"h","action":"status"}\n',
  ]) {
    test(`first bytes "${request.split(' ')[0]} … HTTP/1.1" → connection closed without a reply; the daemon still serves`, async () => {
      const result = await rawSession(target(), request, { timeoutMs: 10_000 });
      assert.ok(result.closedByPeer, 'closed by the daemon');
      assert.is(result.bytes.length, 0, `no reply expected, got ${result.bytes.toString('utf8')}`);
      const after = await daemon.request({ id: 'after-http', action: 'status' });
      assert.is(after.success, true);
      assert.is(after.data.pid, daemon.pid);
    });
  }

  test('an HTTP request line split over several writes ("G", then "ET / HTTP/1.1…") is dropped too; a short JSON line is still answered', async () => {
    const split = await new Promise<{ bytes: number; closed: boolean }>((resolve, reject) => {
      const socket = net.createConnection(target());
      socket.setNoDelay(true);
      let bytes = 0;
      socket.on('data', (chunk) => (bytes += chunk.length));
      socket.on('error', reject);
      socket.on('close', () => resolve({ bytes, closed: true }));
      socket.on('connect', () => {
        socket.write('G');
        setTimeout(() => socket.write('ET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 150);
        setTimeout(() => socket.destroy(), 5000);
      });
    });
    assert.is(split.bytes, 0, 'no reply to a split HTTP request');
    const short = await rawSession(target(), '{}\n', { expectLines: 1, timeoutMs: 10_000 });
    assert.is(short.answers[0]!.code, daemon.token ? 'UNAUTHORIZED' : 'INVALID_PARAMS');
  });

  test('answers are well-formed UTF-8: a lone surrogate echoed in an error arrives as U+FFFD', async () => {
    // JSON text with a lone-surrogate escape in the action name; the error message echoes it.
    const request = `{"id":"sur","action":"bad\\ud800name"${daemon.token ? `,"token":"${daemon.token}"` : ''}}\n`;
    const result = await rawSession(target(), request, { expectLines: 1 });
    assert.ok(result.bytes.length > 0, 'an answer arrived');
    // Decodes strictly as UTF-8 …
    const text = new TextDecoder('utf-8', { fatal: true }).decode(result.bytes);
    // … and carries no lone surrogate escapes a Rust client would reject.
    assert.not.match(text, /\\ud[89a-f][0-9a-f]{2}/i);
    const answer = JSON.parse(text.trim());
    assert.is(answer.id, 'sur');
    assert.is(answer.code, 'UNKNOWN_ACTION');
    assert.ok(answer.error.includes('bad\ufffdname'), answer.error);

    // A proper surrogate pair (an emoji) survives unchanged.
    const pair = await daemon.request({ id: 'pair', action: 'bad😀name' });
    assert.ok(pair.error.includes('bad😀name'), pair.error);

    // Invalid UTF-8 bytes in a request are decoded as U+FFFD, never echoed raw.
    const prefix = Buffer.from('{"id":"bytes","action":"x');
    const suffix = Buffer.from(`y"${daemon.token ? `,"token":"${daemon.token}"` : ''}}\n`);
    const raw = await rawSession(target(), Buffer.concat([prefix, Buffer.from([0xff, 0xed, 0xa0, 0x80]), suffix]), { expectLines: 1 });
    const rawText = new TextDecoder('utf-8', { fatal: true }).decode(raw.bytes);
    const rawAnswer = JSON.parse(rawText.trim());
    assert.is(rawAnswer.id, 'bytes');
    assert.is(rawAnswer.code, 'UNKNOWN_ACTION');
    assert.match(rawAnswer.error, /x\ufffd+y/);
  });

  test('actions lists the built-in actions with their plugin and params', async () => {
    const answer = await daemon.request({ id: 'acts', action: 'actions' });
    assert.is(answer.success, true);
    const actions = answer.data.actions as Array<{ name: string; plugin: string; summary: string; params: any }>;
    const names = actions.map((a) => a.name);
    for (const name of ['status', 'actions', 'close', 'launch', 'navigate', 'click', 'fill', 'snapshot']) assert.ok(names.includes(name), `missing ${name}`);
    const click = actions.find((a) => a.name === 'click')!;
    assert.type(click.summary, 'string');
    assert.type(click.plugin, 'string');
    assert.ok(click.params.properties.selector, 'click params list selector');
    assert.ok(click.params.required.includes('selector'));
  });

  test('the daemon is still alive and serving after all of the above', async () => {
    assert.is(daemon.process.exitCode, null);
    const answer = await daemon.request({ id: 'final', action: 'status' });
    assert.is(answer.success, true);
    assert.is(answer.data.browser.launched, false, 'no test in this file launched a browser');
  });

  test.run();
}
