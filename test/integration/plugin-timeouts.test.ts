// Plugins that never settle at start-up: `apply`, and `beforeLaunch`/`browserReady` taps, get
// `pluginTimeout`; a daemon that never reports ready is stopped by the CLI that gave up on it, and
// `daemon status` and the session's log say what happened.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { alive, browserPids, eventually } from '../helpers/e2e.js';
import { killPidFile, sessionFilesIn, tempProject, writeJson, writePlugin } from './_support.js';

const test = suite('plugins: time limits at start-up');
const dirs: string[] = [];
const pidFiles: string[] = [];

test.after.each(async () => {
  for (const pidFile of pidFiles.splice(0)) await killPidFile(pidFile);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

/** A project whose config lists one plugin file (under ./plugins) with a 1 s plugin time limit. */
function project(session: string, file: string, body: string): { dir: string; env: NodeJS.ProcessEnv; socketDir: string } {
  const dir = tempProject();
  const socketDir = makeSocketDir();
  dirs.push(dir, socketDir);
  pidFiles.push(path.join(socketDir, `${session}.pid`));
  writePlugin(path.join(dir, 'plugins'), file, body);
  writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins: [`./plugins/${file}`], pluginTimeout: 1000 });
  return { dir, socketDir, env: testEnv(socketDir, { AGENT_BROWSER_SESSION: session }) };
}

const logOf = (socketDir: string, session: string) => fs.readFileSync(path.join(socketDir, `${session}.log`), 'utf8');

test('an apply that never settles fails the start naming the plugin; nothing is left running; status and log say why', async () => {
  const { dir, env, socketDir } = project('hang', 'hang.mjs', "export default { name: 'hang', apply() { return new Promise(() => {}); } };");
  const start = await runCli(['open', 'about:blank'], { env, cwd: dir, timeoutMs: 30_000 });
  assert.is(start.code, 1, start.stdout);
  assert.match(start.stderr, 'Plugin "hang"');
  assert.match(start.stderr, path.join(dir, 'plugins', 'hang.mjs'));
  assert.match(start.stderr, 'did not finish apply within 1000 ms (pluginTimeout)');
  assert.not.match(start.stderr, /did not report ready/);
  assert.equal(sessionFilesIn(socketDir, 'hang'), [], 'no daemon files left: no daemon runs');

  const status = await runCli(['daemon', 'status'], { env, cwd: dir });
  assert.match(status.stdout, 'No daemon is running for session "hang"');
  assert.match(status.stdout, /The last start failed \(PLUGIN_FAILED, [^)]+\): Plugin "hang"/);
  const json = await runCli(['daemon', 'status', '--json'], { env, cwd: dir });
  assert.is(json.json.data.lastStartFailure.code, 'PLUGIN_FAILED');
  assert.match(json.json.data.lastStartFailure.message, 'did not finish apply within 1000 ms');
  assert.match(logOf(socketDir, 'hang'), `applying plugin "hang" (${path.join(dir, 'plugins', 'hang.mjs')})`);
});

test('a module whose top level never settles fails the start naming the plugin and its file', async () => {
  const { dir, env, socketDir } = project('tla', 'tla.mjs', "await new Promise(() => {});\nexport default { name: 'tla', apply() {} };");
  const start = await runCli(['daemon', 'start'], { env, cwd: dir, timeoutMs: 30_000 });
  assert.is(start.code, 1, start.stdout);
  assert.match(start.stderr, `Plugin "./plugins/tla.mjs" (${path.join(dir, 'plugins', 'tla.mjs')}) did not finish loading within 1000 ms (pluginTimeout)`);
  assert.equal(sessionFilesIn(socketDir, 'tla'), []);
  assert.match(logOf(socketDir, 'tla'), 'loading plugin "./plugins/tla.mjs"');
});

test('an apply that blocks the event loop: the CLI gives up, stops the daemon, and the log names the plugin it was applying', async () => {
  const { dir, env, socketDir } = project('spin', 'spin.mjs', "export default { name: 'spin', apply() { for (;;) {} } };");
  const start = await runCli(['daemon', 'start'], { env, cwd: dir, timeoutMs: 40_000 });
  assert.is(start.code, 1, start.stdout);
  const pid = Number(/\(pid (\d+)\) did not report ready within 15000 ms; it was stopped/.exec(start.stderr)?.[1]);
  assert.ok(pid > 0, start.stderr);
  assert.not.ok(alive(pid), `the daemon ${pid} was stopped`);
  assert.match(start.stderr, 'applying plugin "spin"', 'the log tail in the error names the plugin');

  const status = await runCli(['daemon', 'status'], { env, cwd: dir });
  assert.match(status.stdout, /The last start failed \(START_TIMEOUT, [^)]+\): The daemon for session "spin"/);

  // Without the plugin the next start works, and the old failure is no longer reported.
  writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins: [] });
  const restart = await runCli(['daemon', 'start'], { env, cwd: dir, timeoutMs: 30_000 });
  assert.is(restart.code, 0, restart.stderr);
  const running = await runCli(['daemon', 'status', '--json'], { env, cwd: dir });
  assert.is(running.json.data.running, true);
  assert.is(running.json.data.lastStartFailure, undefined);
  await runCli(['close'], { env, cwd: dir });
  assert.match(logOf(socketDir, 'spin'), /START_TIMEOUT/);
});

for (const hook of ['beforeLaunch', 'browserReady'] as const) {
  test(`a ${hook} tap that never settles fails the launch naming the plugin and the hook; the daemon stays usable`, async () => {
    const session = `slow${hook}`;
    const { dir, env } = project(
      session,
      'slow.mjs',
      `export default { name: 'slow', apply(host) { host.hooks.${hook}.tapPromise('slow', () => new Promise(() => {})); } };`,
    );
    const open = await runCli(['open', 'about:blank', '--json'], { env, cwd: dir, timeoutMs: 60_000 });
    assert.is(open.code, 1, open.stdout);
    assert.is(open.json.code, 'PLUGIN_FAILED');
    assert.match(open.json.error, `Plugin "slow" failed in hook "${hook}": its tap did not settle within 1000 ms (pluginTimeout`);
    const status = await runCli(['daemon', 'status', '--json'], { env, cwd: dir });
    assert.is(status.json.data.running, true, 'the daemon still answers');
    assert.is(status.json.data.daemon.browser.launched, false, 'no half-ready browser is kept');
    const daemonPid = status.json.data.daemon.pid as number;
    assert.ok(await eventually(() => browserPids(daemonPid).length === 0), `no browser process left: ${browserPids(daemonPid)}`);
    const close = await runCli(['close'], { env, cwd: dir });
    assert.is(close.code, 0, close.stderr);
  });
}

test.run();
