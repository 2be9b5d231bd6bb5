// `agent-browser doctor` as a user runs it: the real browser on this machine, real daemons, the
// files a really dead process left, a real stuck listener, real config files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { pidAlive, sessionFilesIn, tempProject, writeJson, writePlugin } from './_support.js';

const test = suite('doctor');
const dirs: string[] = [];
const daemons: TestDaemon[] = [];

test.after.each(async () => {
  for (const daemon of daemons.splice(0)) await daemon.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = makeSocketDir();
  dirs.push(dir);
  return dir;
}

/** A pid no process has any more: a real process that ran and exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

type Check = { name: string; status: 'ok' | 'warn' | 'fail'; message: string; fix?: string };

function check(run: CliResult, name: string): Check {
  const found = (run.json.data.checks as Check[]).find((c) => c.name === name);
  assert.ok(found, `a "${name}" check in ${run.stdout}`);
  return found!;
}

const doctor = (args: string[], env: NodeJS.ProcessEnv, cwd?: string) => runCli(['doctor', ...args], { env, cwd, timeoutMs: 90_000 });

test('on a working setup every line is ✓, the exit code is 0, and nothing was started', async () => {
  const dir = tempDir();
  const env = testEnv(dir);
  const run = await doctor([], env, dir);
  assert.is(run.code, 0, run.stdout + run.stderr);
  const lines = run.stdout.trim().split('\n');
  for (const line of lines.slice(0, -2)) assert.match(line, /^✓ /, 'every check line is ✓');
  assert.match(run.stdout, /✓ Node\.js \d+\.\d+\.\d+/);
  assert.match(run.stdout, /✓ Browser: .+ at \/.+ \(.+\); it runs/);
  assert.match(run.stdout, new RegExp(`✓ Socket folder: ${dir} \\(env AGENT_BROWSER_SOCKET_DIR\\), writable, mode 0700`));
  assert.match(run.stdout, new RegExp(`✓ Socket path: ${dir}/default\\.sock for session "default", \\d+ of 108 bytes`));
  assert.match(run.stdout, /✓ Network flags: every launch gets --disable-background-networking --disable-component-update --disable-sync --no-first-run/);
  assert.match(run.stdout, /✓ Proxy: none set/);
  assert.match(run.stdout, /\n✓ Plugins: none configured\n/);
  assert.match(lines.at(-1)!, 'Everything agent-browser needs is in place.');
  assert.equal(
    fs.readdirSync(dir).filter((name) => name !== 'xdg'),
    [],
    'doctor started no daemon and left no file',
  );

  const json = await doctor(['--json'], env, dir);
  assert.is(json.code, 0, json.stderr);
  assert.is(json.json.success, true);
  const names = (json.json.data.checks as Check[]).map((c) => c.name);
  for (const name of ['node', 'config', 'plugins', 'browser', 'socket-folder', 'address', 'sessions', 'network-flags', 'proxy'])
    assert.ok(names.includes(name), `check ${name}`);
  for (const c of json.json.data.checks as Check[]) {
    assert.is(c.status, 'ok', c.message);
    assert.type(c.message, 'string');
  }
});

test('running and dead sessions: a live daemon is reported with its pid and version; --fix removes only the dead one’s files', async () => {
  const dir = tempDir();
  const live = await startDaemon({ socketDir: dir, session: 'live' });
  daemons.push(live);
  const gone = deadPid();
  fs.writeFileSync(path.join(dir, 'ghost.pid'), String(gone));
  fs.writeFileSync(path.join(dir, 'ghost.sock'), '');
  fs.writeFileSync(path.join(dir, 'ghost.stream'), '9223');
  fs.writeFileSync(path.join(dir, 'ghost.version'), '0.0.1');
  // A process that is alive but does not serve (a daemon starting up, say): never removed.
  fs.writeFileSync(path.join(dir, 'busy.pid'), String(process.pid));
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'live' });

  const before = await doctor(['--json'], env, dir);
  assert.is(before.code, 0, 'warnings alone exit 0');
  const liveCheck = check(before, 'session live');
  assert.is(liveCheck.status, 'ok');
  assert.match(liveCheck.message, `daemon pid ${live.pid}, agent-browser `);
  assert.match(liveCheck.message, 'answers status');
  const ghost = check(before, 'session ghost');
  assert.is(ghost.status, 'warn');
  assert.match(ghost.message, `pid ${gone} is gone`);
  assert.match(ghost.message, 'ghost.sock, ghost.pid, ghost.stream, ghost.version');
  assert.match(ghost.fix!, 'doctor --fix');
  const busy = check(before, 'session busy');
  assert.is(busy.status, 'warn');
  assert.match(busy.message, `pid ${process.pid} is alive but nothing answers`);
  assert.equal(sessionFilesIn(dir, 'ghost'), ['ghost.pid', 'ghost.sock', 'ghost.stream', 'ghost.version'], 'looking removed nothing');

  const fixed = await doctor(['--fix'], env, dir);
  assert.is(fixed.code, 0, fixed.stdout + fixed.stderr);
  assert.match(fixed.stdout, /✓ Session "ghost": removed ghost\.sock, ghost\.pid, ghost\.stream, ghost\.version, left by a dead daemon/);
  assert.equal(sessionFilesIn(dir, 'ghost'), [], 'the dead daemon’s files are gone');
  assert.equal(sessionFilesIn(dir, 'busy'), ['busy.pid'], 'a live process’s pid file stays');
  assert.ok(fs.existsSync(live.socketPath), 'the live daemon’s socket stays');
  const answer = await live.request({ id: 'after', action: 'status' });
  assert.is(answer.data.pid, live.pid, 'the live daemon still answers');

  const json = await doctor(['--fix', '--json'], env, dir);
  assert.equal(json.json.data.removed, [], 'nothing left to remove');
});

test('a daemon that accepts connections but never answers status is a ✗ with what to do', async () => {
  const dir = tempDir();
  const socketPath = path.join(dir, 'stuck.sock');
  // Reads every request and answers none.
  const server = net.createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  fs.writeFileSync(path.join(dir, 'stuck.pid'), String(process.pid));
  try {
    const run = await doctor(['--json'], testEnv(dir), dir);
    assert.is(run.code, 1);
    assert.is(run.json.success, false);
    const stuck = check(run, 'session stuck');
    assert.is(stuck.status, 'fail');
    assert.match(stuck.message, `something listens (pid ${process.pid}) but does not answer status`);
    assert.match(stuck.fix!, `kill ${process.pid}`);
    const again = await doctor(['--fix'], testEnv(dir), dir);
    assert.ok(fs.existsSync(socketPath), '--fix leaves a listening socket alone');
    assert.match(again.stdout, /✗ Session "stuck"/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('no usable browser: a missing --executable-path and a binary that fails to run are ✗, exit 1, each with a fix', async () => {
  const dir = tempDir();
  const env = testEnv(dir);
  const missing = await doctor(['--executable-path', path.join(dir, 'no-such-chrome')], env, dir);
  assert.is(missing.code, 1);
  assert.match(missing.stdout, new RegExp(`✗ Browser: The browser executable "${dir}/no-such-chrome" set by flag --executable-path does not exist`));
  assert.match(missing.stdout, /→ Fix or remove that setting \(flag --executable-path\)/);
  assert.match(missing.stdout, /1 problem\./);

  const broken = path.join(dir, 'broken-chrome');
  fs.writeFileSync(broken, '#!/bin/sh\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n', { mode: 0o755 });
  const json = await doctor(['--json'], { ...env, AGENT_BROWSER_EXECUTABLE_PATH: broken }, dir);
  assert.is(json.code, 1);
  assert.is(json.json.success, false);
  assert.match(json.json.error, 'browser');
  const browser = check(json, 'browser');
  assert.is(browser.status, 'fail');
  assert.match(browser.message, `${broken} (env AGENT_BROWSER_EXECUTABLE_PATH) does not run`);
  assert.match(browser.message, 'libnss3.so');
  assert.match(browser.fix!, `${broken} --version`);
});

test('socket folder and path: a group-readable folder is ⚠ (chmod 700), a socket path past sun_path is ✗', async () => {
  const dir = tempDir();
  const open = path.join(dir, 'open');
  fs.mkdirSync(open, { mode: 0o755 });
  fs.chmodSync(open, 0o755);
  const wide = await doctor(['--json'], testEnv(open), dir);
  assert.is(wide.code, 0, 'a warning alone exits 0');
  const folder = check(wide, 'socket-folder');
  assert.is(folder.status, 'warn');
  assert.match(folder.message, 'mode 0755');
  assert.is(folder.fix, `chmod 700 ${open}`);

  const long = await doctor(['--session', 'x'.repeat(120)], testEnv(dir), dir);
  assert.is(long.code, 1);
  assert.match(long.stdout, /✗ Socket path: The socket path .+ is \d+ bytes long .+ at most 108/);
  assert.match(long.stdout, /→ Use a shorter session name, or set AGENT_BROWSER_SOCKET_DIR/);
});

test('config: a broken file is ✗ naming the file and each problem, and the other checks still use its valid keys', async () => {
  const dir = tempDir();
  const project = tempProject();
  dirs.push(project);
  const rc = writeJson(path.join(project, '.agentbrowserrc.json'), {
    timout: 5,
    args: ['--force-first-run', '--proxy-server=http://ada:hunter2@127.0.0.1:3128'],
    plugins: ['./missing-plugin.mjs'],
  });
  const run = await doctor(['--json'], testEnv(dir, { https_proxy: 'http://bob:secret@127.0.0.1:8080' }), project);
  assert.is(run.code, 1);
  const config = check(run, 'config');
  assert.is(config.status, 'fail');
  assert.match(config.message, rc);
  assert.match(config.message, 'timout: unknown key (did you mean "timeout"?)');
  assert.match(config.fix!, 'config explain');
  const plugins = check(run, 'plugins');
  assert.is(plugins.status, 'fail');
  assert.match(plugins.message, path.join(project, 'missing-plugin.mjs'));
  const network = check(run, 'network-flags');
  assert.is(network.status, 'fail');
  assert.match(network.message, '--force-first-run, which works against --no-first-run');
  assert.match(network.fix!, 'Remove --force-first-run');
  const proxy = check(run, 'proxy');
  assert.match(proxy.message, '--proxy-server=http://ada:***@127.0.0.1:3128');
  assert.match(proxy.message, 'https_proxy=http://bob:***@127.0.0.1:8080');
  assert.not.match(run.stdout, /hunter2|secret/, 'no password is printed');

  fs.writeFileSync(rc, '{ "timeout": ');
  const unreadable = await doctor([], testEnv(dir), project);
  assert.is(unreadable.code, 1);
  assert.match(unreadable.stdout, new RegExp(`✗ Config: Could not read configuration file ${rc}`));
  assert.match(unreadable.stdout, /✓ Browser: /, 'the other checks ran');
});

/** A project folder with `plugins` in its config and the plugin files (each begins with a zod import line). */
function pluginProject(plugins: unknown[], files: Record<string, string>): { dir: string; rc: string } {
  const dir = tempProject();
  dirs.push(dir);
  for (const [file, body] of Object.entries(files)) writePlugin(dir, path.join('plugins', file), body);
  return { dir, rc: writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins }) };
}

