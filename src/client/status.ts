import fs from 'node:fs';
import path from 'node:path';
import { openDaemon } from '../transport/client.js';
import { sessionEndpoint, type SessionEndpoint, type TransportKind } from '../transport/endpoints.js';
import { processAlive, readPid, runningEndpoint, sessionFiles } from '../transport/session-files.js';
import { lastStartFailure } from '../transport/startup.js';

/** What is known about a session's daemon without starting one. */
export interface SessionState {
  session: string;
  running: boolean;
  endpoint: SessionEndpoint;
  pid: number | null;
  /** Files a dead daemon left behind (the next start removes them). */
  staleFiles: string[];
  /** The daemon's own `status` answer when it runs. */
  status?: Record<string, unknown>;
  /** Why the last start failed, from the session's log, when no daemon has started since. */
  lastStartFailure?: { at: string; code: string; message: string };
}

export async function inspectSession(preferred: SessionEndpoint, withStatus = true): Promise<SessionState> {
  const pid = readPid(preferred);
  const serving = await runningEndpoint(preferred);
  const running = serving !== null;
  const endpoint = serving ?? preferred;
  const state: SessionState = { session: endpoint.session, running, endpoint, pid, staleFiles: [] };
  if (running && withStatus) {
    const connection = await openDaemon(endpoint);
    try {
      const response = await connection.request({ id: 'status', action: 'status' }, 5000);
      if (response.success) state.status = response.data as Record<string, unknown>;
    } finally {
      connection.close();
    }
  }
  if (!running) {
    state.staleFiles = [...new Set([endpoint.socketPath, ...sessionFiles(endpoint)])].filter((file) => fs.existsSync(file));
    const failure = lastStartFailure(logTail(endpoint.logPath));
    if (failure) state.lastStartFailure = failure;
  }
  return state;
}

/** The end of a log file (enough for the last start), or '' when there is none. */
function logTail(file: string, bytes = 64 * 1024): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Session files by extension, as `listSessions` and `doctor` look for them. */
const DAEMON_FILES = ['pid', 'sock', 'port'];

/**
 * The names of the sessions that have files in `dir` (`agent-browser-<session>.<ext>` in the temp
 * folder, `<session>.<ext>` in a socket folder of their own), sorted.
 */
export function sessionNamesIn(dir: string, customDir: boolean, extensions: readonly string[] = DAEMON_FILES): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^${customDir ? '' : 'agent-browser-'}(.+)\\.(${extensions.join('|')})$`);
  const sessions = new Set<string>();
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) sessions.add(match[1]!);
  }
  return [...sessions].sort();
}

/** Sessions with files in the socket folder, alive or not. */
export async function listSessions(options: { transport: TransportKind; socketDir?: string; tmpdir?: string }): Promise<SessionState[]> {
  const probe = sessionEndpoint({ session: 'x', transport: options.transport, socketDir: options.socketDir, tmpdir: options.tmpdir });
  return Promise.all(
    sessionNamesIn(probe.dir, probe.customDir).map((session) =>
      inspectSession(sessionEndpoint({ session, transport: options.transport, socketDir: options.socketDir, tmpdir: options.tmpdir }), false),
    ),
  );
}

export function describeStale(state: SessionState): string | null {
  if (state.running || state.staleFiles.length === 0) return null;
  const pidNote = state.pid !== null ? (processAlive(state.pid) ? ` (pid ${state.pid} is alive but does not answer)` : ` (pid ${state.pid} is gone)`) : '';
  return `A previous daemon left ${state.staleFiles.map((file) => path.basename(file)).join(', ')} behind${pidNote}; the next command removes them and starts a fresh daemon.`;
}
