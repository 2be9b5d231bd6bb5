/**
 * Crash recovery and lifetimes against real processes: a daemon killed with SIGKILL leaves no
 * Chrome behind and the next CLI command starts a new one; a browser that dies is relaunched by
 * the next action, which says page state was lost; a browser that dies during an action fails it
 * at once; close, SIGTERM and the idle timeout leave no Chrome process behind.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv } from '../helpers/daemon.js';
import { alive, browserPids, commandOf, eventually } from '../helpers/e2e.js';
import { figure } from './_figures.js';

const test = suite('reliability: crash recovery and lifetimes');

/** Milliseconds until `condition` holds (checked every 25 ms), or -1 after `timeoutMs`. */
async function timeUntil(condition: () => boolean, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  return (await eventually(condition, timeoutMs, 25)) ? Date.now() - started : -1;
}

test('kill -9 of the daemon: its Chrome exits too; the next CLI command cleans up and starts a new daemon', async () => {
  const socketDir = makeSocketDir();
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'killed' });
  try {
    assert.is((await runCli(['open', 'about:blank'], { env })).code, 0);
    const pid = Number(fs.readFileSync(path.join(socketDir, 'killed.pid'), 'utf8'));
    const chrome = browserPids(pid);
    assert.ok(chrome.length > 0, 'the daemon runs a browser');
    process.kill(pid, 'SIGKILL');
    const chromeGoneMs = await timeUntil(() => chrome.every((child) => !alive(child)));
    const orphans = chrome.filter(alive);
    const started = Date.now();
    const next = await runCli(['get', 'url'], { env });
    const recoveryMs = Date.now() - started;
    const newPid = Number(fs.readFileSync(path.join(socketDir, 'killed.pid'), 'utf8'));
    figure(
      `kill -9 daemon: ${chrome.length} Chrome processes, ${orphans.length} orphaned (gone after ${chromeGoneMs} ms); next command recovered in ${recoveryMs} ms with a new daemon`,
    );
    assert.equal(orphans, [], orphans.map(commandOf).join('\n'));
    assert.is(next.code, 0, next.stderr);
    assert.is(next.stdout.trim(), 'about:blank');
    assert.is.not(newPid, pid);
    assert.ok(alive(newPid));
  } finally {
    await runCli(['close'], { env });
    fs.rmSync(socketDir, { recursive: true, force: true });
  }
});

test('the browser dies: the next action relaunches it and says page state was lost', async () => {
  const daemon = await startDaemon();
  try {
    await daemon.request({ id: 'open', action: 'navigate', url: 'data:text/html,<title>Before</title>' });
    const chrome = browserPids(daemon.pid);
    const main = chrome.find((pid) => !/--type=/.test(commandOf(pid)))!;
    assert.ok(main, chrome.map(commandOf).join('\n'));
    process.kill(main, 'SIGKILL');
    await eventually(() => !alive(main));
    // `url` reads no page state from the browser, so it is sent once the daemon has seen the
    // browser go (on a loaded machine that news can trail the process's death).
    await eventually(async () => (await daemon.request({ id: 'seen', action: 'status' })).data?.browser?.launched === false);
    const started = Date.now();
    const answer = await daemon.request({ id: 'after', action: 'url' });
    const relaunchMs = Date.now() - started;
    figure(`browser killed: the next action relaunched it in ${relaunchMs} ms`);
    assert.is(answer.success, true, answer.error);
    assert.is(answer.data.url, 'about:blank');
    assert.match(answer.data.warning, 'page state (tabs, cookies, refs) was lost');
    const again = await daemon.request({ id: 'again', action: 'url' });
    assert.is(again.data.warning, undefined, 'said once');
  } finally {
    await daemon.stop();
  }
});

test('the browser dies during an evaluate (a direct DevTools call) fails at once with BROWSER_CLOSED', async () => {
  const daemon = await startDaemon({ env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '60000' } });
  try {
    await daemon.request({ id: 'open', action: 'navigate', url: 'data:text/html,<title>Evaluating</title>' });
    const main = browserPids(daemon.pid).find((pid) => !/--type=/.test(commandOf(pid)))!;
    const waiting = daemon.request({ id: 'eval', action: 'evaluate', script: 'new Promise(() => {})' }, { timeoutMs: 70_000 });
    setTimeout(() => process.kill(main, 'SIGKILL'), 500);
    const answer = await waiting;
    assert.is(answer.success, false);
    assert.is(answer.code, 'BROWSER_CLOSED', answer.error);
    assert.match(answer.error, /closed/i);
    const next = await daemon.request({ id: 'next', action: 'url' });
    assert.is(next.success, true, next.error);
  } finally {
    await daemon.stop();
  }
});

