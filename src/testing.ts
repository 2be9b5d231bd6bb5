/**
 * Testing helpers for plugin authors (`agent-browser-host/testing`): a real daemon, with your plugins
 * loaded from a throwaway project folder, driving a real browser. Use it from any test runner.
 *
 * ```ts
 * import { startTestDaemon } from 'agent-browser-host/testing';
 * const daemon = await startTestDaemon({ plugins: [['./dist/index.js', { greeting: 'hi' }]] });
 * await daemon.call('open', { url: 'http://127.0.0.1:8080/' });
 * const data = await daemon.call('hello:greet');
 * await daemon.stop();
 * ```
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDaemon } from './client/ensure.js';
import { findPluginPackage } from './host/load.js';
import { openDaemon, type DaemonConnection } from './transport/client.js';
import { sessionEndpoint, type TransportKind } from './transport/endpoints.js';

/** A `plugins` entry as in `.agentbrowserrc`: a path or package name, optionally with options. */
export type TestPluginSpec = string | [string, Record<string, unknown>];

export interface TestDaemonOptions {
  /**
   * The plugins to load. Relative paths and package names resolve from the current working
   * folder (where your test runs), not from the throwaway project folder.
   */
  plugins?: TestPluginSpec[];
  /** Other `.agentbrowserrc` keys, e.g. `{ timeout: 5000 }`. */
  config?: Record<string, unknown>;
  /** Extra environment for the daemon (and for `cli`). */
  env?: Record<string, string | undefined>;
  /** `unix` (default where supported) or `tcp`, the Windows transport. */
  transport?: TransportKind;
  /** How long to wait for the daemon to start, in ms (default 20000). */
  startTimeoutMs?: number;
}

/** What `cli()` saw: the exit code and both streams. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A wire response as a test reads it: `data` on success, `error` and `code` on failure. */
export interface TestResponse {
  id: string;
  success: boolean;
  data?: any;
  error?: string;
  code?: string;
  [field: string]: unknown;
}

/** A running daemon for tests. */
export interface TestDaemon {
  /** Its session name (unique per daemon). */
  readonly session: string;
  /** The throwaway project folder holding `.agentbrowserrc.json`; removed by `stop()`. */
  readonly dir: string;
  /** Environment that points the `agent-browser` CLI at this daemon. */
  readonly env: Record<string, string>;
  /** Sends one request `{action, ...params}` and resolves with the whole wire response. */
  send(request: { action: string; [field: string]: unknown }): Promise<TestResponse>;
  /** Runs an action and resolves with its `data`; rejects with a {@link TestActionError} when it fails. */
  call<T = Record<string, any>>(action: string, params?: Record<string, unknown>): Promise<T>;
  /** Runs the `agent-browser` CLI against this daemon, e.g. `cli(['hello:greet', '--json'])`. */
  cli(args: string[]): Promise<CliResult>;
  /** Closes the browser and the daemon, and removes the project folder. */
  stop(): Promise<void>;
}

/** A failed action, with the error answer's `code` (e.g. `NAVIGATION_BLOCKED`). */
export class TestActionError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly response: TestResponse,
  ) {
    super(message);
    this.name = 'TestActionError';
  }
}

const CLI_ENTRY = fileURLToPath(new URL('../bin/run.js', import.meta.url));
/** Settings that find the browser are kept; everything else comes from the test's own config. */
const KEPT_ENV = new Set(['AGENT_BROWSER_EXECUTABLE_PATH', 'AGENT_BROWSER_HEADED']);
let counter = 0;
/** Daemons not stopped yet: a test run that ends early (a crash, a failed assertion) takes them down. */
const running = new Map<number, string>();
process.once('exit', () => {
  for (const [pid, dir] of running) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
});

