import os from 'node:os';
import path from 'node:path';

import { suite } from 'uvu';
import * as assert from 'uvu/assert';

import { defaultTransport, javaStringHash, portForSession, sessionEndpoint, socketPathLimit, socketPathProblem } from '../../src/transport/endpoints.js';

// ---------------------------------------------------------------------------------------------
const ports = suite('endpoints: TCP port hash');

ports('the PROTOCOL §1 vectors', () => {
  assert.is(portForSession('default'), 50838);
  assert.is(portForSession('my-session'), 63105);
  assert.is(portForSession('work'), 51184);
  assert.is(portForSession('test'), 50539);
  assert.is(portForSession(''), 49152);
});

ports('the hash is Java String.hashCode (32-bit wrap)', () => {
  assert.is(javaStringHash(''), 0);
  assert.is(javaStringHash('a'), 97);
  assert.is(javaStringHash('hello'), 99162322);
  // Long strings overflow 32 bits; Java gives this value for "polygenelubricants" (Integer.MIN_VALUE).
  assert.is(javaStringHash('polygenelubricants'), -2147483648);
  assert.is(javaStringHash('DESIGNING WORKHOUSES'), -2147483648);
  assert.is(javaStringHash('hello world'), 1794106052);
});

ports('every port lands in the dynamic range 49152..65534', () => {
  for (const session of ['default', 'a', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', 'polygenelubricants', 'sessão-😀', '日本語']) {
    const port = portForSession(session);
    assert.ok(Number.isInteger(port), session);
    assert.ok(port >= 49152 && port <= 65534, `${session} → ${port}`);
  }
});

ports('the endpoint carries the hash port', () => {
  assert.is(sessionEndpoint({ session: 'my-session', transport: 'tcp', tmpdir: '/tmp' }).hashPort, 63105);
});

ports.run();

// ---------------------------------------------------------------------------------------------
const paths = suite('endpoints: file paths');

paths('default layout: $TMPDIR/agent-browser-<session>.*', () => {
  const e = sessionEndpoint({ session: 'work', transport: 'unix', tmpdir: '/var/tmp/x' });
  assert.is(e.dir, '/var/tmp/x');
  assert.is(e.socketPath, '/var/tmp/x/agent-browser-work.sock');
  assert.is(e.pidPath, '/var/tmp/x/agent-browser-work.pid');
  assert.is(e.portPath, '/var/tmp/x/agent-browser-work.port');
  assert.is(e.streamPath, '/var/tmp/x/agent-browser-work.stream');
  assert.is(e.customDir, false);
  assert.is(e.session, 'work');
  assert.is(e.transport, 'unix');
});

paths('without tmpdir the files live in os.tmpdir()', () => {
  const e = sessionEndpoint({ session: 'default', transport: 'unix' });
  assert.is(e.socketPath, path.join(os.tmpdir(), 'agent-browser-default.sock'));
  assert.is(e.pidPath, path.join(os.tmpdir(), 'agent-browser-default.pid'));
});

paths('socketDir layout: <dir>/<session>.*, no prefix, and it wins over tmpdir', () => {
  const e = sessionEndpoint({ session: 'work', transport: 'unix', socketDir: '/run/ab', tmpdir: '/var/tmp/x' });
  assert.is(e.dir, '/run/ab');
  assert.is(e.socketPath, '/run/ab/work.sock');
  assert.is(e.pidPath, '/run/ab/work.pid');
  assert.is(e.portPath, '/run/ab/work.port');
  assert.is(e.streamPath, '/run/ab/work.stream');
  assert.is(e.customDir, true);
});

paths('an empty socketDir is treated as unset', () => {
  const e = sessionEndpoint({ session: 's', transport: 'unix', socketDir: '', tmpdir: '/t' });
  assert.is(e.socketPath, '/t/agent-browser-s.sock');
  assert.is(e.customDir, false);
});

paths('all sidecar files of one session are distinct', () => {
  const e = sessionEndpoint({ session: 's', transport: 'tcp', tmpdir: '/t' });
  const files = [e.socketPath, e.pidPath, e.portPath, e.streamPath, e.tokenPath, e.logPath];
  assert.is(new Set(files).size, files.length);
});

paths('transport defaults: TCP on Windows, Unix socket elsewhere', () => {
  assert.is(defaultTransport('win32'), 'tcp');
  assert.is(defaultTransport('linux'), 'unix');
  assert.is(defaultTransport('darwin'), 'unix');
});

paths.run();

// ---------------------------------------------------------------------------------------------
const limits = suite('endpoints: socket path length');

/** An absolute path of exactly `bytes` bytes (without the NUL): as many `filler`s as fit, padded with "a". */
function pathOfBytes(bytes: number, filler = 'a'): string {
  const prefix = '/tmp/';
  const suffix = '.sock';
  const room = bytes - prefix.length - suffix.length;
  const count = Math.floor(room / Buffer.byteLength(filler));
  const body = filler.repeat(count) + 'a'.repeat(room - count * Buffer.byteLength(filler));
  const result = `${prefix}${body}${suffix}`;
  assert.is(Buffer.byteLength(result), bytes);
  return result;
}

limits('sun_path limits: 108 on Linux, 104 on macOS', () => {
  assert.is(socketPathLimit('linux'), 108);
  assert.is(socketPathLimit('darwin'), 104);
});

limits('linux: 107 bytes + NUL fits exactly, 108 bytes is one over', () => {
  assert.is(socketPathProblem(pathOfBytes(107), 'linux'), null);
  assert.type(socketPathProblem(pathOfBytes(108), 'linux'), 'string');
});

limits('darwin: 103 bytes + NUL fits exactly, 104 bytes is one over', () => {
  assert.is(socketPathProblem(pathOfBytes(103), 'darwin'), null);
  assert.type(socketPathProblem(pathOfBytes(104), 'darwin'), 'string');
  // the same 104-byte path is fine on Linux
  assert.is(socketPathProblem(pathOfBytes(104), 'linux'), null);
});

limits('the length is counted in bytes, not characters', () => {
  const multi = pathOfBytes(108, 'é'); // é is 2 bytes
  assert.ok(multi.length < 108, 'fewer characters than bytes');
  assert.type(socketPathProblem(multi, 'linux'), 'string');
  const emoji = pathOfBytes(104, '😀'); // 4 bytes, 2 UTF-16 units each
  assert.ok(emoji.length < 104);
  assert.type(socketPathProblem(emoji, 'darwin'), 'string');
  assert.is(socketPathProblem(pathOfBytes(106, 'é'), 'linux'), null);
});

limits('a multi-byte session name pushes the real endpoint over the limit', () => {
  const session = 'ü'.repeat(45); // 45 characters, 90 bytes
  const e = sessionEndpoint({ session, transport: 'unix', tmpdir: '/tmp' });
  assert.ok(e.socketPath.length < 108, 'short in characters');
  assert.type(socketPathProblem(e.socketPath, 'linux'), 'string');
});

limits('the message names the path, its length, the limit and the fix', () => {
  const tooLong = pathOfBytes(120);
  const message = socketPathProblem(tooLong, 'linux')!;
  assert.ok(message.includes(tooLong), message);
  assert.ok(message.includes('121'), `length with NUL in: ${message}`);
  assert.ok(message.includes('108'), message);
  assert.ok(/shorter session name/i.test(message), message);
  assert.ok(message.includes('AGENT_BROWSER_SOCKET_DIR'), message);
  const mac = socketPathProblem(tooLong, 'darwin')!;
  assert.ok(mac.includes('104'), mac);
});

limits.run();
