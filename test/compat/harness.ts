/**
 * Shared pieces of the compat tier and its recorder: one folder per run laid out the same way for
 * the reference daemon and ours, the environment the original Rust CLIs run with, running one CLI
 * invocation, and the normalisation that turns run-specific text (page origin, folders, ports,
 * base64, nonces) into placeholders, so expectations recorded against the reference daemon can be
 * compared with what the same CLI prints against this project's daemon.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findBrowser } from '../../src/config/browser.js';
import { SESSION, type Version, type Step } from './scenario.js';

/** The Chromium both daemons and the CDP helper use: the product's own discovery unless overridden. */
export const CHROMIUM = process.env.AGENT_BROWSER_COMPAT_CHROMIUM ?? discoverBrowser();

function discoverBrowser(): string {
  try {
    return findBrowser({}).path;
  } catch {
    return '/usr/lib/chromium/chromium';
  }
}

/** A run's folder: `dir` is the CLIs' and daemons' working folder and is what `{{DIR}}` stands for. */
export interface RunFolder {
  dir: string;
  home: string;
  tmp: string;
  /** AGENT_BROWSER_SOCKET_DIR for 0.19 (0.6 only knows $TMPDIR/agent-browser-<session>.sock). */
  socketDir: string;
}

export function makeRunFolder(): RunFolder {
  // Short: the 0.6 socket path is <tmp>/agent-browser-<session>.sock and must fit sun_path.
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'abc-')));
  const folder = { dir, home: path.join(dir, 'home'), tmp: path.join(dir, 'tmp'), socketDir: path.join(dir, 'sock') };
  for (const sub of [folder.home, folder.tmp]) fs.mkdirSync(sub, { recursive: true });
  fs.mkdirSync(folder.socketDir, { recursive: true, mode: 0o700 });
  // Files the scenario uploads or loads.
  fs.writeFileSync(path.join(dir, 'upload.txt'), 'uploaded by the compat tier\n');
  return folder;
}

/** Where each CLI version looks for the session's daemon: these env vars, identical for every daemon. */
export function socketEnv(version: Version, folder: RunFolder): Record<string, string> {
  // 0.6 reads $TMPDIR only; 0.19 reads AGENT_BROWSER_SOCKET_DIR first (then XDG_RUNTIME_DIR, ~/.agent-browser).
  return version === '0.6.0' ? { TMPDIR: folder.tmp, AGENT_BROWSER_SOCKET_DIR: '' } : { TMPDIR: folder.tmp, AGENT_BROWSER_SOCKET_DIR: folder.socketDir };
}

/** The environment of every CLI invocation: nothing of the user's, no colour, the run's folders. */
export function cliEnv(version: Version, folder: RunFolder, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: folder.home,
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    AGENT_BROWSER_SESSION: SESSION,
    ...socketEnv(version, folder),
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key];
  return env;
}

/** The environment a daemon (the reference one or ours) is started with, besides its own variables. */
export function daemonEnv(version: Version, folder: RunFolder, session: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: folder.home,
    AGENT_BROWSER_SESSION: session,
    AGENT_BROWSER_EXECUTABLE_PATH: CHROMIUM,
    ...socketEnv(version, folder),
    ...extra,
  };
}

