/**
 * Start-up races: eight CLIs started at once on a fresh session (Unix socket, then TCP) produce
 * exactly one daemon, and all eight commands succeed. A start-up lock left by a dead process does
 * not block the next start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { figure } from './_figures.js';

const test = suite('reliability: start-up races');
const CLIS = 8;

async function race(transport: 'unix' | 'tcp') {
  const socketDir = makeSocketDir();
  const session = `race-${transport}`;
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: session, AGENT_BROWSER_TRANSPORT: transport });
  try {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: CLIS }, () => runCli(['get', 'url'], { env, timeoutMs: 60_000 })));
    const seconds = (Date.now() - started) / 1000;
    const log = fs.readFileSync(path.join(socketDir, `${session}.log`), 'utf8');
    const listening = log.split('\n').filter((line) => / daemon for session ".*" listening at /.test(line)).length;
    const status = await runCli(['daemon', 'status', '--json'], { env });
    const succeeded = results.filter((result) => result.code === 0 && result.stdout.trim() === 'about:blank').length;
    figure(`start-up race (${transport}): ${CLIS} CLIs at once → ${succeeded} succeeded, ${listening} daemon(s) listened, ${seconds.toFixed(1)} s`);
    assert.is(succeeded, CLIS, results.map((result) => `${result.code}: ${result.stdout}${result.stderr}`).join('\n'));
    assert.is(listening, 1, log);
    assert.is(status.json.data.running, true);
    assert.not.ok(fs.existsSync(path.join(socketDir, `${session}.lock`)), 'the start-up lock is released once the daemon serves');
  } finally {
    await runCli(['close'], { env });
    fs.rmSync(socketDir, { recursive: true, force: true });
  }
}

test('8 CLIs at once on a fresh Unix-socket session: one daemon, 8 successes', () => race('unix'));

test('8 CLIs at once on a fresh TCP session: one daemon, 8 successes', () => race('tcp'));

test('a start-up lock left by a process that died does not block the next start', async () => {
  const socketDir = makeSocketDir();
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'stale-lock' });
  try {
    // A pid that cannot be alive: beyond the kernel's pid range.
    fs.writeFileSync(path.join(socketDir, 'stale-lock.lock'), '4194305');
    const result = await runCli(['get', 'url'], { env });
    assert.is(result.code, 0, result.stderr);
    assert.is(result.stdout.trim(), 'about:blank');
  } finally {
    await runCli(['close'], { env });
    fs.rmSync(socketDir, { recursive: true, force: true });
  }
});

test.run();