test('plugins load as the daemon loads them: ✓ with name, version, file and actions; ✗ with the error the daemon’s start gives and a fix; exit 1', async () => {
  const socketDir = tempDir();
  const { dir, rc } = pluginProject(
    ['./plugins/good.mjs', './plugins/typo.mjs', './plugins/applybad.mjs', ['./plugins/opt.mjs', { greeting: 5 }], 'ab-not-installed'],
    {
      // Prints while applied: the report still reaches doctor intact.
      'good.mjs':
        "export default { name: 'good', version: '1.2.0', apply(host) { console.log('hello from good'); host.addAction({ name: 'good:hello', summary: 'Says hello.', params: z.object({}), handler: () => ({}) }); } };",
      'typo.mjs': "export default {\n  name: 'typo',\n  apply(host) { let = ; },\n};",
      'applybad.mjs': "export default { name: 'applybad', apply() { throw new Error('apply exploded'); } };",
      'opt.mjs': "export default { name: 'opt', options: z.object({ greeting: z.string() }), apply() {} };",
    },
  );
  const file = (name: string) => path.join(dir, 'plugins', name);
  const run = await doctor([], testEnv(socketDir), dir);
  assert.is(run.code, 1, run.stdout + run.stderr);
  const out = run.stdout;
  assert.ok(out.includes(`✓ Plugins: "good" 1.2.0 from ${file('good.mjs')} loads; adds good:hello\n`), out);
  // The line of the mistake (line 1 is the zod import), and the code under it, indented under the ✗.
  assert.ok(out.includes(`✗ Plugins: Cannot load plugin "./plugins/typo.mjs" (${file('typo.mjs')}): `), out);
  assert.ok(out.includes(` at ${file('typo.mjs')}:4\n    apply(host) { let = ; },\n`), out);
  assert.ok(out.includes(`✗ Plugins: Plugin "applybad" (${file('applybad.mjs')}) failed while applying: apply exploded\n`), out);
  assert.ok(out.includes(`✗ Plugins: Invalid options for plugin "opt" (${file('opt.mjs')}): greeting: `), out);
  assert.ok(out.includes(`✗ Plugins: Cannot find plugin package "ab-not-installed" from ${dir}`), out);
  assert.ok(out.includes('npm install ab-not-installed'), out);
  assert.ok(
    out.includes(`  → Fix the plugin or its entry in "plugins" (file ${rc}), or remove "./plugins/applybad.mjs" from there; until it loads, no daemon starts`),
    out,
  );
  assert.match(out, /\n4 problems\./);
  assert.not.match(out, /hello from good/, 'what a plugin prints is not part of the report');
  assert.equal(
    fs.readdirSync(socketDir).filter((name) => name !== 'xdg'),
    [],
    'no daemon started, no log written',
  );

  const json = await doctor(['--json'], testEnv(socketDir), dir);
  assert.is(json.code, 1);
  assert.is(json.json.success, false);
  assert.is(json.json.error, '4 checks failed: plugin ./plugins/typo.mjs, plugin ./plugins/applybad.mjs, plugin ./plugins/opt.mjs, plugin ab-not-installed');
  assert.equal(check(json, 'plugin ./plugins/good.mjs'), {
    name: 'plugin ./plugins/good.mjs',
    status: 'ok',
    message: `Plugins: "good" 1.2.0 from ${file('good.mjs')} loads; adds good:hello`,
  });
  const typo = check(json, 'plugin ./plugins/typo.mjs');
  assert.is(typo.status, 'fail');
  assert.match(typo.message, `${file('typo.mjs')}:4`);
  assert.match(typo.fix!, rc);
  assert.is(check(json, 'plugin ./plugins/applybad.mjs').status, 'fail');

  // A clash shows when registerActions runs, after every apply: the plugin whose action clashes is ✗.
  writePlugin(
    dir,
    path.join('plugins', 'clash.mjs'),
    "export default { name: 'clash', apply(host) { host.addAction({ name: 'good:hello', summary: 'x', params: z.object({}), handler: () => ({}) }); } };",
  );
  writeJson(rc, { plugins: ['./plugins/good.mjs', './plugins/clash.mjs'] });
  const clash = await doctor([], testEnv(socketDir), dir);
  assert.is(clash.code, 1);
  assert.ok(
    clash.stdout.includes(
      '✗ Plugins: Plugin "clash" registered action "good:hello", which plugin "good" already provides. Name it "clash:hello", or set override: true to replace it on purpose.\n',
    ),
    clash.stdout,
  );
  assert.ok(
    clash.stdout.includes(`✓ Plugins: "good" 1.2.0 from ${file('good.mjs')} loads; its actions are not known: registering them did not finish\n`),
    clash.stdout,
  );
});

