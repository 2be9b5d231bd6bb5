// The process boundary (DESIGN.md "Layout"): the CLI process never loads playwright-core, the
// browser code, the built-in actions or the daemon. Every module a process resolves is recorded
// by test/helpers/trace-imports.mjs; the daemon, traced the same way, is the positive control.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { CLI, DAEMON_ENTRY, ROOT } from '../helpers/paths.js';
import { killPidFile, rawSession, tempProject, waitForExit, writeJson, writePlugin } from './_support.js';

const TRACER = path.join(ROOT, 'test', 'helpers', 'trace-imports.mjs');
const FORBIDDEN = ['playwright-core', '/dist/browser/', '/dist/builtins/', '/dist/daemon/', '/node_modules/zod/', '/dist/protocol/actions/'];

// Answers `url` without a browser, so `get url` exercises the CLI's whole success path cheaply.
const FAKE_URL = `
export default {
  name: 'fake-url',
  apply(host) {
    host.addAction({ name: 'url', override: true, summary: 'Fixed URL (test).', params: z.object({}), handler: () => ({ url: 'about:blank#boundary' }) });
    host.addAction({ name: 'fake-url:repeat', summary: 'Repeats a word.', params: z.object({ word: z.string(), repeatCount: z.number().int() }), handler: ({ word, repeatCount }) => ({ text: word.repeat(repeatCount) }) });
  },
};
`;

interface Traced {
  code: number | null;
  stdout: string;
  stderr: string;
  modules: string[];
}

let traceCounter = 0;

/**
 * Runs `node --import trace-imports.mjs <entry> ...args` and returns the module URLs it resolved.
 * A command that runs until stopped gets SIGTERM once its output satisfies `stopWhen`.
 */
function traced(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  traceDir: string,
  cwd?: string,
  stopWhen?: (stdout: string) => boolean,
): Promise<Traced> {
  const traceFile = path.join(traceDir, `trace-${++traceCounter}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TRACER, entry, ...args], {
      env: { ...env, TRACE_IMPORTS_FILE: traceFile },
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stopWhen?.(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish\n${stdout}\n${stderr}`));
    }, 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const modules = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean) : [];
      resolve({ code, stdout, stderr, modules });
    });
  });
}

function assertClean(run: Traced, label: string): void {
  assert.ok(run.modules.length > 0, `${label}: the tracer recorded modules`);
  assert.ok(
    run.modules.some((url) => url.includes('/dist/cli/')),
    `${label}: the trace includes the CLI's own modules`,
  );
  for (const forbidden of FORBIDDEN) {
    const hits = run.modules.filter((url) => url.includes(forbidden));
    assert.equal(hits, [], `${label} must not load ${forbidden}`);
  }
}

const test = suite('process boundary');
let daemon: TestDaemon;
let project: string;
let traceDir: string;
let env: NodeJS.ProcessEnv;
const extraDirs: string[] = [];

test.before(async () => {
  project = tempProject();
  traceDir = tempProject('abtrace-');
  writePlugin(project, 'fake-url.mjs', FAKE_URL);
  const config = writeJson(path.join(project, '.agentbrowserrc.json'), { plugins: ['./fake-url.mjs'] });
  daemon = await startDaemon({ env: { AGENT_BROWSER_CONFIG: config } });
  env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
});

