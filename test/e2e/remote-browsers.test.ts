/**
 * Browsers that run elsewhere, driven through the CLI as a user would: a Playwright browser server
 * (`chromium.launchServer()` in a separate node process) reached with --ws-endpoint or `wsEndpoint`
 * in .agentbrowserrc, and a Chromium started with --remote-debugging-port and a tab of its own,
 * reached with `connect` / --cdp. agent-browser attaches to them, works in them, and on `close` or
 * the idle timeout only disconnects: the browser, its server and the user's tabs stay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { suite, type Test } from 'uvu';
import * as assert from 'uvu/assert';
import { QUIET_ARGS, testBrowserPath } from '../helpers/browser.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { alive, closedPort, descendants, eventually, guardedSetUp } from '../helpers/e2e.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core') as typeof import('playwright-core');

const PAGE = `<!doctype html><title>Remote page</title>
<h1>Remote page</h1>
<button type="button" onclick="document.getElementById('out').textContent = 'pressed'">Press me</button>
<p id="out">waiting</p>`;

// ------------------------------------------------------------------------------------- processes

interface BrowserServer {
  wsEndpoint: string;
  process: ChildProcess;
  /** Every process of the server and its browser, for cleanup. */
  pids(): number[];
  stop(): Promise<void>;
}

/** `chromium.launchServer()` in a separate node process; resolves with the endpoint it prints. */
async function startBrowserServer(): Promise<BrowserServer> {
  const script = `
    const { chromium } = require(${JSON.stringify(require.resolve('playwright-core'))});
    chromium.launchServer({ executablePath: ${JSON.stringify(testBrowserPath())}, args: ${JSON.stringify(QUIET_ARGS)} })
      .then((server) => console.log(server.wsEndpoint()), (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the browser server printed no endpoint in 60 s: ${output}`)), 60_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const line = /^(ws:\/\/\S+)$/m.exec(output);
      if (line) {
        clearTimeout(timer);
        resolve(line[1]!);
      }
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`the browser server exited with ${code}: ${output}`)));
  });
  const pids = () => (child.pid ? [child.pid, ...descendants(child.pid)] : []);
  return {
    wsEndpoint,
    process: child,
    pids,
    async stop() {
      const all = pids();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM'); // Playwright closes its browser on SIGTERM
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      }
      for (const pid of all) if (alive(pid)) process.kill(pid, 'SIGKILL');
    },
  };
}

interface DebuggableChromium {
  port: number;
  process: ChildProcess;
  /** The browser's page targets, from its own HTTP endpoint. */
  pageUrls(): Promise<string[]>;
  stop(): Promise<void>;
}

