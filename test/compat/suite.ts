/**
 * One uvu suite per original CLI version: starts this project's daemon where that CLI looks for it,
 * runs every step of scenario.ts with the real Rust binary, and asserts exit code, stdout and
 * stderr against expected/<version>.json (recorded against the reference daemon by record.ts), or
 * against the step's `ours` expectation where this daemon differs on purpose.
 *
 * Skips (prints why, registers only skipped tests) when the binaries cannot be had: another
 * platform, or npm cannot reach the registry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDaemon, type TestDaemon } from '../helpers/daemon.js';
import { ROOT } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';
import { ensureClis } from './install.mjs';
import {
  daemonEnv,
  expectedFile,
  label,
  makeRunFolder,
  requestAt,
  runStep,
  socketPath,
  startCdpBrowser,
  type Recorded,
  type Recording,
  type RunContext,
  type RunFolder,
} from './harness.js';
import { GATE_SESSION, SESSION, stepsFor, type Step, type Version } from './scenario.js';

/** What a step is expected to print against this daemon. */
function expectationOf(step: Step, recorded: Recorded): { code: number | null; stdout?: string; pattern?: string; stderr: string } {
  const ours = step.ours;
  const pattern = ours?.pattern ?? (ours?.stdout === undefined ? step.pattern : undefined);
  return {
    code: ours?.code ?? recorded.code,
    stdout: pattern ? undefined : (ours?.stdout ?? recorded.stdout),
    pattern,
    stderr: ours?.stderr ?? recorded.stderr,
  };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function show(text: string): string {
  return text === '' ? '(nothing)' : text.replace(/\n$/, '').replace(/^/gm, '    ');
}

export function defineCompatSuite(version: Version): void {
  const test = suite(`agent-browser ${version} CLI against this daemon`);
  const installed = ensureClis({ log: (line: string) => console.log(line) });
  if (!installed.ok) {
    console.log(`\n  compat ${version}: SKIPPED — ${installed.reason}\n`);
    test.skip(`agent-browser ${version}: ${installed.reason}`, () => {});
    test.run();
    return;
  }
  const cli = installed.clis.find((c) => c.version === version)!;
  const file = expectedFile(version);
  const recording = JSON.parse(fs.readFileSync(file, 'utf8')) as Recording;
  const steps = stepsFor(version);

  let folder: RunFolder;
  let server: PageServer;
  const daemons = new Map<string, TestDaemon>();
  let cdp: Awaited<ReturnType<typeof startCdpBrowser>> | undefined;
  let ctx: RunContext;
  let setupError: unknown;
  const failures: string[] = [];
  /** Every normalised outcome, written to $AGENT_BROWSER_COMPAT_DUMP/<version>.json when set (to review this daemon's output). */
  const dump: Recorded[] = [];

  test.before(async () => {
    try {
      folder = makeRunFolder();
      server = await startPageServer();
      const ensureSession = async (session: string) => {
        if (daemons.has(session)) return;
        const extra: Record<string, string> = session === GATE_SESSION ? { AGENT_BROWSER_CONFIRM_ACTIONS: 'eval' } : {};
        const daemon = await startDaemon({
          session,
          // Where the helper keeps the session files: 0.19's socket folder, or $TMPDIR for 0.6.
          socketDir: version === '0.6.0' ? folder.tmp : folder.socketDir,
          cwd: folder.dir,
          env: daemonEnv(version, folder, session, extra),
        });
        daemons.set(session, daemon);
      };
      ctx = {
        version,
        bin: cli.bin,
        folder,
        values: { URL: server.origin, DIR: folder.dir, CDP: '' },
        captured: {},
        // Where the 0.19 CLI looks for dist/auth-cli.js: this project, if it ships one.
        authHome: ROOT,
        ensureCdp: async () => {
          if (!cdp) cdp = await startCdpBrowser(folder);
          ctx.values.CDP = String(cdp.port);
        },
        ensureSession,
      };
      await ensureSession(SESSION);
    } catch (error) {
      setupError = error;
    }
  });

  test.after(async () => {
    for (const [session, daemon] of daemons) {
      if (daemon.process.exitCode === null && daemon.process.signalCode === null) {
        await requestAt(socketPath(version, folder, session), { id: 'compat-cleanup', action: 'close' });
      }
      await daemon.stop();
    }
    await cdp?.close();
    await server?.close();
    if (folder) fs.rmSync(folder.dir, { recursive: true, force: true });
    const total = steps.length;
    const dumpDir = process.env.AGENT_BROWSER_COMPAT_DUMP;
    if (dumpDir) {
      fs.mkdirSync(dumpDir, { recursive: true });
      fs.writeFileSync(path.join(dumpDir, `${version}.json`), `${JSON.stringify({ version, steps: dump }, null, 2)}\n`);
    }
    if (failures.length > 0) {
      console.log(
        `\n  compat ${version}: ${failures.length} of ${total} invocations differ from the reference:\n${failures.map((f) => `    - ${f}`).join('\n')}\n`,
      );
    } else if (!setupError) {
      console.log(`\n  compat ${version}: all ${total} invocations print what the reference CLI printed\n`);
    }
  });

  steps.forEach((step, index) => {
    const tags = [step.pending ? `being fixed: ${step.pending}` : '', step.group ?? ''].filter(Boolean);
    const name = `${String(index + 1).padStart(3, '0')} agent-browser ${label(step)}${tags.length ? `  [${tags.join('; ')}]` : ''}`;
    test(name, async () => {
      if (setupError) throw setupError;
      const recorded = recording.steps[index];
      assert.ok(
        recorded && recorded.cmd === label(step),
        `${path.relative(ROOT, file)} is stale (step ${index + 1} recorded as ${JSON.stringify(recorded?.cmd)}): rerun node --import tsx test/compat/record.ts ${version}`,
      );
      const expected = expectationOf(step, recorded!);
      let actual: Recorded & { raw: { stdout: string } };
      try {
        actual = await runStep(step, ctx);
      } catch (error) {
        failures.push(`${label(step)}: ${(error as Error).message.split('\n')[0]}`);
        throw error;
      }
      dump.push({ cmd: actual.cmd, code: actual.code, stdout: actual.stdout, stderr: actual.stderr });
      const problems: string[] = [];
      if (actual.code !== expected.code) problems.push(`exit code ${actual.code}, expected ${expected.code}`);
      if (step.stdout !== 'ignore') {
        if (expected.pattern !== undefined) {
          // A pattern stands for the reference's output: it must match the recording too.
          if (!step.ours && !new RegExp(expected.pattern).test(recorded!.stdout))
            problems.push(`the scenario's pattern does not match the recorded reference output (fix scenario.ts)`);
          const match = new RegExp(expected.pattern).exec(actual.stdout);
          const printed = step.file ? new RegExp(expected.pattern).exec(actual.raw.stdout)?.[1] : undefined;
          if (!match) problems.push(`stdout does not match /${expected.pattern}/`);
          else if (step.file && (!printed || !fs.existsSync(path.resolve(folder.dir, printed)))) problems.push(`the printed file ${printed} does not exist`);
        } else if (actual.stdout !== expected.stdout) {
          problems.push('stdout differs');
        }
      }
      const stderrMode = step.stderr ?? 'exact';
      if (stderrMode === 'exact' && actual.stderr !== expected.stderr) problems.push('stderr differs');
      if (stderrMode === 'firstLine' && firstLine(actual.stderr) !== firstLine(expected.stderr)) problems.push('stderr (first line) differs');
      if (stderrMode === 'prefix' && !firstLine(actual.stderr).startsWith(firstLine(expected.stderr)))
        problems.push('stderr does not start with the expected message');
      if (problems.length > 0) {
        failures.push(`${label(step)}: ${problems.join('; ')}`);
        const reason = step.ours ? `\n  (expectation is this daemon's own: ${step.ours.reason})` : '';
        // One message with both transcripts; no stack (it would repeat the message).
        const error = new Error(
          `agent-browser ${version} ${label(step)}: ${problems.join('; ')}${reason}\n` +
            `  expected exit ${expected.code}, stdout:\n${expected.pattern ? `    /${expected.pattern}/` : show(expected.stdout ?? '')}\n  stderr${stderrMode === 'exact' ? '' : ` (${stderrMode})`}:\n${show(stderrMode === 'exact' ? expected.stderr : firstLine(expected.stderr))}\n` +
            `  actual exit ${actual.code}, stdout:\n${show(actual.stdout)}\n  stderr:\n${show(actual.stderr)}`,
        );
        error.stack = 'Error: compat';
        throw error;
      }
    });
  });

  test.run();
}
