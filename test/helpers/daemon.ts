import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DAEMON_ENTRY } from './paths.js';

export interface TestDaemon {
  session: string;
  socketDir: string;
  transport: 'unix' | 'tcp';
  pid: number;
  /** The socket path (unix) or "127.0.0.1:<port>" (tcp). */
  address: string;
  socketPath: string;
  port?: number;
  token?: string;
  process: ChildProcess;
  env: NodeJS.ProcessEnv;
  /** Sends raw lines on one connection and collects `expect` answer lines (default: one per line). */
  exchange(lines: string[], options?: { expect?: number; timeoutMs?: number; withToken?: boolean }): Promise<Record<string, any>[]>;
  /** One request object, one answer (the token is added on TCP unless withToken is false). */
  request(request: Record<string, unknown>, options?: { timeoutMs?: number; withToken?: boolean }): Promise<Record<string, any>>;
  /** Stops the daemon (close action, then SIGKILL if needed) and removes its folder. */
  stop(): Promise<void>;
}

let counter = 0;

/** A short private folder for session files (sun_path is only 108 bytes). */
export function makeSocketDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'abt-'));
}

/** Environment for a test daemon or CLI: isolated socket folder, no user config, test browser. */
export function testEnv(socketDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AGENT_BROWSER_')) delete env[key];
  return {
    ...env,
    AGENT_BROWSER_SOCKET_DIR: socketDir,
    AGENT_BROWSER_IDLE_TIMEOUT_MS: '300000',
    XDG_CONFIG_HOME: path.join(socketDir, 'xdg'),
    NO_COLOR: '1',
    // TEST_SHARED_BROWSER=1 runs a tier's daemons with sharedBrowser: true (a sweep, not part of npm test).
    ...(process.env.TEST_SHARED_BROWSER === '1' ? { AGENT_BROWSER_SHARED_BROWSER: '1' } : {}),
    ...extra,
  };
}

/** Starts a real daemon process and waits for its readiness message. */
export async function startDaemon(
  options: { session?: string; transport?: 'unix' | 'tcp'; env?: NodeJS.ProcessEnv; cwd?: string; socketDir?: string } = {},
): Promise<TestDaemon> {
  const session = options.session ?? `t${process.pid}-${++counter}`;
  const socketDir = options.socketDir ?? makeSocketDir();
  const transport = options.transport ?? 'unix';
  const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: session, AGENT_BROWSER_TRANSPORT: transport, ...options.env });
  const ownsSocketDir = options.socketDir === undefined;
  // The daemon may be asked to create socketDir itself, so it cannot be the working folder then.
  const cwd = options.cwd ?? (fs.existsSync(socketDir) ? socketDir : os.tmpdir());
  const child = spawn(process.execPath, [DAEMON_ENTRY], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env, cwd });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const cleanUp = () => {
    if (ownsSocketDir) fs.rmSync(socketDir, { recursive: true, force: true });
  };
  const message = await new Promise<any>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      cleanUp();
      reject(new Error(`daemon did not start in 15 s:\n${output}`));
    }, 15_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      cleanUp();
      reject(new Error(`daemon exited with ${code} before ready:\n${output}`));
    });
  });
  if (message.type !== 'ready') {
    child.kill('SIGKILL');
    cleanUp();
    throw Object.assign(new Error(`daemon refused to start: ${message.message}`), { startup: message });
  }
  child.disconnect();
  const socketPath = path.join(socketDir, `${session}.sock`);
  const port = transport === 'tcp' ? Number(fs.readFileSync(path.join(socketDir, `${session}.port`), 'utf8')) : undefined;
  const tokenFile = path.join(socketDir, `${session}.token`);
  const token = transport === 'tcp' && fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : undefined;
  const connectOptions = transport === 'unix' ? { path: socketPath } : { host: '127.0.0.1', port: port! };

  const exchange: TestDaemon['exchange'] = (lines, opts = {}) => rawExchange(connectOptions, lines, opts.expect ?? lines.length, opts.timeoutMs ?? 30_000);
  const daemon: TestDaemon = {
    session,
    socketDir,
    transport,
    pid: message.pid,
    address: message.address,
    socketPath,
    port,
    token,
    process: child,
    env,
    exchange,
    async request(request, opts = {}) {
      const line = token && opts.withToken !== false ? { ...request, token } : request;
      const [answer] = await exchange([JSON.stringify(line)], { timeoutMs: opts.timeoutMs });
      return answer!;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        try {
          await daemon.request({ id: 'stop', action: 'close' }, { timeoutMs: 10_000 });
        } catch {
          child.kill('SIGKILL');
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
  return daemon;
}

/** Writes `lines` on one connection and resolves with the first `expect` parsed answer lines. */
export function rawExchange(target: net.NetConnectOpts, lines: string[], expect: number, timeoutMs = 30_000): Promise<Record<string, any>[]> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(target);
    const answers: Record<string, any>[] = [];
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out after ${timeoutMs} ms with ${answers.length}/${expect} answers: ${JSON.stringify(answers)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answers);
    };
    socket.on('connect', () => {
      for (const line of lines) socket.write(line.endsWith('\n') ? line : `${line}\n`);
      if (expect === 0) setTimeout(finish, 200);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline !== -1) {
        answers.push(JSON.parse(buffer.slice(0, newline)));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
      if (answers.length >= expect) finish();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answers);
    });
  });
}
