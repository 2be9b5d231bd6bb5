import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sessionEndpoint, socketPathProblem, type SessionEndpoint, type TransportKind } from '../transport/endpoints.js';
import { connectTarget, DaemonConnection, ConnectionError, describeTarget, openDaemon } from '../transport/client.js';
import { processAlive, readSessionFile, runningEndpoint, somethingListens } from '../transport/session-files.js';
import { startFailureLine, type StartupMessage } from '../transport/startup.js';
import { VERSION } from '../version.js';

/** What the client needs to find or start a session's daemon. */
export interface DaemonSettings {
  session: string;
  transport: TransportKind;
  socketDir?: string;
  /** Environment for a daemon this client starts (launch-time flags become AGENT_BROWSER_* variables). */
  daemonEnv?: Record<string, string | undefined>;
  /** How long to wait for a new daemon to report ready. */
  startTimeoutMs?: number;
  /** The daemon's working folder (default: this process's). */
  cwd?: string;
}

/** A failure a user can act on; the CLI prints its message as is. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: string = 'DAEMON_ERROR',
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const DAEMON_ENTRY = fileURLToPath(new URL('../daemon/main.js', import.meta.url));

/**
 * Node flags for the daemon. Semi-spaces of 1 MiB instead of V8's 16 (a session mostly waits on
 * its browser, so the more frequent scavenges cost nothing measurable in bench/), and `gc` for the
 * one full collection after the first launch: what loading playwright-core left behind is freed.
 * An idle daemon with one page holds ~94 MiB instead of ~109.
 */
export const DAEMON_NODE_FLAGS = ['--max-semi-space-size=1', '--expose-gc'];

export function endpointFor(settings: DaemonSettings): SessionEndpoint {
  return sessionEndpoint({ session: settings.session, transport: settings.transport, socketDir: settings.socketDir });
}

const NOT_LISTENING = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'ECONNRESET']);

/** A running daemon of another agent-browser version than this client. */
export interface VersionSkew {
  daemon: string;
  client: string;
  /** True when the daemon was restarted on this version (it had no browser open). */
  restarted: boolean;
}

/** Told what `connectOrStart` is doing, for progress shown to a person. */
export interface ConnectEvents {
  /** A daemon is about to be started (none answered, or one of another version was closed). */
  starting?(): void;
}

/**
 * Connects to the session's daemon, starting it first when nothing answers. A daemon of another
 * version is restarted on this one when no browser runs in it; otherwise it is kept (its pages
 * survive) and `skew` says so.
 */
export async function connectOrStart(
  settings: DaemonSettings,
  events: ConnectEvents = {},
): Promise<{ connection: DaemonConnection; started: boolean; endpoint: SessionEndpoint; skew?: VersionSkew }> {
  const endpoint = endpointFor(settings);
  if (endpoint.transport === 'unix') {
    const problem = socketPathProblem(endpoint.socketPath);
    if (problem) throw new ClientError(problem, 'SOCKET_PATH_TOO_LONG');
  }
  try {
    const connection = await openDaemon(endpoint);
    const running = readSessionFile(endpoint.versionPath);
    if (running === null || running === VERSION) return { connection, started: false, endpoint };
    const status = await connection.request({ id: `version-${process.pid}`, action: 'status' }, 10_000).catch(() => null);
    const busy = !status || !status.success || (status.data as { browser?: { launched?: boolean } }).browser?.launched !== false;
    if (busy) return { connection, started: false, endpoint, skew: { daemon: running, client: VERSION, restarted: false } };
    await connection.request({ id: `version-${process.pid}`, action: 'close' }, 10_000).catch(() => null);
    connection.close();
    await waitUntilGone(endpoint);
    events.starting?.();
    await startDaemon(settings, endpoint);
    return {
      connection: await openDaemon(endpoint),
      started: true,
      endpoint,
      skew: { daemon: running, client: VERSION, restarted: true },
    };
  } catch (error) {
    if (!(error instanceof ConnectionError) || !NOT_LISTENING.has(error.syscallCode ?? '')) throw error;
  }
  const elsewhere = await runningEndpoint(endpoint);
  if (elsewhere) return { connection: await openDaemon(elsewhere), started: false, endpoint: elsewhere };
  events.starting?.();
  await startDaemon(settings, endpoint);
  const target = await connectTarget(endpoint);
  try {
    return { connection: await DaemonConnection.open(target), started: true, endpoint };
  } catch (error) {
    throw new ClientError(
      `The daemon reported ready but ${describeTarget(target)} does not accept connections: ${(error as Error).message}. See ${endpoint.logPath}.`,
    );
  }
}

