// Daemon lifecycle (PROTOCOL.md §1, §4): readiness, session files, refusing a second daemon,
// stale-file cleanup, close, signals, idle timeout, and the sun_path limit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { modeOf, octal, pidAlive, sessionFilesIn, waitForExit } from './_support.js';

const daemons: TestDaemon[] = [];
const dirs: string[] = [];

async function daemonFor(options: Parameters<typeof startDaemon>[0] = {}): Promise<TestDaemon> {
  const daemon = await startDaemon(options);
  daemons.push(daemon);
  return daemon;
}

function tempDir(): string {
  const dir = makeSocketDir();
  dirs.push(dir);
  return dir;
}

test.after.each(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('reports readiness with its pid and address, and serves at once', async () => {
  const daemon = await daemonFor();
  assert.is(daemon.pid, daemon.process.pid);
  assert.is(daemon.address, daemon.socketPath);
  const answer = await daemon.request({ id: 'r', action: 'status' });
  assert.is(answer.success, true);
  assert.is(answer.data.pid, daemon.pid);
});

test('writes <dir>/<session>.sock (a socket, mode 0600) and <session>.pid holding its pid', async () => {
  const daemon = await daemonFor();
  const stat = fs.statSync(daemon.socketPath);
  assert.ok(stat.isSocket(), 'the .sock file is a socket');
  assert.is(octal(modeOf(daemon.socketPath)), '0600');
  const pidFile = path.join(daemon.socketDir, `${daemon.session}.pid`);
  assert.is(fs.readFileSync(pidFile, 'utf8').trim(), String(daemon.pid));
  assert.not.ok(fs.existsSync(path.join(daemon.socketDir, `${daemon.session}.port`)), 'no .port file on the unix transport');
  assert.not.ok(fs.existsSync(path.join(daemon.socketDir, `${daemon.session}.token`)), 'no token on the unix transport');
});

test('creates a missing socket folder with mode 0700', async () => {
  const parent = tempDir();
  const socketDir = path.join(parent, 'nested', 'sock');
  assert.not.ok(fs.existsSync(socketDir));
  // cwd: the helper defaults to the socket folder, which must not exist yet here.
  const daemon = await daemonFor({ socketDir, cwd: parent });
  assert.ok(fs.statSync(socketDir).isDirectory());
  assert.is(octal(modeOf(socketDir)), '0700');
  assert.ok(fs.statSync(daemon.socketPath).isSocket());
});

test('a second daemon for the same session refuses to start (ALREADY_RUNNING); the first keeps serving', async () => {
  const first = await daemonFor();
  const pidFile = path.join(first.socketDir, `${first.session}.pid`);
  let refusal: any;
  try {
    const second = await startDaemon({ session: first.session, socketDir: first.socketDir });
    daemons.push(second);
  } catch (error) {
    refusal = error;
  }
  assert.ok(refusal, 'the second daemon must not start');
  assert.is(refusal.startup?.type, 'error', String(refusal));
  assert.is(refusal.startup.code, 'ALREADY_RUNNING');
  assert.match(refusal.startup.message, first.session);
  // The first daemon's files and service are intact.
  assert.is(fs.readFileSync(pidFile, 'utf8').trim(), String(first.pid));
  assert.ok(fs.statSync(first.socketPath).isSocket());
  const answer = await first.request({ id: 'still', action: 'status' });
  assert.is(answer.success, true);
  assert.is(answer.data.pid, first.pid);
});

test('stale files of a dead daemon (a regular file at the socket path, a dead pid) are removed and the new daemon starts', async () => {
  const socketDir = tempDir();
  const session = `stale${process.pid}`;
  // A pid that certainly belongs to no live process: a child that already exited.
  const dead = spawn(process.execPath, ['-e', '']);
  await waitForExit(dead);
  assert.not.ok(pidAlive(dead.pid!));
  fs.writeFileSync(path.join(socketDir, `${session}.sock`), 'not a socket');
  fs.writeFileSync(path.join(socketDir, `${session}.pid`), String(dead.pid));
  fs.writeFileSync(path.join(socketDir, `${session}.stream`), '12345');

  const daemon = await daemonFor({ session, socketDir });
  assert.ok(fs.statSync(daemon.socketPath).isSocket(), 'the stale regular file was replaced by the socket');
  assert.is(fs.readFileSync(path.join(socketDir, `${session}.pid`), 'utf8').trim(), String(daemon.pid));
  assert.not.ok(fs.existsSync(path.join(socketDir, `${session}.stream`)), 'the stale .stream file is gone');
  const answer = await daemon.request({ id: 's', action: 'status' });
  assert.is(answer.data.pid, daemon.pid);
});

test('close → {closed:true}, files removed, the process exits 0', async () => {
  const daemon = await daemonFor();
  const exited = waitForExit(daemon.process);
  const answer = await daemon.request({ id: 'bye', action: 'close' });
  assert.is(answer.id, 'bye');
  assert.is(answer.success, true);
  assert.equal(answer.data, { closed: true });
  const { code, signal } = await exited;
  assert.is(signal, null);
  assert.is(code, 0);
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  test(`${signal} → exit 0 and the session files are removed`, async () => {
    const daemon = await daemonFor();
    assert.ok(sessionFilesIn(daemon.socketDir, daemon.session).length >= 2);
    const exited = waitForExit(daemon.process);
    daemon.process.kill(signal);
    const { code, signal: bySignal } = await exited;
    assert.is(bySignal, null, `the daemon handles ${signal} itself`);
    assert.is(code, 0);
    assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
  });
}

test('SIGTERM on a TCP daemon removes its .port, .token and .version files too', async () => {
  const daemon = await daemonFor({ transport: 'tcp' });
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), [
    `${daemon.session}.pid`,
    `${daemon.session}.port`,
    `${daemon.session}.token`,
    `${daemon.session}.version`,
  ]);
  const exited = waitForExit(daemon.process);
  daemon.process.kill('SIGTERM');
  assert.is((await exited).code, 0);
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
});