/** Starts a real daemon with `options.plugins` loaded; stop it with `stop()` when done. */
export async function startTestDaemon(options: TestDaemonOptions = {}): Promise<TestDaemon> {
  // Short on purpose: the folder also holds the Unix socket (sun_path is about 100 bytes).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-'));
  const session = `test-${process.pid}-${++counter}`;
  const transport = options.transport ?? (process.platform === 'win32' ? 'tcp' : 'unix');
  const configFile = path.join(dir, '.agentbrowserrc.json');
  try {
    const plugins = (options.plugins ?? []).map((spec) => (Array.isArray(spec) ? [absoluteSpec(spec[0]), spec[1]] : absoluteSpec(spec)));
    fs.writeFileSync(configFile, `${JSON.stringify({ ...options.config, plugins }, null, 2)}\n`);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    throw error;
  }
  const env: Record<string, string> = {};
  const dropped: Record<string, undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('AGENT_BROWSER_') && !KEPT_ENV.has(key)) dropped[key] = undefined;
    else if (value !== undefined) env[key] = value;
  }
  Object.assign(env, {
    AGENT_BROWSER_SESSION: session,
    AGENT_BROWSER_TRANSPORT: transport,
    AGENT_BROWSER_SOCKET_DIR: dir,
    AGENT_BROWSER_CONFIG: configFile,
    // No user-wide config (~/.config/agentbrowser) leaks into the test.
    XDG_CONFIG_HOME: path.join(dir, 'xdg'),
  });
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const endpoint = sessionEndpoint({ session, transport, socketDir: dir });
  let pid: number;
  try {
    ({ pid } = await startDaemon({
      session,
      transport,
      socketDir: dir,
      daemonEnv: { ...dropped, ...env },
      cwd: dir,
      startTimeoutMs: options.startTimeoutMs ?? 20_000,
    }));
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    throw error;
  }

  running.set(pid, dir);
  let connection: Promise<DaemonConnection> | null = null;
  const send: TestDaemon['send'] = async (request) => {
    connection ??= openDaemon(endpoint);
    return (await (await connection).request({ id: `test-${++counter}`, ...request })) as TestResponse;
  };

  return {
    session,
    dir,
    env,
    send,
    async call<T>(action: string, params: Record<string, unknown> = {}): Promise<T> {
      const response = await send({ ...params, action });
      if (!response.success)
        throw new TestActionError(`${action} failed: ${response.error}${response.code ? ` (${response.code})` : ''}`, response.code, response);
      return response.data as T;
    },
    cli: (args) => runCli(args, env, dir),
    async stop() {
      try {
        await send({ action: 'close' });
      } catch {
        // Already gone: nothing to close.
      }
      (await connection?.catch(() => null))?.close();
      await waitForExit(pid);
      running.delete(pid);
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

function absoluteSpec(spec: string): string {
  if (spec.startsWith('file:')) return fileURLToPath(spec);
  if (path.isAbsolute(spec)) return spec;
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') return path.resolve(spec);
  return findPluginPackage(spec, process.cwd());
}

function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env: { ...env, NO_COLOR: '1' }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Waits for the daemon process to end after `close`; kills it when it takes longer than 10 s. */
async function waitForExit(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < 10_000 && alive(); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
}

/** A response `servePages` gives: HTML as a string, or any body with its type, status and headers. */
export type TestPage = string | { body: string | Buffer; type?: string; status?: number; headers?: Record<string, string> };

/** A loopback HTTP server for test pages. */
export interface PageServer {
  /** e.g. `http://127.0.0.1:43123`. */
  readonly origin: string;
  /** The port; `http://<anything>.localhost:<port>/` reaches the same server under another host name. */
  readonly port: number;
  /** Every request served so far, in order: `{method, host, path}` (host as the browser sent it). */
  readonly requests: Array<{ method: string; host: string; path: string }>;
  /** The URL of `pathname` on this server (or on `host`, e.g. `shop.localhost`). */
  url(pathname: string, host?: string): string;
  /** Serves `page` at `pathname` from now on. */
  page(pathname: string, page: TestPage): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `pages` (path → HTML or `{body, type}`) on 127.0.0.1 at a free port, plus the files
 * under `options.root` when given. Unknown paths answer 404.
 */
export async function servePages(pages: Record<string, TestPage> = {}, options: { root?: string } = {}): Promise<PageServer> {
  const routes = new Map(Object.entries(pages));
  const requests: PageServer['requests'] = [];
  const root = options.root ? path.resolve(options.root) : undefined;
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requests.push({ method: request.method ?? 'GET', host: request.headers.host ?? '', path: request.url ?? '/' });
    const page = routes.get(pathname);
    if (page !== undefined) {
      const { body, type, status, headers } = typeof page === 'string' ? { body: page, type: CONTENT_TYPES['.html'], status: 200, headers: {} } : page;
      response.writeHead(status ?? 200, { 'content-type': type ?? CONTENT_TYPES['.html']!, ...headers });
      response.end(body);
      return;
    }
    const file = root ? path.join(root, pathname === '/' ? 'index.html' : pathname) : undefined;
    if (!file || !file.startsWith(root!) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    url: (pathname, host) => `${host ? `http://${host}:${port}` : origin}${pathname.startsWith('/') ? '' : '/'}${pathname}`,
    page: (pathname, page) => void routes.set(pathname, page),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