/** A Chromium with remote debugging on an OS-assigned port and one tab open at `url`. */
async function startDebuggableChromium(url: string): Promise<DebuggableChromium> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-chrome-'));
  // --no-sandbox: the tests may run as root, where Chromium refuses its sandbox.
  const args = ['--headless', '--no-sandbox', '--remote-debugging-port=0', `--user-data-dir=${profile}`, ...QUIET_ARGS, url];
  const child = spawn(testBrowserPath(), args, { stdio: 'ignore', detached: true });
  const portFile = path.join(profile, 'DevToolsActivePort');
  const written = await eventually(() => fs.existsSync(portFile) && /^\d+\n/.test(fs.readFileSync(portFile, 'utf8')), 60_000);
  if (!written) {
    process.kill(-child.pid!, 'SIGKILL');
    throw new Error(`Chromium wrote no ${portFile} within 60 s`);
  }
  const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
  const pageUrls = async () => {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; url: string }>;
    return targets.filter((target) => target.type === 'page').map((target) => target.url);
  };
  await eventually(async () => (await pageUrls()).includes(url), 30_000);
  return {
    port,
    process: child,
    pageUrls,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await eventually(() => child.exitCode !== null || child.signalCode !== null, 10_000);
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

// ------------------------------------------------------------------------------------------- CLI

let dir = '';
let env: NodeJS.ProcessEnv = {};
let pages: PageServer;
let pageUrl = '';
const sessions = new Set<string>();

function cli(session: string, args: string[], options: { extraEnv?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliResult> {
  sessions.add(session);
  return runCli(['--session', session, ...args], { env: { ...env, ...options.extraEnv }, cwd: options.cwd ?? dir, timeoutMs: 120_000 });
}

function succeeded(result: CliResult, label: string): string {
  assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout.trim();
}

function failedWith(result: CliResult, label: string): { error: string; code?: string } {
  assert.is(result.code, 1, `${label} should fail; exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  assert.ok(result.json, `${label} prints JSON: ${result.stdout}`);
  assert.is(result.json.success, false);
  return { error: result.json.error, code: result.json.code };
}

/** open, snapshot -i, click the button by its ref, read what the click changed. */
async function useThePage(session: string, options: { extraArgs?: string[]; cwd?: string; extraEnv?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const run = (args: string[]) => cli(session, [...args, ...(options.extraArgs ?? [])], { cwd: options.cwd, extraEnv: options.extraEnv });
  assert.match(succeeded(await run(['open', pageUrl]), 'open'), 'Remote page');
  const snapshot = succeeded(await run(['snapshot', '-i']), 'snapshot -i');
  const ref = /button "Press me" \[ref=(e\d+)\]/.exec(snapshot)?.[1];
  assert.ok(ref, `a ref for the button in:\n${snapshot}`);
  succeeded(await run(['click', `@${ref}`]), 'click');
  assert.is(succeeded(await run(['get', 'text', '#out']), 'get text'), 'pressed');
}

/** The daemon's own status, as `daemon status --json` reports it. */
async function daemonStatus(session: string): Promise<Record<string, any>> {
  const result = await cli(session, ['daemon', 'status', '--json']);
  succeeded(result, 'daemon status');
  return result.json.data.daemon;
}

async function setUp(): Promise<void> {
  dir = makeSocketDir();
  env = testEnv(dir, { TMPDIR: dir, AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' });
  pages = await startPageServer();
  pages.page('/remote', PAGE);
  pageUrl = pages.url('/remote');
}

async function tearDown(): Promise<void> {
  for (const session of sessions) {
    if (fs.existsSync(path.join(dir, `${session}.pid`)))
      await runCli(['--session', session, 'close'], { env, cwd: dir, timeoutMs: 30_000 }).catch(() => undefined);
  }
  sessions.clear();
  await pages?.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The page server, the CLI's folder and one remote browser (from `start`) for a suite. */
function useRemote<T extends { stop(): Promise<void> }>(test: Test, start: () => Promise<T>): { current: T } {
  const holder = {} as { current: T };
  guardedSetUp(test, async () => {
    await setUp();
    holder.current = await start();
  });
  test.after(async () => {
    try {
      await tearDown();
    } finally {
      await holder.current?.stop();
    }
  });
  return holder;
}

// ---------------------------------------------------------------------------- Playwright server

const server = suite('remote: a Playwright browser server');
const browserServer = useRemote(server, startBrowserServer);

/** Proves the server and its browser still serve: a client of our own opens a page there. */
async function serverStillServes(wsEndpoint: string): Promise<void> {
  const browser = await chromium.connect(wsEndpoint, { timeout: 30_000 });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(pageUrl);
    assert.is(await page.title(), 'Remote page');
  } finally {
    await browser.close();
  }
}

server('--ws-endpoint: open, snapshot, click in the server’s browser; status names it; close only disconnects', async () => {
  const session = 'pwflag';
  await useThePage(session, { extraArgs: ['--ws-endpoint', browserServer.current.wsEndpoint] });
  // Later commands need no flag: the session stays attached.
  assert.is(succeeded(await cli(session, ['get', 'url']), 'get url'), pageUrl);
  const port = new URL(browserServer.current.wsEndpoint).port;
  const human = succeeded(await cli(session, ['daemon', 'status']), 'daemon status');
  assert.match(human, `browser: remote (Playwright server ws://127.0.0.1:${port}/…), 1 tab(s), active: ${pageUrl}`);
  const secret = new URL(browserServer.current.wsEndpoint).pathname.slice(1);
  assert.not.match(human, secret, 'the server’s access path is not printed');
  const status = await daemonStatus(session);
  assert.is(status.browser.remote, `Playwright server ws://127.0.0.1:${port}/…`);
  assert.equal(status.launch.remote, { kind: 'playwright', endpoint: `ws://127.0.0.1:${port}/…` });
  assert.not.match(JSON.stringify(status), secret);

  const close = succeeded(await cli(session, ['close']), 'close');
  assert.is(close, `✓ Disconnected from the remote browser (Playwright server ws://127.0.0.1:${port}/…); it keeps running`);
  assert.ok(alive(browserServer.current.process.pid!), 'the server process still runs');
  await serverStillServes(browserServer.current.wsEndpoint);
});

server('wsEndpoint in .agentbrowserrc: commands attach without flags; local launch options are refused, not ignored', async () => {
  const project = fs.mkdtempSync(path.join(dir, 'project-'));
  fs.writeFileSync(path.join(project, '.agentbrowserrc'), JSON.stringify({ wsEndpoint: browserServer.current.wsEndpoint }));
  const session = 'pwconfig';
  await useThePage(session, { cwd: project });
  assert.match((await daemonStatus(session)).browser.remote, /^Playwright server ws:\/\/127\.0\.0\.1:\d+\/…$/);

  // A running daemon attached to a remote browser: --headed cannot apply to it.
  const headed = failedWith(await cli(session, ['--json', '--headed', 'get', 'url'], { cwd: project }), '--headed on an attached daemon');
  assert.is(headed.code, 'LAUNCH_OPTIONS_DIFFER');
  assert.match(headed.error, '--headed (it is attached to a remote browser, Playwright server ws://127.0.0.1:');
  succeeded(await cli(session, ['close'], { cwd: project }), 'close');

  // A new daemon whose configuration also names a binary to launch: refused, naming both and where each came from.
  const refused = failedWith(
    await cli('pwrefused', ['--json', 'open', pageUrl], { cwd: project, extraEnv: { AGENT_BROWSER_EXECUTABLE_PATH: testBrowserPath() } }),
    'open with an executable path',
  );
  assert.is(refused.code, 'NOT_SUPPORTED');
  assert.match(refused.error, `from file ${path.join(project, '.agentbrowserrc')}`);
  assert.match(refused.error, `executablePath ${testBrowserPath()} (env AGENT_BROWSER_EXECUTABLE_PATH)`);
  assert.match(refused.error, 'cannot apply to it');
  assert.is((await daemonStatus('pwrefused')).browser.launched, false, 'no local browser was launched instead');
  succeeded(await cli('pwrefused', ['close'], { cwd: project }), 'close');

  await serverStillServes(browserServer.current.wsEndpoint);
});

server('a killed server: the next action fails with BROWSER_CLOSED saying how to reconnect, and no local browser takes its place', async () => {
  const doomed = await startBrowserServer();
  const session = 'pwkilled';
  try {
    assert.match(succeeded(await cli(session, ['--ws-endpoint', doomed.wsEndpoint, 'open', pageUrl]), 'open'), 'Remote page');
    const pids = doomed.pids();
    doomed.process.kill('SIGKILL');
    assert.ok(await eventually(() => !alive(doomed.process.pid!), 10_000), 'the server process is gone');

    const lost = failedWith(await cli(session, ['--json', 'get', 'url']), 'get url after the server died');
    assert.is(lost.code, 'BROWSER_CLOSED');
    assert.match(lost.error, 'The remote browser (Playwright server ws://127.0.0.1:');
    assert.match(lost.error, 'went away');
    assert.match(lost.error, `--session ${session} --ws-endpoint <ws://…> <command>`);
    assert.match(lost.error, `'agent-browser --session ${session} close' ends the session`);

    // The next one tries the same server again (still gone) instead of launching a browser here.
    const again = failedWith(await cli(session, ['--json', 'get', 'url']), 'get url again');
    assert.is(again.code, 'BROWSER_CONNECT_FAILED');
    assert.match(again.error, 'Failed to connect to the Playwright server at ws://127.0.0.1:');
    const status = await daemonStatus(session);
    assert.is(status.browser.launched, false);
    assert.match(status.browser.remote, 'Playwright server');
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  } finally {
    await doomed.stop();
  }
});

// ------------------------------------------------------------------------------ Chrome over CDP

const cdp = suite('remote: a Chrome with remote debugging');
let existingUrl = '';
const chrome = useRemote(cdp, () => {
  pages.page('/existing', '<!doctype html><title>The user’s tab</title><p>open before agent-browser came</p>');
  existingUrl = pages.url('/existing');
  return startDebuggableChromium(existingUrl);
});

cdp('connect <port>: the existing tab is the session’s; commands work; close leaves Chromium and that tab', async () => {
  const session = 'cdpport';
  const connected = succeeded(await cli(session, ['connect', String(chrome.current.port)]), 'connect');
  assert.is(connected, `✓ Connected to CDP http://127.0.0.1:${chrome.current.port}: 1 tab, active: ${existingUrl}`);
  assert.match(succeeded(await cli(session, ['tab', 'list']), 'tab list'), `→ [0] The user’s tab - ${existingUrl}`);

  // Work in a tab of our own, so the user's stays as it was.
  succeeded(await cli(session, ['tab', 'new']), 'tab new');
  await useThePage(session);
  const list = succeeded(await cli(session, ['tab', 'list']), 'tab list');
  assert.match(list, `[0] The user’s tab - ${existingUrl}`);
  assert.match(list, `→ [1] Remote page - ${pageUrl}`);
  assert.match(
    succeeded(await cli(session, ['daemon', 'status']), 'daemon status'),
    `browser: remote (CDP http://127.0.0.1:${chrome.current.port}), 2 tab(s), active: ${pageUrl}`,
  );

  // --cdp naming the browser it is attached to is fine; naming another is refused.
  assert.is(succeeded(await cli(session, ['--cdp', String(chrome.current.port), 'get', 'url']), '--cdp, same port'), pageUrl);
  const other = await closedPort();
  const differ = failedWith(await cli(session, ['--json', 'get', 'url', '--cdp', String(other)]), '--cdp, another port');
  assert.is(differ.code, 'LAUNCH_OPTIONS_DIFFER');
  assert.match(differ.error, `--cdp ${other} (it is attached to CDP http://127.0.0.1:${chrome.current.port})`);

  assert.is(
    succeeded(await cli(session, ['close']), 'close'),
    `✓ Disconnected from the remote browser (CDP http://127.0.0.1:${chrome.current.port}); it keeps running`,
  );
  assert.ok(alive(chrome.current.process.pid!), 'Chromium still runs');
  assert.ok(await eventually(async () => !(await chrome.current.pageUrls()).includes(pageUrl), 10_000), 'the tab agent-browser opened was closed');
  assert.ok((await chrome.current.pageUrls()).includes(existingUrl), 'the user’s tab is still open');
});

cdp(
  'connect on a daemon whose environment names a browser binary (AGENT_BROWSER_EXECUTABLE_PATH): it attaches, answers without a `url`, and later commands work',
  async () => {
    const session = 'cdpexe';
    const withBinary = { extraEnv: { AGENT_BROWSER_EXECUTABLE_PATH: testBrowserPath() } };
    await useThePage(session, { extraEnv: withBinary.extraEnv });
    assert.is((await daemonStatus(session)).browser.remote ?? null, null, 'a local browser first');
    const connected = await cli(session, ['--json', 'connect', String(chrome.current.port)], withBinary);
    assert.is(connected.code, 0, connected.stdout + connected.stderr);
    // The agent-browser CLIs print a `url` field instead of their "✓ Done".
    assert.equal(Object.keys(connected.json.data).sort(), ['activeUrl', 'launched', 'remote', 'tabs']);
    assert.is(connected.json.data.activeUrl, existingUrl);
    assert.is(succeeded(await cli(session, ['get', 'url'], withBinary), 'get url after connect'), existingUrl);
    assert.is(succeeded(await cli(session, ['--cdp', String(chrome.current.port), 'get', 'title'], withBinary), '--cdp'), 'The user’s tab');
    succeeded(await cli(session, ['close'], withBinary), 'close');
    assert.ok((await chrome.current.pageUrls()).includes(existingUrl), 'the user’s tab is still open');
  },
);

cdp('connect with the http:// URL form, then the ws:// one: the session switches browsers, closing only its own tab', async () => {
  const session = 'cdpurls';
  const port = chrome.current.port;
  assert.match(
    succeeded(await cli(session, ['connect', `http://127.0.0.1:${port}`]), 'connect http://'),
    `✓ Connected to CDP http://127.0.0.1:${port}: 1 tab, active: ${existingUrl}`,
  );
  assert.match(succeeded(await cli(session, ['tab', 'list']), 'tab list'), `The user’s tab - ${existingUrl}`);
  succeeded(await cli(session, ['tab', 'new', `${pageUrl}?before-switch`]), 'tab new');

  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  assert.match(webSocketDebuggerUrl, /^ws:\/\//);
  // The browser's id in the path is not printed.
  assert.is(
    succeeded(await cli(session, ['connect', webSocketDebuggerUrl]), 'connect ws://'),
    `✓ Connected to CDP ws://127.0.0.1:${port}/…: 1 tab, active: ${existingUrl}`,
  );
  assert.ok(
    await eventually(async () => !(await chrome.current.pageUrls()).includes(`${pageUrl}?before-switch`), 10_000),
    'the tab of the first attachment was closed',
  );
  assert.is(succeeded(await cli(session, ['get', 'title']), 'get title'), 'The user’s tab');
  assert.match(succeeded(await cli(session, ['daemon', 'status']), 'daemon status'), `browser: remote (CDP ws://127.0.0.1:${port}/…), 1 tab(s)`);
  succeeded(await cli(session, ['close']), 'close');
  assert.ok(alive(chrome.current.process.pid!), 'Chromium still runs');
  assert.ok((await chrome.current.pageUrls()).includes(existingUrl), 'the user’s tab is still open');
});

cdp('the idle timeout disconnects too: Chromium and the user’s tab stay, the tab agent-browser opened goes', async () => {
  const session = 'cdpidle';
  const idle = { AGENT_BROWSER_IDLE_TIMEOUT_MS: '3000' };
  succeeded(await cli(session, ['connect', String(chrome.current.port)], { extraEnv: idle }), 'connect');
  const daemonPid = Number(fs.readFileSync(path.join(dir, `${session}.pid`), 'utf8'));
  succeeded(await cli(session, ['tab', 'new', `${pageUrl}?idle`], { extraEnv: idle }), 'tab new');
  assert.ok((await chrome.current.pageUrls()).includes(`${pageUrl}?idle`));
  assert.ok(await eventually(() => !alive(daemonPid), 60_000), 'the daemon ended after its idle timeout');
  assert.ok(alive(chrome.current.process.pid!), 'Chromium still runs');
  assert.ok(await eventually(async () => !(await chrome.current.pageUrls()).includes(`${pageUrl}?idle`), 10_000), 'the tab agent-browser opened was closed');
  assert.ok((await chrome.current.pageUrls()).includes(existingUrl), 'the user’s tab is still open');
});

cdp('nothing listening: the reference’s message and exit 1, for connect and for --cdp; bad ports and flag mixes are refused first', async () => {
  const port = await closedPort();
  const connect = await cli('cdpnone', ['connect', String(port)]);
  assert.is(connect.code, 1, connect.stderr);
  assert.match(connect.stderr, `✗ Failed to connect via CDP on port ${port}. Make sure the app is running with --remote-debugging-port=${port}`);
  const later = await cli('cdpnone', ['get', 'url']);
  assert.is(later.code, 1, 'a later command tries the same browser again');
  assert.match(later.stderr, "'agent-browser close' ends the session, and the next command launches a local browser instead");
  const flag = failedWith(await cli('cdpnone', ['--json', '--cdp', String(port), 'open', pageUrl]), '--cdp to a closed port');
  assert.is(flag.code, 'BROWSER_CONNECT_FAILED');
  assert.match(flag.error, `Failed to connect via CDP on port ${port}. Make sure the app is running with --remote-debugging-port=${port}`);
  const url = failedWith(await cli('cdpnone', ['--json', 'connect', `http://127.0.0.1:${port}`]), 'connect to a closed URL');
  assert.match(url.error, `Failed to connect via CDP to http://127.0.0.1:${port}. Make sure the app is running with --remote-debugging-port=${port}`);

  for (const [value, message] of [
    ['0', 'Invalid CDP port: port must be greater than 0'],
    ['70000', 'Invalid CDP port: 70000 is out of range (valid range: 1-65535)'],
    ['nine', "Invalid CDP port: 'nine' is not a valid number. Port must be a number between 1 and 65535"],
  ] as const) {
    const result = await cli('cdpbad', ['--cdp', value, 'get', 'url']);
    assert.is(result.code, 1, result.stderr);
    assert.is(result.stderr.trim(), `✗ ${message}`);
  }
  const mixed = failedWith(await cli('cdpbad', ['--json', '--cdp', String(port), '--headed', 'get', 'url']), '--cdp with --headed');
  assert.is(mixed.code, 'INVALID_ARGUMENTS');
  assert.match(mixed.error, '--headed cannot apply to a remote browser');
  assert.not.ok(fs.existsSync(path.join(dir, 'cdpbad.pid')), 'no daemon was started for a refused command line');
});

server.run();
cdp.run();
