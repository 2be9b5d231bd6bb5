import fs from 'node:fs/promises';
import net from 'node:net';
import type { WireResponse } from '../protocol/envelope.js';
import type { SessionEndpoint } from './endpoints.js';
import { LineSplitter, toWireLine } from './ndjson.js';

export type ConnectTarget = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number; token?: string };

/** How to reach a session's daemon: its socket, or its TCP port (the `.port` file, else the hash) and token. */
export async function connectTarget(endpoint: SessionEndpoint): Promise<ConnectTarget> {
  if (endpoint.transport === 'unix') {
    await refuseForeign(endpoint.socketPath);
    return { kind: 'unix', path: endpoint.socketPath };
  }
  await Promise.all([refuseForeign(endpoint.portPath), refuseForeign(endpoint.tokenPath)]);
  const [portText, token] = await Promise.all([readTrimmed(endpoint.portPath), readTrimmed(endpoint.tokenPath)]);
  const port = portText && /^\d+$/.test(portText) ? Number(portText) : endpoint.hashPort;
  return { kind: 'tcp', host: '127.0.0.1', port, ...(token ? { token } : {}) };
}

/**
 * Connects to a session's daemon. A TCP daemon writes its token before it listens, so when the
 * token file was missing as the target was read (the daemon was still starting) and the
 * connection now stands, the token is there: it is read again rather than sent without.
 */
export async function openDaemon(endpoint: SessionEndpoint): Promise<DaemonConnection> {
  const target = await connectTarget(endpoint);
  const connection = await DaemonConnection.open(target);
  if (target.kind === 'tcp' && !target.token) {
    await refuseForeign(endpoint.tokenPath);
    const token = await readTrimmed(endpoint.tokenPath);
    if (token) target.token = token;
  }
  return connection;
}

/**
 * Refuses a session file another user owns: whoever owns the socket (or the port and token
 * files) is the daemon this client would obey and hand page data to.
 */
async function refuseForeign(file: string): Promise<void> {
  if (typeof process.getuid !== 'function') return;
  let owner: number;
  try {
    owner = (await fs.lstat(file)).uid;
  } catch {
    return;
  }
  const me = process.getuid();
  if (owner !== me) {
    throw new ConnectionError(
      `${file} belongs to another user (uid ${owner}, you are ${me}); refusing to talk to a daemon someone else runs. Use your own session folder (AGENT_BROWSER_SOCKET_DIR) or another --session.`,
      'EFOREIGN',
    );
  }
}

async function readTrimmed(file: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

export function describeTarget(target: ConnectTarget): string {
  return target.kind === 'unix' ? target.path : `${target.host}:${target.port}`;
}

export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly syscallCode?: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

interface Pending {
  resolve: (response: WireResponse) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/** One connection to a daemon; requests may be pipelined and are answered in order. */
export class DaemonConnection {
  private readonly pending: Pending[] = [];
  private closedError: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly target: ConnectTarget,
  ) {
    const splitter = new LineSplitter(
      Number.MAX_SAFE_INTEGER,
      (line) => this.onLine(line),
      () => undefined,
    );
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('error', (error) =>
      this.fail(new ConnectionError(`Connection to the daemon at ${describeTarget(target)} failed: ${error.message}`, (error as NodeJS.ErrnoException).code)),
    );
    socket.on('close', () => this.fail(new ConnectionError(`The daemon at ${describeTarget(target)} closed the connection before answering.`)));
  }

  static open(target: ConnectTarget, connectTimeoutMs = 2000): Promise<DaemonConnection> {
    return new Promise((resolve, reject) => {
      const socket = target.kind === 'unix' ? net.createConnection(target.path) : net.createConnection({ host: target.host, port: target.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectionError(`Timed out connecting to the daemon at ${describeTarget(target)}.`, 'ETIMEDOUT'));
      }, connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new DaemonConnection(socket, target));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ConnectionError(`Cannot connect to the daemon at ${describeTarget(target)}: ${error.code ?? error.message}`, error.code));
      });
    });
  }

  /** Sends one request; `readTimeoutMs` bounds the wait for its answer. */
  request(request: Record<string, unknown>, readTimeoutMs?: number): Promise<WireResponse> {
    if (this.closedError) return Promise.reject(this.closedError);
    const line = this.target.kind === 'tcp' && this.target.token ? { ...request, token: this.target.token } : request;
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve, reject };
      if (readTimeoutMs !== undefined) {
        entry.timer = setTimeout(() => {
          this.fail(
            new ConnectionError(
              `No answer from the daemon at ${describeTarget(this.target)} within ${readTimeoutMs} ms. Check its log, or run 'agent-browser daemon status'.`,
              'ETIMEDOUT',
            ),
          );
          this.socket.destroy();
        }, readTimeoutMs);
      }
      this.pending.push(entry);
      this.socket.write(toWireLine(line));
    });
  }

  close(): void {
    this.socket.end();
    this.socket.destroy();
  }

  private onLine(line: string): void {
    const entry = this.pending.shift();
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    try {
      entry.resolve(JSON.parse(line) as WireResponse);
    } catch (error) {
      entry.reject(new ConnectionError(`The daemon sent an invalid response: ${(error as Error).message}`));
    }
  }

  private fail(error: Error): void {
    if (!this.closedError) this.closedError = error;
    for (const entry of this.pending.splice(0)) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(error);
    }
  }
}