test('idle timeout: the daemon exits by itself and removes its files', async () => {
  const daemon = await daemonFor({ env: { AGENT_BROWSER_IDLE_TIMEOUT_MS: '1000' } });
  const { code } = await waitForExit(daemon.process, 30_000);
  assert.is(code, 0);
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
});

test('idle timeout 0 disables it: the daemon keeps serving', async () => {
  const daemon = await daemonFor({ env: { AGENT_BROWSER_IDLE_TIMEOUT_MS: '0' } });
  const status = await daemon.request({ id: 'i0', action: 'status' });
  assert.is(status.data.idleTimeoutMs, 0);
  // Compare with the 1000 ms test above: well past that, this one still answers.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  assert.is(daemon.process.exitCode, null);
  assert.is((await daemon.request({ id: 'i0b', action: 'status' })).success, true);
});

test('sun_path: a session name that overflows 108 bytes → the daemon refuses with SOCKET_PATH_TOO_LONG', async () => {
  const socketDir = tempDir();
  const session = 's'.repeat(110);
  let refusal: any;
  try {
    daemons.push(await startDaemon({ session, socketDir }));
  } catch (error) {
    refusal = error;
  }
  assert.ok(refusal, 'the daemon must not start');
  assert.is(refusal.startup?.code, 'SOCKET_PATH_TOO_LONG', String(refusal));
  assert.ok(refusal.startup.message.includes(path.join(socketDir, `${session}.sock`)), refusal.startup.message);
  assert.match(refusal.startup.message, '108');
  assert.match(refusal.startup.message, 'AGENT_BROWSER_SOCKET_DIR');
  assert.equal(sessionFilesIn(socketDir, session), [], 'no files left behind');
});

test('sun_path: the CLI prints the path, the limit and AGENT_BROWSER_SOCKET_DIR, exits 1, without hanging', async () => {
  const socketDir = tempDir();
  const session = 'long-session-name-'.repeat(6);
  const socketPath = path.join(socketDir, `${session}.sock`);
  assert.ok(Buffer.byteLength(socketPath) + 1 > 108);
  const env = testEnv(socketDir);
  for (const args of [
    ['--session', session, 'get', 'url'],
    ['--session', session, 'daemon', 'start'],
  ]) {
    const result = await runCli(args, { env, timeoutMs: 30_000 });
    assert.is(result.code, 1, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
    assert.ok(result.stderr.includes(socketPath), `${args.join(' ')} names the path: ${result.stderr}`);
    assert.match(result.stderr, '108');
    assert.match(result.stderr, 'AGENT_BROWSER_SOCKET_DIR');
    assert.equal(sessionFilesIn(socketDir, session), []);
  }
});

test.run();
