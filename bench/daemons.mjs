// The daemon subjects (this project and the reference's versions), spoken to like a CLI would:
// one new connection per request, one JSON line each way. Also the process bookkeeping that makes
// sure no daemon or Chromium outlives the bench.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUR_CLI = path.join(root, 'bin', 'run.js');
const OUR_DAEMON = path.join(root, 'dist', 'daemon', 'main.js');
// The flags src/client/ensure.ts starts the daemon with.
const { DAEMON_NODE_FLAGS } = await import(new URL('../dist/client/ensure.js', import.meta.url).href);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one request on a new connection and resolves to the parsed response line. */
export function request(socketPath, message, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const chunks = [];
    const fail = (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`no answer to "${message.action}" within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => socket.write(`${JSON.stringify(message)}\n`));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (!chunk.includes(10)) return;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text.slice(0, text.indexOf('\n'))));
      } catch (error) {
        reject(error);
      }
    });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error(`the daemon closed the connection without answering "${message.action}"`)));
  });
}

/** Sends a request and returns its data; a `success:false` answer throws its error. */
/** Sends `message` on a new connection and hangs up after `afterMs` without reading an answer. */
export async function sendAndHangUp(socketPath, message, afterMs) {
  const socket = net.createConnection(socketPath);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(`${JSON.stringify(message)}\n`);
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  socket.destroy();
}

export async function call(socketPath, message, timeoutMs) {
  const response = await request(socketPath, { id: `bench-${message.action}`, ...message }, timeoutMs);
  if (!response.success) throw new Error(`${message.action}: ${response.error}`);
  return response.data;
}

/**
 * The environment every process of a subject gets: its own HOME and TMPDIR under `dir` (short names:
 * Chromium's singleton socket lives in TMPDIR and must fit sun_path), no inherited AGENT_BROWSER_* settings.
 */
export function subjectEnv(dir, extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(AGENT_BROWSER_|XDG_|npm_)/.test(key)));
  for (const sub of ['h', 't']) fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
  return { ...env, HOME: path.join(dir, 'h'), TMPDIR: path.join(dir, 't'), NO_COLOR: '1', ...extra };
}

/**
 * This project's daemon (dist/daemon/main.js, spawned the way src/client/ensure.ts does) and CLI
 * (bin/run.js); `shared` runs its sessions in one shared browser (`sharedBrowser: true`).
 */
export function oursSubject({ dir, chromium, batch, shared = false }) {
  const socketDir = path.join(dir, 's');
  const env = subjectEnv(dir, {
    AGENT_BROWSER_SOCKET_DIR: socketDir,
    AGENT_BROWSER_EXECUTABLE_PATH: chromium,
    ...(shared ? { AGENT_BROWSER_SHARED_BROWSER: '1' } : {}),
  });
  return {
    key: shared ? 'shared' : 'ours',
    sharedDir: shared ? socketDir : null,
    socketPath: (session) => path.join(socketDir, `${session}.sock`),
    probe: { action: 'status' },
    spawnDaemon(session, log) {
      const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, OUR_DAEMON], {
        detached: true,
        cwd: dir,
        stdio: ['ignore', log, log, 'ipc'],
        env: { ...env, AGENT_BROWSER_DAEMON: '1', AGENT_BROWSER_SESSION: session, AGENT_BROWSER_TRANSPORT: 'unix' },
      });
      child.once('message', () => child.connected && child.disconnect());
      return child;
    },
    cli: (args, session) => ({ command: process.execPath, args: [OUR_CLI, ...args], env: { ...env, AGENT_BROWSER_SESSION: session } }),
    batch: batch
      ? (lines, session) => ({ command: process.execPath, args: [OUR_CLI, 'batch', ...lines], env: { ...env, AGENT_BROWSER_SESSION: session } })
      : null,
  };
}

/**
 * agent-browser 0.6.0: a Node/Playwright daemon (dist/daemon.js) behind a Rust CLI. The daemon keeps its
 * files in os.tmpdir() (`agent-browser-<session>.sock`), so TMPDIR points it, and the CLI, at the subject's folder.
 */
export function v06Subject({ dir, chromium, peer }) {
  const env = subjectEnv(dir, { AGENT_BROWSER_EXECUTABLE_PATH: chromium, AGENT_BROWSER_HOME: peer.pkgDir });
  return {
    key: 'v06',
    socketPath: (session) => path.join(env.TMPDIR, `agent-browser-${session}.sock`),
    // A request that fails validation is answered without launching the browser; every valid one launches it.
    probe: { action: 'bench_probe' },
    spawnDaemon: (session, log) =>
      spawn(process.execPath, [path.join(peer.pkgDir, 'dist', 'daemon.js')], {
        detached: true,
        cwd: dir,
        stdio: ['ignore', log, log],
        env: { ...env, AGENT_BROWSER_DAEMON: '1', AGENT_BROWSER_SESSION: session },
      }),
    cli: (args, session) => ({ command: peer.nativeCli, args, env: { ...env, AGENT_BROWSER_SESSION: session } }),
    npmCli: (args, session) => ({ command: peer.npmCli, args, env: { ...env, AGENT_BROWSER_SESSION: session } }),
  };
}

/**
 * agent-browser latest: one Rust binary; `AGENT_BROWSER_DAEMON=1` makes it the daemon (raw CDP, no Node).
 * Files go to AGENT_BROWSER_SOCKET_DIR/<session>.*. It passes the quiet Chromium flags itself.
 */
export function latestSubject({ dir, chromium, peer }) {
  const socketDir = path.join(dir, 's');
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  const env = subjectEnv(dir, { AGENT_BROWSER_SOCKET_DIR: socketDir, AGENT_BROWSER_EXECUTABLE_PATH: chromium, AGENT_BROWSER_NO_VERSION_CHECK: '1' });
  return {
    key: 'latest',
    socketPath: (session) => path.join(socketDir, `${session}.sock`),
    // Any other request, even an unknown action, launches the browser first; session_info does not.
    probe: { action: 'session_info' },
    spawnDaemon(session, log) {
      // What its CLI does before spawning: without this <session>.config the CLI takes the daemon for a
      // differently configured one and replaces it (and its browser) with a fresh one.
      const config = { action_policy: null, confirm_actions: null, debug: false, default_timeout: null, idle_timeout: null, no_auto_dialog: false };
      fs.writeFileSync(path.join(socketDir, `${session}.config`), JSON.stringify(config));
      const daemonEnv = { ...env, AGENT_BROWSER_DAEMON: '1', AGENT_BROWSER_SESSION: session, AGENT_BROWSER_HIDE_SCROLLBARS: '1', AGENT_BROWSER_PLUGINS: '[]' };
      return spawn(peer.nativeCli, [], { detached: true, cwd: dir, stdio: ['ignore', log, log], env: daemonEnv });
    },
    cli: (args, session) => ({ command: peer.nativeCli, args, env: { ...env, AGENT_BROWSER_SESSION: session } }),
    npmCli: (args, session) => ({ command: peer.npmCli, args, env: { ...env, AGENT_BROWSER_SESSION: session } }),
  };
}

const NOT_YET = new Set(['ENOENT', 'ECONNREFUSED']);

/**
 * Spawns a subject's daemon and waits until its socket answers the subject's probe request.
 * Resolves to { daemon, readyMs } where readyMs runs from the spawn to the probe's answer.
 */
export async function startDaemon(subject, session, logDir, timeoutMs = 30_000) {
  const logPath = path.join(logDir, `${subject.key}-${session}.log`);
  const log = fs.openSync(logPath, 'a');
  const started = performance.now();
  const child = subject.spawnDaemon(session, log);
  fs.closeSync(log);
  const daemon = { subject, session, child, pid: child.pid, socketPath: subject.socketPath(session), logPath };
  let spawnError = null;
  child.once('error', (error) => (spawnError = error));
  try {
    for (;;) {
      if (spawnError) throw spawnError;
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the daemon exited (${child.exitCode ?? child.signalCode}) before it answered: ${tail(logPath)}`);
      try {
        await request(daemon.socketPath, { id: 'bench-ready', ...subject.probe }, timeoutMs);
        return { daemon, readyMs: performance.now() - started };
      } catch (error) {
        if (!NOT_YET.has(error.code)) throw error;
      }
      if (performance.now() - started > timeoutMs) throw new Error(`the daemon did not answer within ${timeoutMs} ms: ${tail(logPath)}`);
      await sleep(2);
    }
  } catch (error) {
    await stopDaemon(daemon);
    throw error;
  }
}