test('a plugin that never finishes loading is ✗ naming it: the daemon’s own time limits, then the check’s for a blocked process; doctor finishes', async () => {
  const socketDir = tempDir();
  const pidFile = path.join(socketDir, 'xdg', 'check.pid');
  const { dir, rc } = pluginProject(['./plugins/hang.mjs', './plugins/ticking.mjs', './plugins/spin.mjs', './plugins/later.mjs'], {
    'hang.mjs': "export default { name: 'hang', apply() { return new Promise(() => {}); } };",
    // Its top level awaits forever while a timer keeps the process busy.
    'ticking.mjs': "await new Promise(() => setInterval(() => {}, 1000));\nexport default { name: 'ticking', apply() {} };",
    // Its top level blocks the event loop: no timer in its process can fire, only the check's own limit ends it.
    'spin.mjs': `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nfor (;;) {}\nexport default { name: 'spin', apply() {} };`,
    'later.mjs': 'export default function later() {}',
  });
  const config = JSON.parse(fs.readFileSync(rc, 'utf8'));
  writeJson(rc, { ...config, pluginTimeout: 1000 });
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  const run = await doctor(['--json'], testEnv(socketDir), dir);
  assert.is(run.code, 1);
  assert.match(run.json.error, 'plugin ./plugins/hang.mjs, plugin ./plugins/ticking.mjs, plugin ./plugins/spin.mjs');
  const hang = check(run, 'plugin ./plugins/hang.mjs');
  assert.is(hang.status, 'fail');
  assert.match(hang.message, `Plugin "hang" (${path.join(dir, 'plugins', 'hang.mjs')}) did not finish apply within 1000 ms (pluginTimeout)`);
  const ticking = check(run, 'plugin ./plugins/ticking.mjs');
  assert.is(ticking.status, 'fail');
  assert.match(
    ticking.message,
    `Plugin "./plugins/ticking.mjs" (${path.join(dir, 'plugins', 'ticking.mjs')}) did not finish loading within 1000 ms (pluginTimeout)`,
  );
  const spin = check(run, 'plugin ./plugins/spin.mjs');
  assert.is(spin.status, 'fail');
  assert.is(
    spin.message,
    `Plugins: "./plugins/spin.mjs" (${path.join(dir, 'plugins', 'spin.mjs')}) was still loading after 20 s: its import or its apply never finished (a busy loop, or a wait no time limit in its process can end), and the daemon's start would hang on it too`,
  );
  assert.match(spin.fix!, 'remove "./plugins/spin.mjs"');
  assert.equal(check(run, 'plugin ./plugins/later.mjs'), {
    name: 'plugin ./plugins/later.mjs',
    status: 'warn',
    message: 'Plugins: "./plugins/later.mjs" not checked: the check stopped before it',
  });
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  assert.ok(pid > 0 && !pidAlive(pid), `the check's process (pid ${pid}) was stopped`);
});

test.run();