test('the browser dies during an action: that action fails at once with BROWSER_CLOSED, not at its timeout', async () => {
  const daemon = await startDaemon({ env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '60000' } });
  try {
    await daemon.request({ id: 'open', action: 'navigate', url: 'data:text/html,<title>Waiting</title>' });
    const main = browserPids(daemon.pid).find((pid) => !/--type=/.test(commandOf(pid)))!;
    const started = Date.now();
    const waiting = daemon.request({ id: 'wait', action: 'wait', selector: '#never', timeout: 60_000 }, { timeoutMs: 70_000 });
    setTimeout(() => process.kill(main, 'SIGKILL'), 500);
    const answer = await waiting;
    const failedAfterMs = Date.now() - started;
    figure(`browser killed during a 60 s wait: the wait failed after ${failedAfterMs} ms with ${answer.code}`);
    assert.is(answer.success, false);
    assert.is(answer.code, 'BROWSER_CLOSED');
    assert.ok(failedAfterMs < 30_000, `failed after ${failedAfterMs} ms`);
    const next = await daemon.request({ id: 'next', action: 'url' });
    assert.is(next.success, true, next.error);
  } finally {
    await daemon.stop();
  }
});

for (const ending of ['close', 'SIGTERM', 'idle timeout'] as const) {
  test(`${ending}: no Chrome process survives the daemon, and its files are removed`, async () => {
    const daemon = await startDaemon({ env: ending === 'idle timeout' ? { AGENT_BROWSER_IDLE_TIMEOUT_MS: '1500' } : {} });
    await daemon.request({ id: 'open', action: 'navigate', url: 'data:text/html,<title>Ending</title>' });
    const lastAnswerAt = Date.now();
    const chrome = browserPids(daemon.pid);
    assert.ok(chrome.length > 0);
    if (ending === 'close') await daemon.request({ id: 'close', action: 'close' });
    if (ending === 'SIGTERM') process.kill(daemon.pid, 'SIGTERM');
    const exitedMs = await timeUntil(() => !alive(daemon.pid), 20_000);
    const exitedAt = Date.now();
    const chromeGoneMs = await timeUntil(() => chrome.every((pid) => !alive(pid)));
    figure(
      `${ending}: daemon gone after ${exitedMs} ms, its ${chrome.length} Chrome processes after ${chromeGoneMs} ms, ${chrome.filter(alive).length} orphaned`,
    );
    assert.ok(exitedMs >= 0, 'the daemon exited');
    assert.equal(chrome.filter(alive), []);
    assert.not.ok(fs.existsSync(daemon.socketPath), 'socket removed');
    await daemon.stop();
    // The idle timeout counts from the end of the last action (a little slack for the 25 ms polling).
    if (ending === 'idle timeout') assert.ok(exitedAt - lastAnswerAt >= 1450, `exited ${exitedAt - lastAnswerAt} ms after the last answer`);
  });
}

test('owner lease: a daemon started with --owner-pid ends, with its Chrome, when that process exits', async () => {
  const socketDir = makeSocketDir();
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'leased' });
  const owner = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  try {
    const opened = await runCli(['--owner-pid', String(owner.pid), 'open', 'about:blank'], { env });
    assert.is(opened.code, 0, opened.stderr);
    const pid = Number(fs.readFileSync(path.join(socketDir, 'leased.pid'), 'utf8'));
    const status = await runCli(['daemon', 'status'], { env });
    assert.match(status.stdout, `ends when process ${owner.pid} exits (owner lease)`);
    const chrome = browserPids(pid);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(alive(pid), 'the daemon lives while its owner does');
    owner.kill('SIGKILL');
    const goneMs = await timeUntil(() => !alive(pid) && chrome.every((child) => !alive(child)));
    figure(`owner lease: owner killed → daemon and its ${chrome.length} Chrome processes gone after ${goneMs} ms`);
    assert.ok(goneMs >= 0, 'the daemon ended with its owner');
    assert.not.ok(fs.existsSync(path.join(socketDir, 'leased.sock')), 'socket removed');
  } finally {
    owner.kill('SIGKILL');
    await runCli(['close'], { env });
    fs.rmSync(socketDir, { recursive: true, force: true });
  }
});

test.run();
