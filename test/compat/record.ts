/**
 * Records what the original agent-browser CLIs print against their OWN reference daemons, so the
 * compat tier can assert the same against this project's daemon. Regenerate with
 *
 *   node --import tsx test/compat/record.ts [0.6.0|0.19.0 ...] [--print]
 *
 * It installs the CLIs if needed (install.mjs; the alias install also brings the reference daemons'
 * runtime dependencies into the cache, scripts off), starts `node dist/daemon.js` from each package
 * with AGENT_BROWSER_EXECUTABLE_PATH pointing at Chromium, runs the command list
 * (scenario.ts) and writes test/compat/expected/<version>.json. `--print` also prints every
 * invocation with its output. The tests never need the reference daemon.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { servePages } from '../../src/testing.js';
import { ensureClis } from './install.mjs';
import {
  CHROMIUM,
  daemonEnv,
  expectedFile,
  makeRunFolder,
  requestAt,
  runStep,
  socketPath,
  startCdpBrowser,
  waitForSocket,
  EXPECTED_DIR,
  type Recorded,
  type Recording,
  type RunContext,
} from './harness.js';
import { GATE_SESSION, SESSION, stepsFor, type Version } from './scenario.js';

const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'pages');

const args = process.argv.slice(2);
const print = args.includes('--print');
const wanted = args.filter((a) => !a.startsWith('--')) as Version[];

const ensured = ensureClis({ log: (line: string) => console.error(line) });
if (!ensured.ok) {
  console.error(`cannot record: ${ensured.reason}`);
  process.exit(1);
}
const installed = ensured;

/** The reference daemons import playwright-core, ws, zod…: the alias install put them in <cache>/node_modules. */
function referenceDaemon(packageDir: string): string {
  const entry = path.join(packageDir, 'dist', 'daemon.js');
  if (!fs.existsSync(entry)) throw new Error(`no ${entry}`);
  return entry;
}

function startReference(
  version: Version,
  packageDir: string,
  folder: ReturnType<typeof makeRunFolder>,
  session: string,
  extra: Record<string, string> = {},
): ChildProcess {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, AGENT_BROWSER_DAEMON: '1', ...daemonEnv(version, folder, session, extra) };
  // The reference's Playwright finds ffmpeg (video recording) under the real user's cache, not the run's $HOME.
  const browsers = path.join(os.homedir(), '.cache', 'ms-playwright');
  if (fs.existsSync(browsers)) env.PLAYWRIGHT_BROWSERS_PATH = browsers;
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key];
  const log = fs.openSync(path.join(folder.dir, `reference-${session}.log`), 'a');
  return spawn(process.execPath, [referenceDaemon(packageDir)], { cwd: folder.dir, env, stdio: ['ignore', log, log] });
}

async function record(version: Version): Promise<Recording> {
  const cli = installed.clis.find((c) => c.version === version)!;
  const folder = makeRunFolder();
  const server = await servePages({}, { root: FIXTURES });
  const daemons = new Map<string, ChildProcess>();
  let cdp: Awaited<ReturnType<typeof startCdpBrowser>> | undefined;
  const ensureSession = async (session: string) => {
    if (daemons.has(session)) return;
    daemons.set(session, startReference(version, cli.packageDir, folder, session, session === GATE_SESSION ? { AGENT_BROWSER_CONFIRM_ACTIONS: 'eval' } : {}));
    await waitForSocket(socketPath(version, folder, session));
  };
  const ctx: RunContext = {
    version,
    bin: cli.bin,
    folder,
    values: { URL: server.origin, DIR: folder.dir, CDP: '' },
    captured: {},
    authHome: cli.packageDir,
    ensureCdp: async () => {
      if (!cdp) cdp = await startCdpBrowser(folder);
      ctx.values.CDP = String(cdp.port);
    },
    ensureSession,
  };
  const steps: Recorded[] = [];
  try {
    await ensureSession(SESSION);
    for (const step of stepsFor(version)) {
      const started = Date.now();
      const { raw: _raw, ...result } = await runStep(step, ctx);
      steps.push(result);
      const ms = Date.now() - started;
      if (print) {
        process.stdout.write(`\n$ agent-browser ${result.cmd}   [exit ${result.code}, ${ms} ms]\n`);
        if (result.stdout) process.stdout.write(result.stdout.replace(/^/gm, '  | '));
        if (result.stdout && !result.stdout.endsWith('\n')) process.stdout.write('\n');
        if (result.stderr) process.stdout.write(result.stderr.replace(/^/gm, '  ! '));
        if (result.stderr && !result.stderr.endsWith('\n')) process.stdout.write('\n');
      } else {
        process.stderr.write('.');
      }
    }
  } finally {
    for (const [session, child] of daemons) {
      if (child.exitCode === null && child.signalCode === null) {
        await requestAt(socketPath(version, folder, session), { id: 'cleanup', action: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
        clearTimeout(timer);
      }
    }
    await cdp?.close();
    await server.close();
    if (!print) process.stderr.write('\n');
    fs.rmSync(folder.dir, { recursive: true, force: true });
  }
  return {
    version,
    note: `Recorded by test/compat/record.ts: agent-browser ${version} CLI against its own reference daemon (dist/daemon.js of the npm package), Chromium ${CHROMIUM}. Regenerate, do not edit.`,
    steps,
  };
}

fs.mkdirSync(EXPECTED_DIR, { recursive: true });
for (const version of (wanted.length > 0 ? wanted : ['0.6.0', '0.19.0']) as Version[]) {
  console.error(`» recording agent-browser ${version}`);
  const recording = await record(version);
  fs.writeFileSync(expectedFile(version), `${JSON.stringify(recording, null, 2)}\n`);
  console.error(`» wrote ${path.relative(process.cwd(), expectedFile(version))} (${recording.steps.length} steps)`);
}
