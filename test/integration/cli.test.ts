// The CLI as a user runs it (bin/run.js in a child process) against real daemons.
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { killPidFile, pidAlive, sessionFilesIn, tempProject, waitUntil, writeJson } from './_support.js';

const daemons: TestDaemon[] = [];
const dirs: string[] = [];
/** Pid files of daemons the CLI started (detached): killed after each test if still alive. */
const cliDaemons: string[] = [];

function tempDir(): string {
  const dir = makeSocketDir();
  dirs.push(dir);
  return dir;
}

test.after.each(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop();
  for (const pidFile of cliDaemons.splice(0)) await killPidFile(pidFile);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('daemon status with no daemon: says so, names the session and how to start one, exit 0', async () => {
  const dir = tempDir();
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'quiet' });
  const human = await runCli(['daemon', 'status'], { env });
  assert.is(human.code, 0, human.stderr);
  assert.match(human.stdout, 'No daemon is running');
  assert.match(human.stdout, '"quiet"');
  assert.match(human.stdout, 'daemon start');

  const json = await runCli(['daemon', 'status', '--json'], { env });
  assert.is(json.code, 0, json.stderr);
  assert.is(json.json.success, true);
  assert.is(json.json.data.running, false);
  assert.is(json.json.data.session, 'quiet');
  // Asking did not start anything.
  assert.equal(sessionFilesIn(dir, 'quiet'), []);
});

test('daemon start → running (status shows the pid), session list marks it with →, daemon stop removes its files', async () => {
  const dir = tempDir();
  const session = 'life';
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: session });
  const pidFile = path.join(dir, `${session}.pid`);
  cliDaemons.push(pidFile);

  const start = await runCli(['daemon', 'start'], { env });
  assert.is(start.code, 0, start.stderr);
  assert.match(start.stdout, 'started');
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  assert.ok(pid > 0 && pidAlive(pid), 'a live daemon process');
  assert.match(start.stdout, String(pid));

  const again = await runCli(['daemon', 'start', '--json'], { env });
  assert.is(again.code, 0, again.stderr);
  assert.is(again.json.data.started, false, 'a second start reuses the running daemon');
  assert.is(again.json.data.pid, pid);

  const status = await runCli(['daemon', 'status'], { env });
  assert.is(status.code, 0, status.stderr);
  assert.match(status.stdout, 'is running');
  assert.match(status.stdout, `pid ${pid}`);
  const statusJson = await runCli(['daemon', 'status', '--json'], { env });
  assert.is(statusJson.json.data.running, true);
  assert.is(statusJson.json.data.pid, pid);
  assert.is(statusJson.json.data.daemon.pid, pid);

  const list = await runCli(['session', 'list'], { env });
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`→ ${session}\\b`));
  const listJson = await runCli(['session', 'list', '--json'], { env });
  assert.equal(listJson.json.data.sessions, [{ session, running: true, pid, stale: false }]);

  const stop = await runCli(['daemon', 'stop'], { env });
  assert.is(stop.code, 0, stop.stderr);
  assert.match(stop.stdout, 'closed');
  await waitUntil(() => !pidAlive(pid), 15_000, 'the daemon to exit');
  assert.equal(sessionFilesIn(dir, session), []);

  const after = await runCli(['daemon', 'status', '--json'], { env });
  assert.is(after.json.data.running, false);
});

test('session list shows a daemon of another session without →', async () => {
  const daemon = await startDaemon({ session: 'other' });
  daemons.push(daemon);
  const list = await runCli(['session', 'list'], { env: testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: 'mine' }) });
  assert.is(list.code, 0, list.stderr);
  assert.match(list.stdout, /^\s+other\b/m);
  assert.not.match(list.stdout, '→');
});