/** The socket a CLI of `version` dials for `session`. */
export function socketPath(version: Version, folder: RunFolder, session: string): string {
  return version === '0.6.0' ? path.join(folder.tmp, `agent-browser-${session}.sock`) : path.join(folder.socketDir, `${session}.sock`);
}

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one CLI invocation in `cwd` and collects what it printed. */
export function runCli(bin: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; stdin?: string; timeoutMs?: number }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timeoutMs = options.timeoutMs ?? 45_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`agent-browser ${args.join(' ')} did not finish in ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Values a run substitutes into commands and takes back out of outputs. */
export interface RunValues {
  URL: string;
  DIR: string;
  CDP: string;
  [captured: string]: string;
}

/** Splits a command string like a shell would (spaces; '…' and "…" quote), then fills in `{{NAME}}`. */
export function argv(command: string, values: RunValues): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  let any = false;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      any = true;
    } else if (ch === ' ') {
      if (any || current) out.push(current);
      current = '';
      any = false;
    } else {
      current += ch;
    }
  }
  if (any || current) out.push(current);
  return out.map((arg) => fill(arg, values));
}

export function fill(text: string, values: RunValues): string {
  return text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns run-specific text into placeholders: the run's values ({{URL}}, {{DIR}}, {{CDP}}, captured
 * ids), Chrome's own port in CDP URLs, base64 images, ISO timestamps, boundary nonces.
 */
export function normalize(text: string, values: RunValues): string {
  let out = text;
  // Longest values first, so {{DIR}} does not eat part of a longer captured path.
  const entries = Object.entries(values)
    .filter(([, value]) => value && value.length >= 2)
    .sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of entries) {
    // Short word-like values (refs such as e12, ports) only as whole words.
    const pattern = /^\w+$/.test(value) ? `\\b${escapeRegExp(value)}\\b` : escapeRegExp(value);
    out = out.replace(new RegExp(pattern, 'g'), `{{${name}}}`);
  }
  out = out.replace(/ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\/[0-9a-f-]+/g, 'ws://127.0.0.1:{{PORT}}/devtools/browser/{{UUID}}');
  out = out.replace(/\b(iVBORw0KGgo|\/9j\/)[A-Za-z0-9+/=]{40,}/g, (_m, head: string) => (head === '/9j/' ? '{{BASE64_JPEG}}' : '{{BASE64_PNG}}'));
  out = out.replace(/\d{4}-\d\d-\d\dT\d\d[:-]\d\d[:-]\d\d(?:[.-]\d+)?Z/g, '{{TIMESTAMP}}');
  out = out.replace(/nonce=[0-9a-f]{32}/g, 'nonce={{NONCE}}');
  return out;
}

/** A headless Chromium with a CDP port, for `connect <port>` and `--cdp <port>`. */
export async function startCdpBrowser(folder: RunFolder): Promise<{ port: number; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(folder.tmp, 'cdp-profile-'));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-gpu',
      'about:blank',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools port in 20 s:\n${text}`)), 20_000);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited with ${code}:\n${text}`));
    });
  });
  child.stderr!.resume();
  return {
    port,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // Chromium's helper processes may still write into the profile for a while after the browser
      // exits (seconds on a loaded machine); a profile left in the run's temp folder fails no test.
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 50, retryDelay: 100 });
      } catch (error) {
        process.stderr.write(`left ${profile}: ${(error as Error).message}\n`);
      }
    },
  };
}

/** Resolves once something accepts connections at `socket`, or rejects after `timeoutMs`. */
export async function waitForSocket(socket: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const connection = net.createConnection({ path: socket });
      connection.once('connect', () => {
        connection.destroy();
        resolve(true);
      });
      connection.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens at ${socket} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends one request line to a daemon's socket and returns the parsed answer (used only to clean up). */
export function requestAt(socket: string, request: Record<string, unknown>, timeoutMs = 10_000): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const connection = net.createConnection({ path: socket });
    let buffer = '';
    const timer = setTimeout(() => {
      connection.destroy();
      resolve(undefined);
    }, timeoutMs);
    connection.once('connect', () => connection.write(`${JSON.stringify(request)}\n`));
    connection.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline !== -1) {
        clearTimeout(timer);
        connection.destroy();
        try {
          resolve(JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>);
        } catch {
          resolve(undefined);
        }
      }
    });
    connection.once('error', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** The recorded result of one step, normalised. */
export interface Recorded {
  cmd: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Recording {
  version: Version;
  note: string;
  steps: Recorded[];
}

export const EXPECTED_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'expected');

export function expectedFile(version: Version): string {
  return path.join(EXPECTED_DIR, `${version}.json`);
}

/** Step label as shown in test names and the recording: the session prefix when not the main one. */
export function label(step: Step): string {
  return step.session ? `[${step.session}] ${step.cmd}` : step.cmd;
}

/** What running a step needs; the recorder and the tests each provide their own daemons. */
export interface RunContext {
  version: Version;
  bin: string;
  folder: RunFolder;
  /** Substituted into commands and normalised back out of outputs. */
  values: RunValues;
  /** Captured values substituted into commands but left as they are in outputs (refs). */
  captured: Record<string, string>;
  /** Substituted into step env only: where a CLI looks for dist/auth-cli.js (AGENT_BROWSER_HOME). */
  authHome: string;
  /** Makes sure a CDP browser runs and values.CDP holds its port. */
  ensureCdp(): Promise<void>;
  /** Makes sure a daemon runs for `session`. */
  ensureSession(session: string): Promise<void>;
}

/** Runs one step's CLI invocation and returns its normalised outcome. */
export async function runStep(step: Step, ctx: RunContext): Promise<Recorded & { raw: Outcome }> {
  if (step.cmd.includes('{{CDP}}')) await ctx.ensureCdp();
  if (step.session) await ctx.ensureSession(step.session);
  const all = { ...ctx.values, ...ctx.captured, AUTH_HOME: ctx.authHome };
  const args = argv(step.cmd, all);
  const stepEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(step.env ?? {})) stepEnv[key] = fill(value, all);
  if (step.session) stepEnv.AGENT_BROWSER_SESSION = step.session;
  const outcome = await runCli(ctx.bin, args, {
    env: cliEnv(ctx.version, ctx.folder, stepEnv),
    cwd: ctx.folder.dir,
    stdin: step.stdin,
    timeoutMs: step.timeoutMs,
  });
  if (step.capture) {
    const match = new RegExp(step.capture.regex).exec(outcome.stdout);
    if (match?.[1]) (step.capture.normalize ? ctx.values : ctx.captured)[step.capture.name] = match[1];
  }
  return { cmd: label(step), code: outcome.code, stdout: normalize(outcome.stdout, ctx.values), stderr: normalize(outcome.stderr, ctx.values), raw: outcome };
}
