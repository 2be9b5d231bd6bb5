/**
 * Skew and access between a CLI and a running daemon: a daemon of another version is restarted when no
 * browser runs in it, or kept with a warning that says why; launch flags that differ from the
 * running daemon's are refused loudly (also under --json), matching ones pass silently; a socket
 * another user owns is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { ROOT } from '../helpers/paths.js';
import { figure } from './_figures.js';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const test = suite('reliability: version and launch-flag skew');
const socketDir = makeSocketDir();
const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'skew' });
const file = (ext: string) => path.join(socketDir, `skew.${ext}`);
const pid = () => Number(fs.readFileSync(file('pid'), 'utf8'));

test.after(async () => {
  await runCli(['close'], { env });
  fs.rmSync(socketDir, { recursive: true, force: true });
});

test('a daemon of another version with no browser open is restarted on this version', async () => {
  assert.is((await runCli(['daemon', 'start'], { env })).code, 0);
  assert.is(fs.readFileSync(file('version'), 'utf8'), VERSION, 'the daemon writes its version');
  const before = pid();
  fs.writeFileSync(file('version'), '0.0.1-old');
  const result = await runCli(['get', 'url'], { env });
  figure(`version skew, no browser: daemon ${before} → ${pid()} (restarted), command exit ${result.code}`);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout.trim(), 'about:blank');
  assert.match(result.stderr, `ran agent-browser 0.0.1-old; it had no browser open, so it was restarted on ${VERSION}`);
  assert.is.not(pid(), before);
  assert.is(fs.readFileSync(file('version'), 'utf8'), VERSION);
});

test('a daemon of another version with a browser open is kept, and the CLI says why', async () => {
  const before = pid();
  fs.writeFileSync(file('version'), '0.0.1-old');
  const result = await runCli(['get', 'url'], { env });
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, `runs agent-browser 0.0.1-old, this CLI is ${VERSION}. It keeps running because its browser holds your pages`);
  assert.is(pid(), before);
  fs.writeFileSync(file('version'), VERSION);
});

test('launch flags that differ from the running daemon are refused, also under --json; matching ones pass silently', async () => {
  const headed = await runCli(['--headed', 'get', 'url'], { env });
  assert.is(headed.code, 1);
  assert.match(headed.stderr, 'already running with other launch options: --headed (it runs headless)');
  assert.match(headed.stderr, "run 'agent-browser --session skew close' first");
  const json = await runCli(['--headed', 'get', 'url', '--json'], { env });
  assert.is(json.code, 1);
  assert.is(json.json.success, false);
  assert.is(json.json.code, 'LAUNCH_OPTIONS_DIFFER');
  const status = await runCli(['daemon', 'status', '--json'], { env });
  const executable = status.json.data.daemon.launch.executablePath as string;
  assert.ok(executable, JSON.stringify(status.json.data.daemon.launch));
  const same = await runCli(['--executable-path', executable, 'get', 'url'], { env });
  assert.is(same.code, 0, same.stderr);
  assert.is(same.stderr, '');
  const other = await runCli(['--executable-path', '/opt/other/chrome', 'get', 'url'], { env });
  assert.is(other.code, 1);
  assert.match(other.stderr, `--executable-path /opt/other/chrome (it runs ${executable})`);
});

test.run();

const access = suite('reliability: access');

access('the client refuses a session socket another user owns (even as root)', async () => {
  const dir = makeSocketDir();
  const foreignEnv = testEnv(dir, { AGENT_BROWSER_SESSION: 'foreign' });
  try {
    assert.is((await runCli(['daemon', 'start'], { env: foreignEnv })).code, 0);
    const socket = path.join(dir, 'foreign.sock');
    assert.is(fs.statSync(socket).mode & 0o777, 0o600);
    fs.chownSync(socket, 65534, 65534);
    const refused = await runCli(['get', 'url'], { env: foreignEnv });
    assert.is(refused.code, 1);
    assert.match(refused.stderr, `${socket} belongs to another user (uid 65534`);
    fs.chownSync(socket, process.getuid!(), process.getgid!());
  } finally {
    await runCli(['close'], { env: foreignEnv });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

access.run();
