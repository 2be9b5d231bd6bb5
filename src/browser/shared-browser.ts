// One Chromium for several sessions (`sharedBrowser: true`): a keeper process launches it as a
// Playwright browser server, and each session's daemon connects to it and works in a browser
// context of its own (own cookies, storage and tabs). The keeper outlives any one session and
// exits once no daemon uses the browser.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionError } from '../protocol/errors.js';
import { acquireStartLock, processAlive, readSessionFile, removeFiles, writePrivateFile } from '../transport/session-files.js';

const KEEPER_ENTRY = fileURLToPath(new URL('../daemon/browser-keeper.js', import.meta.url));

/** What the keeper launches; sessions whose launch differs in any of these get another shared browser. */
export interface SharedLaunch {
  executablePath: string;
  headless: boolean;
  args: string[];
  proxy?: { server: string; bypass?: string; username?: string; password?: string };
}

/** The files of one shared browser, in a folder only this user can enter. */
export interface SharedFiles {
  /** `{ pid, wsEndpoint, browserPid }` of the running keeper, 0600. */
  state: string;
  lock: string;
  /** One empty file per daemon that uses the browser, named by its pid. */
  users: string;
  log: string;
}

/** What the keeper writes once its browser serves. */
export interface KeeperState {
  pid: number;
  wsEndpoint: string;
  browserPid: number | null;
}

/** How long the keeper waits with no daemon using the browser before it closes it and exits. */
export const KEEPER_IDLE_MS = 5_000;
/** How long a daemon waits for a new keeper's browser. */
const KEEPER_START_MS = 60_000;

/**
 * The folder for shared browsers beside the session files: a private one per user, since the
 * default place is the system's temporary folder.
 */
export function sharedDir(sessionDir: string): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : os.userInfo().username.replace(/[^\w.-]/g, '_');
  return path.join(sessionDir, `agent-browser-shared-${user}`);
}

export function sharedFiles(dir: string, launch: SharedLaunch): SharedFiles {
  const key = createHash('sha256')
    .update(JSON.stringify([launch.executablePath, launch.headless, launch.args, launch.proxy ?? null]))
    .digest('hex')
    .slice(0, 12);
  const base = path.join(dir, `browser-${key}`);
  return { state: `${base}.json`, lock: `${base}.lock`, users: `${base}.users`, log: `${base}.log` };
}

/** Creates the private folder, or refuses one that another user could write to or that is a link. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  const foreign = typeof process.getuid === 'function' && stat.uid !== process.getuid();
  if (!stat.isDirectory() || foreign || (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)) {
    throw new ActionError(
      'BROWSER_LAUNCH_FAILED',
      `The shared browser's folder ${dir} is not a private folder of this user (a link, another owner, or open to others), so agent-browser will not use it. Remove it, or set socketDir (AGENT_BROWSER_SOCKET_DIR) to a folder of your own.`,
    );
  }
}

/** The running keeper's state, or null when there is none (or it died). */
export function readKeeper(files: SharedFiles): KeeperState | null {
  const text = readSessionFile(files.state);
  if (!text) return null;
  try {
    const state = JSON.parse(text) as KeeperState;
    return Number.isInteger(state.pid) && typeof state.wsEndpoint === 'string' && processAlive(state.pid) ? state : null;
  } catch {
    return null;
  }
}

/** Daemons (by pid) that use the browser now; files of dead ones are removed. */
export function liveUsers(files: SharedFiles): number[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(files.users);
  } catch {
    return [];
  }
  const live: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) live.push(pid);
    else removeFiles([path.join(files.users, name)]);
  }
  return live;
}

/** Runs `work` holding the shared browser's lock (taken by daemons joining and by the keeper leaving). */
export async function withSharedLock<T>(files: SharedFiles, work: () => Promise<T> | T): Promise<T> {
  const lock = await acquireStartLock(files.lock, { isServing: async () => false, timeoutMs: KEEPER_START_MS + 10_000, staleMs: KEEPER_START_MS + 10_000 });
  if (lock.kind !== 'held') {
    throw new ActionError(
      'BROWSER_LAUNCH_FAILED',
      `Another process (pid ${lock.kind === 'busy' ? (lock.holder ?? 'unknown') : 'unknown'}) has held the shared browser's lock ${files.lock} for too long. Remove the file if that process is gone.`,
    );
  }
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/**
 * Joins the shared browser for `launch` as this process, starting its keeper when none runs, and
 * answers its endpoint. Call `leaveSharedBrowser` when done with it.
 */
export async function joinSharedBrowser(dir: string, launch: SharedLaunch, env: NodeJS.ProcessEnv): Promise<KeeperState> {
  ensurePrivateDir(dir);
  const files = sharedFiles(dir, launch);
  return withSharedLock(files, async () => {
    fs.mkdirSync(files.users, { recursive: true, mode: 0o700 });
    writePrivateFile(path.join(files.users, String(process.pid)), '');
    return readKeeper(files) ?? (await startKeeper(files, launch, env));
  });
}

/** This process no longer uses the shared browser; the keeper closes it once nobody does. */
export function leaveSharedBrowser(dir: string, launch: SharedLaunch): void {
  removeFiles([path.join(sharedFiles(dir, launch).users, String(process.pid))]);
}

async function startKeeper(files: SharedFiles, launch: SharedLaunch, env: NodeJS.ProcessEnv): Promise<KeeperState> {
  removeFiles([files.state]);
  const { spawn } = await import('node:child_process');
  const log = fs.openSync(files.log, 'a', 0o600);
  const child = spawn(process.execPath, [KEEPER_ENTRY], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...env, AGENT_BROWSER_KEEPER: JSON.stringify({ files, launch }) },
    windowsHide: true,
  });
  fs.closeSync(log);
  const outcome = await new Promise<{ type: 'ready'; state: KeeperState } | { type: 'error'; message: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'error', message: `it did not report ready within ${KEEPER_START_MS / 1000} s` }), KEEPER_START_MS);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as { type: 'ready'; state: KeeperState } | { type: 'error'; message: string });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ type: 'error', message: `it exited (${code ?? signal}) before it was ready` });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ type: 'error', message: error.message });
    });
  });
  if (child.connected) child.disconnect();
  child.unref();
  if (outcome.type === 'ready') return outcome.state;
  if (child.exitCode === null) child.kill('SIGKILL');
  throw new ActionError(
    'BROWSER_LAUNCH_FAILED',
    `Could not start the shared browser (${launch.executablePath}): ${outcome.message}. Its log is ${files.log}. Set sharedBrowser: false (AGENT_BROWSER_SHARED_BROWSER=0) to launch a browser for this session alone.`,
  );
}