/** Asks the daemon to close (`{"action":"close"}`), then makes sure its process group is gone. */
export async function stopDaemon(daemon) {
  const { child } = daemon;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (!child.pid || exited()) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  await request(daemon.socketPath, { id: 'x', action: 'close' }, 10_000).catch(() => {});
  if (await Promise.race([gone.then(() => true), sleep(10_000).then(() => false)])) return;
  for (const target of [-child.pid, child.pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {}
  }
  await Promise.race([gone, sleep(2_000)]);
}

/** VmRSS of one process in MiB (null when unreadable). */
export function rssMiB(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/** The processes (other than this one) whose environment mentions `marker` (the bench's temp folder). */
export function markedPids(marker) {
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!pid || pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker)) pids.push(pid);
    } catch {}
  }
  return pids;
}

/** SIGKILLs every process whose environment mentions `marker` (the bench's temp folder): left-over daemons, CLIs, Chromiums. */
export function killMarked(marker) {
  let killed = 0;
  for (const pid of markedPids(marker)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {}
  }
  return killed;
}

/** Runs one CLI command to completion; resolves to { ms, stdout }; a non-zero exit throws. */
export function runCli({ command, args, env }, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      if (code === 0) resolve({ ms, stdout });
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.slice(0, 3).join(' ')} exited ${code ?? signal}: ${(stderr || stdout).trim().split('\n').slice(-2).join(' ')}`,
          ),
        );
    });
  });
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ') || '(empty log)';
  } catch {
    return '(no log)';
  }
}

/** Kills what is left of a bench run's processes (their command lines hold `marker`) and removes its folder. */
export async function sweepRun(tmp, marker, progress) {
  for (let pass = 0, killed; pass < 5 && (killed = killMarked(marker)) > 0; pass++) {
    progress(`killed ${killed} left-over process(es)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5 });
  } catch (error) {
    progress(`could not remove ${tmp}: ${error.message}`);
  }
}

/** On a signal or an uncaught error: says so, runs `cleanup`, and exits with the signal's code. */
export function cleanUpOnExit(cleanup, progress, onInterrupt) {
  const bail = (why, code) => {
    progress(`${why}: cleaning up`);
    onInterrupt();
    void cleanup().finally(() => process.exit(code));
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.on(signal, () => bail(signal, code));
  process.on('uncaughtException', (error) => bail(`uncaught ${error.stack ?? error}`, 1));
}