/** The environment of a daemon started with `settings` from an environment like `base`. */
export function daemonEnvironment(settings: DaemonSettings, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    AGENT_BROWSER_DAEMON: '1',
    AGENT_BROWSER_SESSION: settings.session,
    AGENT_BROWSER_TRANSPORT: settings.transport,
  };
  if (settings.socketDir) env.AGENT_BROWSER_SOCKET_DIR = settings.socketDir;
  for (const [key, value] of Object.entries(settings.daemonEnv ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  delete env.AGENT_BROWSER_FOREGROUND;
  return env;
}

/** Spawns a detached daemon and waits until it reports ready (or says why it cannot start). */
export async function startDaemon(settings: DaemonSettings, endpoint = endpointFor(settings)): Promise<{ pid: number; address: string }> {
  if (endpoint.customDir) fs.mkdirSync(endpoint.dir, { recursive: true, mode: 0o700 });
  const logFd = fs.openSync(endpoint.logPath, 'a', 0o600);
  const logStart = fs.fstatSync(logFd).size;
  const env = daemonEnvironment(settings);
  // Loaded here: child_process costs a command that finds its daemon running several milliseconds.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, DAEMON_ENTRY], {
    detached: true,
    stdio: ['ignore', logFd, logFd, 'ipc'],
    env,
    cwd: settings.cwd,
    windowsHide: true,
  });
  fs.closeSync(logFd);
  const timeoutMs = settings.startTimeoutMs ?? 15_000;

  const outcome = await new Promise<
    StartupMessage | { type: 'exit'; code: number | null; signal: NodeJS.Signals | null } | { type: 'timeout' } | { type: 'spawn-error'; error: Error }
  >((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'timeout' }), timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as StartupMessage);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ type: 'exit', code, signal });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ type: 'spawn-error', error });
    });
  });
  if (child.connected) child.disconnect();
  child.unref();

  switch (outcome.type) {
    case 'ready':
      return { pid: outcome.pid, address: outcome.address };
    case 'error':
      if (outcome.code === 'ALREADY_RUNNING') return { pid: 0, address: '' };
      throw new ClientError(outcome.message, outcome.code);
    case 'spawn-error':
      throw new ClientError(`Failed to start the daemon (${process.execPath} ${DAEMON_ENTRY}): ${outcome.error.message}`);
    case 'timeout': {
      // A daemon that never became ready serves nobody; stopping it frees the session for the next start.
      const stopped = await stopUnready(child.pid);
      const output = readLogSince(endpoint.logPath, logStart);
      const message = `The daemon for session "${settings.session}" (pid ${child.pid}) did not report ready within ${timeoutMs} ms${stopped ? '; it was stopped' : ' and could not be stopped'}.`;
      fs.appendFileSync(endpoint.logPath, startFailureLine('START_TIMEOUT', message));
      throw new ClientError(
        `${message}${output ? ` Its log since the start:\n${output}\n` : ' '}Its log is ${endpoint.logPath}; 'agent-browser daemon status' says what happened.`,
        'START_TIMEOUT',
      );
    }
    case 'exit': {
      const output = readLogSince(endpoint.logPath, logStart);
      const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
      throw new ClientError(
        output
          ? `The daemon ${how} during startup:\n${output}`
          : `The daemon ${how} during startup with no output. Re-run with --debug, or see ${endpoint.logPath}.`,
      );
    }
  }
}

/** Stops a daemon that did not become ready (SIGTERM, then SIGKILL); true once it is gone. */
async function stopUnready(pid: number | undefined): Promise<boolean> {
  if (pid === undefined) return true;
  const gone = () => !processAlive(pid);
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    for (let waited = 0; waited < 2000; waited += 50) {
      if (gone()) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return gone();
}

/** Waits (up to 10 s) until the closed daemon stops answering, so a new one can take its place. */
async function waitUntilGone(endpoint: SessionEndpoint): Promise<void> {
  for (let waited = 0; waited < 10_000 && (await somethingListens(endpoint, 200)); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}

function readLogSince(file: string, offset: number): string {
  try {
    const text = fs.readFileSync(file).subarray(offset).toString('utf8').trim();
    return text.length > 2000 ? `…${text.slice(-2000)}` : text;
  } catch {
    return '';
  }
}