test('close when nothing runs succeeds (exit 0) and starts nothing', async () => {
  const dir = tempDir();
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'idle' });
  const human = await runCli(['close'], { env });
  assert.is(human.code, 0, human.stderr);
  const json = await runCli(['close', '--json'], { env });
  assert.is(json.code, 0, json.stderr);
  assert.is(json.json.success, true);
  assert.is(json.json.data.closed, true);
  assert.equal(sessionFilesIn(dir, 'idle'), [], 'no daemon was started');
});

test('close stops a running daemon', async () => {
  const daemon = await startDaemon();
  daemons.push(daemon);
  const exited = new Promise<number | null>((resolve) => daemon.process.once('exit', (code) => resolve(code)));
  const result = await runCli(['--session', daemon.session, 'close'], { env: testEnv(daemon.socketDir) });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'closed');
  assert.is(await exited, 0);
  assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), []);
});

test('after kill -9 of the daemon: status explains (with --session), close removes the dead daemon’s socket and pid file, so clients stop getting Connection refused', async () => {
  for (const command of [['close'], ['daemon', 'stop']]) {
    // A folder of the test's own: the helper removes the folder it made when its daemon exits.
    const daemon = await startDaemon({ socketDir: tempDir() });
    daemons.push(daemon);
    const exited = new Promise((resolve) => daemon.process.once('exit', resolve));
    daemon.process.kill('SIGKILL');
    await exited;
    assert.ok(fs.existsSync(daemon.socketPath), 'the killed daemon left its socket');
    const env = testEnv(daemon.socketDir);
    const status = await runCli(['--session', daemon.session, 'daemon', 'status'], { env });
    assert.is(status.code, 0, status.stderr);
    assert.match(status.stdout, `${daemon.session}.sock`);
    assert.match(status.stdout, `--session ${daemon.session} open <url>`);
    assert.match(status.stdout, 'log of the last daemon');
    const closed = await runCli(['--session', daemon.session, ...command], { env });
    assert.is(closed.code, 0, closed.stderr);
    assert.match(closed.stdout, 'No daemon was running; removed the files a dead one left');
    assert.match(closed.stdout, `${daemon.session}.sock`);
    assert.equal(sessionFilesIn(daemon.socketDir, daemon.session), [], `${command.join(' ')} removed every session file`);
  }
});

test('daemon status with no daemon ever started says there is no log yet', async () => {
  const dir = tempDir();
  const status = await runCli(['--session', 'fresh', 'daemon', 'status'], { env: testEnv(dir) });
  assert.match(status.stdout, 'log: none yet');
  assert.match(status.stdout, `--session fresh open <url>`);
});

test('global flags work before and after the command name', async () => {
  const dir = tempDir();
  const env = testEnv(dir);
  for (const args of [
    ['--session', 'x', '--json', 'daemon', 'status'],
    ['daemon', 'status', '--session', 'x', '--json'],
    ['--json', 'daemon', 'status', '--session=x'],
    ['--session=x', 'daemon', 'status', '--json'],
  ]) {
    const result = await runCli(args, { env });
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.ok(result.json, `${args.join(' ')} printed JSON: ${result.stdout}`);
    assert.is(result.json.data.session, 'x', args.join(' '));
    assert.is(result.json.data.running, false);
  }
});

test('run status / run actions --json reach the daemon', async () => {
  const daemon = await startDaemon();
  daemons.push(daemon);
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const status = await runCli(['run', 'status', '--json'], { env });
  assert.is(status.code, 0, status.stderr);
  assert.is(status.json.success, true);
  assert.is(status.json.data.pid, daemon.pid);
  assert.is(status.json.data.session, daemon.session);

  const actions = await runCli(['run', 'actions', '--json'], { env });
  assert.is(actions.code, 0, actions.stderr);
  const names = (actions.json.data.actions as Array<{ name: string }>).map((a) => a.name);
  assert.ok(names.includes('navigate') && names.includes('status'), names.join(','));

  const bad = await runCli(['run', 'click', '--params', '{"button":"top"}', '--json'], { env });
  assert.is(bad.code, 1);
  assert.is(bad.json.success, false);
  assert.is(bad.json.code, 'INVALID_PARAMS');
  assert.match(bad.json.error, 'selector');

  const badParams = await runCli(['run', 'status', '--params', 'not json'], { env });
  assert.is(badParams.code, 1);
  assert.match(badParams.stderr, '--params');

  // Same daemon throughout (the CLI never started another).
  assert.is((await daemon.request({ id: 'x', action: 'status' })).data.pid, daemon.pid);
});

