import fs from 'node:fs';
import net from 'node:net';
import type { SessionEndpoint } from './endpoints.js';

/** Whether something answers at the session's address (liveness is an answer, never a file). */
export function somethingListens(endpoint: SessionEndpoint, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    let port = endpoint.hashPort;
    if (endpoint.transport === 'tcp') {
      try {
        port = Number(fs.readFileSync(endpoint.portPath, 'utf8').trim()) || endpoint.hashPort;
      } catch {
        // no port file: a TCP daemon of this session always writes one, so nothing of ours listens
        resolve(false);
        return;
      }
    }
    const socket = endpoint.transport === 'unix' ? net.createConnection(endpoint.socketPath) : net.createConnection({ host: '127.0.0.1', port });
    const done = (alive: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The session's endpoint as its running daemon serves it: the given transport, else the other one
 * (a daemon started with AGENT_BROWSER_TRANSPORT=tcp on a Unix machine, or the reverse), so a client
 * never starts a second daemon beside it or removes its files. Null when neither answers.
 */
export async function runningEndpoint(endpoint: SessionEndpoint, timeoutMs = 500): Promise<SessionEndpoint | null> {
  if (await somethingListens(endpoint, timeoutMs)) return endpoint;
  const other: SessionEndpoint = { ...endpoint, transport: endpoint.transport === 'unix' ? 'tcp' : 'unix' };
  // The other transport's daemon always leaves its mark: a socket file, or a port file.
  if (!fs.existsSync(other.transport === 'unix' ? other.socketPath : other.portPath)) return null;
  // A live pid too: a port a dead daemon wrote down may since belong to another program.
  const pid = readPid(endpoint);
  if (pid === null || !processAlive(pid)) return null;
  return (await somethingListens(other, timeoutMs)) ? other : null;
}

export function readPid(endpoint: SessionEndpoint): number | null {
  return readPidFile(endpoint.pidPath);
}

/** A session file's text, trimmed; null when it is missing or empty. */
export function readSessionFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** The pid a file holds (the daemon's pid file, the start-up lock), or null. */
function readPidFile(file: string): number | null {
  const pid = Number(readSessionFile(file));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The session's files, removed when a dead daemon left them or ours shuts down. */
export function sessionFiles(endpoint: SessionEndpoint): string[] {
  const files = [endpoint.pidPath, endpoint.portPath, endpoint.streamPath, endpoint.tokenPath, endpoint.versionPath];
  if (endpoint.transport === 'unix') files.unshift(endpoint.socketPath);
  return files;
}

export function removeFiles(files: string[]): void {
  for (const file of files) {
    try {
      fs.unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

export function writePrivateFile(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/**
 * Whether a file or folder with this `fs.stat` mode lets other users in. Never on Windows: modes do
 * not apply there (Node reports 0666 for every file and folder; the folder's ACL decides).
 */
export function openToOtherUsers(mode: number, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32' && (mode & 0o077) !== 0;
}

/** What waiting for the start-up lock came to. */
export type StartLock = { kind: 'held'; release(): void } | { kind: 'serving' } | { kind: 'busy'; holder: number | null; waitedMs: number };

/**
 * Takes the session's start-up lock: an exclusive file holding our pid, so that of several
 * daemons started at once exactly one goes on to listen. While another live process holds it,
 * waits (the holder is about to serve: answers `serving` as soon as it does). A lock whose holder
 * died, or that is older than `staleMs`, is broken.
 */
export async function acquireStartLock(
  lockPath: string,
  options: { isServing: () => Promise<boolean>; timeoutMs: number; staleMs: number },
): Promise<StartLock> {
  const started = Date.now();
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return {
        kind: 'held',
        release: () => {
          if (readPidFile(lockPath) === process.pid) removeFiles([lockPath]);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await options.isServing()) return { kind: 'serving' };
    const holder = readPidFile(lockPath);
    const age = lockAge(lockPath);
    if (holder === null && age === null) continue;
    if (holder === null ? (age ?? 0) > 1000 : !processAlive(holder) || (age ?? 0) > options.staleMs) {
      // Break it only if it is still the same lock we judged stale.
      if (readPidFile(lockPath) === holder) removeFiles([lockPath]);
      continue;
    }
    const waitedMs = Date.now() - started;
    if (waitedMs > options.timeoutMs) return { kind: 'busy', holder, waitedMs };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function lockAge(lockPath: string): number | null {
  try {
    return Date.now() - fs.statSync(lockPath).mtimeMs;
  } catch {
    return null;
  }
}