test.after(async () => {
  await daemon?.stop();
  for (const dir of [project, traceDir, ...extraDirs]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('get url against a running daemon loads no browser, builtins or daemon code', async () => {
  const run = await traced(CLI, ['get', 'url'], env, traceDir);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stdout.trim(), 'about:blank#boundary', 'the request reached the daemon');
  assertClean(run, 'get url');
});

test('get url takes the fast path: neither oclif nor cosmiconfig is loaded; with AGENT_BROWSER_FAST_PATH=0 both are', async () => {
  const loads = (run: Traced, name: string) => run.modules.some((url) => url.includes(`/node_modules/${name}/`));
  const fast = await traced(CLI, ['get', 'url'], env, traceDir);
  assert.is(fast.code, 0, fast.stderr);
  assert.is(fast.stdout.trim(), 'about:blank#boundary');
  assert.not.ok(loads(fast, '@oclif/core'), 'the fast path does not load @oclif/core');
  assert.not.ok(loads(fast, 'cosmiconfig'), 'the fast path does not load cosmiconfig');
  const full = await traced(CLI, ['get', 'url'], { ...env, AGENT_BROWSER_FAST_PATH: '0' }, traceDir);
  assert.is(full.code, 0, full.stderr);
  assert.is(full.stdout, fast.stdout);
  assert.ok(loads(full, '@oclif/core') && loads(full, 'cosmiconfig'), 'the oclif path loads both (the tracer sees them)');
});

test('a plugin action takes the fast path too (no oclif, no cosmiconfig), its kebab-case flags read against its schema', async () => {
  const loads = (run: Traced, name: string) => run.modules.some((url) => url.includes(`/node_modules/${name}/`));
  const fast = await traced(CLI, ['fake-url:repeat', '--word', 'ab', '--repeat-count', '3', '--json'], env, traceDir);
  assert.is(fast.code, 0, fast.stderr);
  assert.equal(JSON.parse(fast.stdout).data, { text: 'ababab' });
  assert.not.ok(loads(fast, '@oclif/core'), 'a plugin action does not load @oclif/core');
  assert.not.ok(loads(fast, 'cosmiconfig'), 'a plugin action does not load cosmiconfig');
  assertClean(fast, 'fake-url:repeat');
  const full = await traced(CLI, ['fake-url:repeat', '--word', 'ab', '--repeat-count', '3', '--json'], { ...env, AGENT_BROWSER_FAST_PATH: '0' }, traceDir);
  assert.is(full.stdout, fast.stdout, 'oclif reads the line the same way');
  assert.ok(loads(full, '@oclif/core'));
});

for (const args of [
  ['run', 'status', '--json'],
  ['daemon', 'status'],
  ['session', 'list'],
  ['config', 'show'],
  ['config', 'explain', 'timeout'],
  ['doctor'],
  ['skill'],
  ['--session', 'nobody', 'close'],
]) {
  test(`${args.join(' ')} loads no browser, builtins or daemon code`, async () => {
    const run = await traced(CLI, args, env, traceDir);
    assert.is(run.code, 0, run.stderr);
    assertClean(run, args.join(' '));
  });
}

test('the daemon status command really talked to the daemon', async () => {
  const run = await traced(CLI, ['daemon', 'status', '--json'], env, traceDir);
  assert.is(JSON.parse(run.stdout).data.daemon.pid, daemon.pid);
  assertClean(run, 'daemon status --json');
});

test('starting a daemon from the CLI (daemon start) spawns it without loading its code in the CLI', async () => {
  const socketDir = makeSocketDir();
  extraDirs.push(socketDir);
  const startEnv = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'spawned' });
  try {
    const run = await traced(CLI, ['daemon', 'start'], startEnv, traceDir);
    assert.is(run.code, 0, run.stderr);
    assert.ok(fs.existsSync(path.join(socketDir, 'spawned.sock')), 'a daemon was started');
    assertClean(run, 'daemon start');
    const stop = await traced(CLI, ['daemon', 'stop'], startEnv, traceDir);
    assert.is(stop.code, 0, stop.stderr);
    assertClean(stop, 'daemon stop');
  } finally {
    await killPidFile(path.join(socketDir, 'spawned.pid'));
  }
});

test('stream (the live view viewer) loads no browser, builtins or daemon code, and stops cleanly on SIGTERM', async () => {
  const run = await traced(CLI, ['stream', '--json'], env, traceDir, undefined, (stdout) => stdout.includes('\n'));
  assert.is(run.code, 0, run.stderr);
  const first = JSON.parse(run.stdout.split('\n')[0]!);
  assert.ok(first.success && first.data.streamPort > 0, run.stdout);
  assertClean(run, 'stream');
});

test('positive control: the daemon traced the same way does load playwright-core, browser, builtins and daemon code', async () => {
  const socketDir = makeSocketDir();
  extraDirs.push(socketDir);
  const traceFile = path.join(traceDir, 'daemon-trace.txt');
  const child = spawn(process.execPath, ['--import', TRACER, DAEMON_ENTRY], {
    env: { ...testEnv(socketDir, { AGENT_BROWSER_SESSION: 'control' }), TRACE_IMPORTS_FILE: traceFile },
    cwd: socketDir,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  try {
    const message = await new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('traced daemon did not report ready')), 20_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`traced daemon exited with ${code}`));
      });
    });
    assert.is(message.type, 'ready');
    // The daemon answers before it loads playwright-core; device_list needs it (without a browser).
    const lines = [
      { id: 'd', action: 'device_list' },
      { id: 'c', action: 'close' },
    ]
      .map((line) => `${JSON.stringify(line)}\n`)
      .join('');
    const closed = await rawSession({ path: path.join(socketDir, 'control.sock') }, lines, { expectLines: 2 });
    assert.ok(Array.isArray(closed.answers[0]?.data?.devices), 'device_list answered');
    assert.is(closed.answers[1]?.data?.closed, true);
    await waitForExit(child, 15_000);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  const modules = fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
  for (const expected of FORBIDDEN)
    assert.ok(
      modules.some((url) => url.includes(expected)),
      `the daemon loads ${expected}`,
    );
  // The live view stream is off here, so its server and the ws package stay unloaded.
  assert.equal(
    modules.filter((url) => url.includes('/node_modules/ws/') || url.includes('/dist/daemon/stream-server.js')),
    [],
  );
});

test.run();