test('config show --json: file < env < flag, each value with its source', async () => {
  const project = tempProject();
  dirs.push(project);
  const socketDir = tempDir();
  const rc = writeJson(path.join(project, '.agentbrowserrc.json'), { session: 'fromfile', timeout: 1111, streamPort: 9333, args: ['--lang=de'] });
  const sub = path.join(project, 'deep', 'er');
  fs.mkdirSync(sub, { recursive: true });
  const base = testEnv(socketDir);
  delete base.AGENT_BROWSER_IDLE_TIMEOUT_MS;
  const row = (result: { json?: any }, key: string) =>
    (result.json.data.values as Array<{ key: string; value: unknown; source: string }>).find((r) => r.key === key)!;

  // File only (found by searching upward from a subfolder).
  const fileOnly = await runCli(['config', 'show', '--json'], { env: base, cwd: sub });
  assert.is(fileOnly.code, 0, fileOnly.stderr);
  assert.is(fileOnly.json.data.file, rc);
  assert.equal(row(fileOnly, 'session'), { key: 'session', value: 'fromfile', source: `file ${rc}` });
  assert.equal(row(fileOnly, 'timeout'), { key: 'timeout', value: 1111, source: `file ${rc}` });
  assert.is(row(fileOnly, 'idleTimeout').source, 'default');

  // Env over file.
  const envOver = await runCli(['config', 'show', '--json'], {
    env: { ...base, AGENT_BROWSER_SESSION: 'fromenv', AGENT_BROWSER_DEFAULT_TIMEOUT: '2222' },
    cwd: project,
  });
  assert.is(envOver.code, 0, envOver.stderr);
  assert.equal(row(envOver, 'session'), { key: 'session', value: 'fromenv', source: 'env AGENT_BROWSER_SESSION' });
  assert.equal(row(envOver, 'timeout'), { key: 'timeout', value: 2222, source: 'env AGENT_BROWSER_DEFAULT_TIMEOUT' });
  assert.equal(row(envOver, 'streamPort'), { key: 'streamPort', value: 9333, source: `file ${rc}` });

  // Flag over env over file.
  const flagOver = await runCli(['--session', 'fromflag', 'config', 'show', '--json'], { env: { ...base, AGENT_BROWSER_SESSION: 'fromenv' }, cwd: project });
  assert.is(flagOver.code, 0, flagOver.stderr);
  assert.equal(row(flagOver, 'session'), { key: 'session', value: 'fromflag', source: 'flag --session' });
  assert.equal(row(flagOver, 'timeout'), { key: 'timeout', value: 1111, source: `file ${rc}` });
  assert.equal(row(flagOver, 'args'), { key: 'args', value: ['--lang=de'], source: `file ${rc}` });

  // Human output names the file and each source.
  const human = await runCli(['config', 'show'], { env: base, cwd: project });
  assert.is(human.code, 0, human.stderr);
  assert.match(human.stdout, rc);
  assert.match(human.stdout, /session\s+"fromfile"\s+← file /);
});

test('an invalid config file: the CLI prints every problem with the file path, exit 1', async () => {
  const project = tempProject();
  dirs.push(project);
  const rc = writeJson(path.join(project, '.agentbrowserrc.json'), { timeout: 'soon', sesion: 'typo', transport: 'pigeon' });
  const env = testEnv(tempDir());
  for (const args of [
    ['config', 'show'],
    ['daemon', 'status'],
    ['get', 'url'],
  ]) {
    const result = await runCli(args, { env, cwd: project });
    assert.is(result.code, 1, `${args.join(' ')}: ${result.stdout}`);
    assert.ok(result.stderr.includes(rc), `${args.join(' ')} names the file: ${result.stderr}`);
    assert.match(result.stderr, 'timeout');
    assert.match(result.stderr, 'sesion');
    assert.match(result.stderr, '"session"', 'suggests the right key');
    assert.match(result.stderr, 'transport');
  }
  const json = await runCli(['config', 'show', '--json'], { env, cwd: project });
  assert.is(json.code, 1);
  assert.is(json.json.success, false);
  assert.ok(json.json.error.includes(rc));
});

test('a broken JSON config file: the CLI names the file, exit 1', async () => {
  const project = tempProject();
  dirs.push(project);
  const rc = path.join(project, '.agentbrowserrc.json');
  fs.writeFileSync(rc, '{ "session": "x", }\n');
  const result = await runCli(['config', 'show'], { env: testEnv(tempDir()), cwd: project });
  assert.is(result.code, 1, result.stdout);
  assert.ok(result.stderr.includes(rc), result.stderr);
});

test("auto-start failure shows the daemon's own error (a plugin that throws at import), not a timeout", async () => {
  const project = tempProject();
  dirs.push(project);
  const socketDir = tempDir();
  fs.writeFileSync(path.join(project, 'boom.mjs'), "throw new Error('kaboom while importing');\n");
  writeJson(path.join(project, '.agentbrowserrc.json'), { plugins: ['./boom.mjs'] });
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'boom' });
  cliDaemons.push(path.join(socketDir, 'boom.pid'));
  const result = await runCli(['get', 'url'], { env, cwd: project, timeoutMs: 30_000 });
  assert.is(result.code, 1, result.stdout);
  assert.match(result.stderr, 'kaboom while importing');
  assert.match(result.stderr, 'boom.mjs');
  assert.not.match(result.stderr, /did not report ready|timed out/i);
  assert.equal(sessionFilesIn(socketDir, 'boom'), [], 'the refused daemon left no files');
  const status = await runCli(['daemon', 'status', '--json'], { env, cwd: project });
  assert.is(status.json.data.running, false);
});

test('a mistyped command: ✗ with the closest command, exit 1, no daemon started', async () => {
  const dir = tempDir();
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'typo' });
  const typo = await runCli(['clik', '@e1'], { env });
  assert.is(typo.code, 1);
  assert.match(typo.stderr, "✗ Unknown command: clik. Did you mean 'agent-browser click'?");
  const topic = await runCli(['get', 'txt', '#x'], { env });
  assert.is(topic.code, 1);
  assert.match(topic.stderr, "Did you mean 'agent-browser get text'?");
  const json = await runCli(['frobnicate', '--json'], { env });
  assert.is(json.code, 1);
  assert.equal({ success: json.json.success, code: json.json.code }, { success: false, code: 'UNKNOWN_COMMAND' });
  assert.equal(sessionFilesIn(dir, 'typo'), [], 'nothing was started');
});

test('a wrong command line: one ✗ line naming the problem, a usage line, exit 1 (also as --json)', async () => {
  const dir = tempDir();
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'usage' });
  const missing = await runCli(['click'], { env });
  assert.is(missing.code, 1);
  assert.match(missing.stderr, '✗ Missing argument: <selector>');
  assert.match(missing.stderr, 'Usage: agent-browser click <selector> [flags]');
  assert.not.match(missing.stderr, 'Note:', "oclif's generic note is not shown");
  const badValue = await runCli(['scroll', 'sideways'], { env });
  assert.is(badValue.code, 1);
  assert.match(badValue.stderr, 'up, down, left, right');
  const json = await runCli(['get', 'attr', 'a', '--json'], { env });
  assert.is(json.code, 1);
  assert.is(json.json.code, 'INVALID_ARGUMENTS');
  assert.match(json.json.error, '<attribute>');
  assert.equal(sessionFilesIn(dir, 'usage'), [], 'nothing was started');
});

test.run();
