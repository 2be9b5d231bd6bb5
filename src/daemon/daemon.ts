import fs from 'node:fs';
import { assemblePlugins } from '../builtins/assemble.js';
import { loadPlaywright } from '../browser/playwright.js';
import { BrowserSession } from '../browser/session.js';
import { ConfigError, renderSource, type LoadedConfig } from '../config/index.js';
import { Host } from '../host/host.js';
import { describeRemote, redactEndpoint } from '../protocol/remote.js';
import type { Logger } from '../host/types.js';
import { sessionEndpoint, socketPathProblem, type SessionEndpoint } from '../transport/endpoints.js';
import { sharedDir } from '../browser/shared-browser.js';
import { NdjsonServer } from '../transport/server.js';
import type { StartupErrorCode, StartupMessage } from '../transport/startup.js';
import { loadDaemonConfig } from './config.js';
import { createLogger } from './logger.js';
import { Dispatcher } from './dispatch.js';
import type { StreamControl } from '../builtins/stream.js';
import type { StreamServer } from './stream-server.js';
import {
  acquireStartLock,
  processAlive,
  readPid,
  removeFiles,
  runningEndpoint,
  sessionFiles,
  somethingListens,
  writePrivateFile,
} from '../transport/session-files.js';
import { VERSION } from '../version.js';

/** How long after reporting ready the daemon starts loading playwright-core. */
const PRELOAD_DELAY_MS = 30;

export class StartupError extends Error {
  constructor(
    readonly code: StartupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function report(message: StartupMessage): Promise<void> {
  if (!process.send) return Promise.resolve();
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

async function listen(server: NdjsonServer, endpoint: SessionEndpoint, log: Logger): Promise<string> {
  if (endpoint.transport === 'unix') {
    // Created 0600 from the start: no moment in which another user could connect.
    const umask = process.umask(0o177);
    try {
      await server.listen({ kind: 'unix', path: endpoint.socketPath });
    } finally {
      process.umask(umask);
    }
    fs.chmodSync(endpoint.socketPath, 0o600);
    return endpoint.socketPath;
  }
  try {
    await server.listen({ kind: 'tcp', host: '127.0.0.1', port: endpoint.hashPort });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    log.info(`port ${endpoint.hashPort} unavailable (${code}); using an OS-assigned port`);
    await server.listen({ kind: 'tcp', host: '127.0.0.1', port: 0 });
  }
  const port = server.port()!;
  writePrivateFile(endpoint.portPath, String(port));
  return `127.0.0.1:${port}`;
}

/**
 * The daemon's memory. When NODE_OPTIONS asks for --expose-gc, it collects first, so the figures
 * measure what is retained rather than when the last collection happened to run. The daemon's own
 * --expose-gc (for one collection after its first launch) does not make every `status` collect.
 */
function memoryFigures(): { rssBytes: number; heapUsedBytes: number } {
  if (process.env.NODE_OPTIONS?.includes('--expose-gc')) (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
}

/** The `browser` part of `status`: what runs, or what will; a remote one by its endpoint without secrets. */
function browserStatus(browser: BrowserSession): Record<string, unknown> {
  const remote = browser.remote ? { remote: describeRemote(browser.remote) } : {};
  if (!browser.launched) return { launched: false, ...remote };
  const active = browser.tabs[browser.activeIndex]?.page.url();
  return {
    launched: true,
    executablePath: browser.plan?.executablePath,
    headless: browser.plan?.headless,
    ...(browser.shared ? { shared: true } : {}),
    ...remote,
    tabs: browser.tabs.length,
    activeTab: browser.activeIndex,
    url: active,
  };
}

/** The owner lease: once the owner process has exited, the daemon shuts down (checked every second). */
function watchOwner(ownerPid: number, end: (reason: string) => void): void {
  const check = () => {
    if (processAlive(ownerPid)) return;
    clearInterval(timer);
    end(`owner process ${ownerPid} exited`);
  };
  const timer = setInterval(check, 1000);
  timer.unref();
  check();
}

/** Starts the session's daemon; resolves once it serves requests. */
export async function startDaemon(options: { foreground?: boolean } = {}): Promise<void> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadDaemonConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError('CONFIG_INVALID', error.message);
    throw error;
  }
  const { config } = loaded;
  const endpoint = sessionEndpoint({ session: config.session, transport: config.transport, socketDir: config.socketDir });
  if (endpoint.customDir) fs.mkdirSync(endpoint.dir, { recursive: true, mode: 0o700 });
  const log = createLogger(endpoint.logPath, { debug: config.debug, echo: Boolean(options.foreground) });

  if (endpoint.transport === 'unix') {
    const problem = socketPathProblem(endpoint.socketPath);
    if (problem) throw new StartupError('SOCKET_PATH_TOO_LONG', problem);
  }
  const alreadyRunning = (running: SessionEndpoint = endpoint) => {
    const pid = readPid(endpoint);
    return new StartupError(
      'ALREADY_RUNNING',
      `A daemon for session "${config.session}" is already running${pid ? ` (pid ${pid})` : ''} at ${running.transport === 'unix' ? running.socketPath : 'its TCP port'}. Use it, or stop it with 'agent-browser --session ${config.session} close'.`,
    );
  };
  // Also on the other transport: its files are this session's too, and removing them would orphan it.
  const running = await runningEndpoint(endpoint);
  if (running) throw alreadyRunning(running);
  // Of daemons started at once for one session, one takes the lock and starts; the others wait for it to serve.
  const lock = await acquireStartLock(endpoint.lockPath, { isServing: () => somethingListens(endpoint), timeoutMs: 20_000, staleMs: 60_000 });
  if (lock.kind === 'serving') throw alreadyRunning();
  if (lock.kind === 'busy') {
    throw new StartupError(
      'START_LOCKED',
      `Another daemon for session "${config.session}"${lock.holder ? ` (pid ${lock.holder})` : ''} has been starting for ${Math.round(lock.waitedMs / 1000)} s and does not serve yet. See ${endpoint.logPath}; if it hangs, stop it (kill ${lock.holder ?? '<pid>'}) or remove ${endpoint.lockPath}.`,
    );
  }
  process.once('exit', () => lock.release());
  const startedMeanwhile = await runningEndpoint(endpoint);
  if (startedMeanwhile) {
    lock.release();
    throw alreadyRunning(startedMeanwhile);
  }
  const stalePid = readPid(endpoint);
  if (stalePid !== null && stalePid !== process.pid && processAlive(stalePid)) {
    log.warn(`pid file names live process ${stalePid}, but nothing answers at the session's address; taking over`);
  }
  removeFiles(sessionFiles(endpoint));

  const host = new Host(config, log);
  const browser = new BrowserSession({
    hooks: host.hooks,
    config,
    log,
    executableSource: renderSource(loaded.sources.executablePath),
    sourceOf: (key) => renderSource(loaded.sources[key]),
    sharedDir: sharedDir(endpoint.dir),
  });
  const startedAt = Date.now();
  let activeRequests = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  let shuttingDown: Promise<void> | null = null;
  let server: NdjsonServer | null = null;
  let address = '';
  let stream: StreamServer | null = null;
  let streamStarting: Promise<StreamServer> | null = null;
  let streamError: string | null = null;

  const shutdown = (reason: string, exitAfterMs = 100): Promise<void> => {
    shuttingDown ??= (async () => {
      log.info(`shutting down: ${reason}`);
      if (idleTimer) clearTimeout(idleTimer);
      try {
        await host.hooks.shutdown.promise();
      } catch (error) {
        log.error(`a shutdown hook failed: ${(error as Error).message}`);
      }
      await streamStarting?.catch(() => undefined);
      await stream?.close().catch((error: Error) => log.warn(`closing the live view stream failed: ${error.message}`));
      await browser.close();
      if (readPid(endpoint) === process.pid) removeFiles(sessionFiles(endpoint));
      setTimeout(() => {
        void server?.close().finally(() => process.exit(0));
        setTimeout(() => process.exit(0), 500).unref();
      }, exitAfterMs);
    })();
    return shuttingDown;
  };

  const armIdleTimer = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (config.idleTimeout > 0 && activeRequests === 0 && !shuttingDown) {
      idleTimer = setTimeout(() => void shutdown(`idle for ${config.idleTimeout} ms`, 0), config.idleTimeout);
      idleTimer.unref();
    }
  };

  const startStream = async (port: number): Promise<StreamServer> => {
    // Loaded only when the stream is on: the daemon's start-up does not pay for ws.
    const { StreamServer } = await import('./stream-server.js');
    try {
      stream = await StreamServer.start({ port, browser, viewport: config.viewport, streamPath: endpoint.streamPath, log, onInput: () => armIdleTimer() });
      streamError = null;
      return stream;
    } catch (error) {
      streamError = (error as Error).message;
      throw error;
    }
  };
  const streamControl: StreamControl = {
    running: () => stream,
    enable: (port) => {
      if (stream) return Promise.resolve(stream);
      if (shuttingDown) return Promise.reject(new Error('The daemon is shutting down.'));
      return (streamStarting ??= startStream(port).finally(() => {
        streamStarting = null;
      }));
    },
  };

  const control = {
    host,
    stream: streamControl,
    shutdown: (reason: string) => shutdown(reason),
    cancel: (id: string) => dispatcher.cancel(id),
    status: () => ({
      pid: process.pid,
      version: VERSION,
      session: config.session,
      transport: config.transport,
      address,
      uptimeMs: Date.now() - startedAt,
      idleTimeoutMs: config.idleTimeout,
      ...(config.ownerPid !== undefined ? { ownerPid: config.ownerPid } : {}),
      activeRequests: activeRequests - 1,
      lane: dispatcher.laneStatus(),
      memory: memoryFigures(),
      browser: browserStatus(browser),
      // What the browser is (or will be) launched with, or attached to; a CLI given other launch flags compares.
      launch: {
        headless: browser.plan?.headless ?? config.headless,
        executablePath: browser.plan?.executablePath ?? config.executablePath ?? null,
        extensions: browser.plan?.extensions ?? config.extensions,
        remote: browser.remote ? { kind: browser.remote.kind, endpoint: redactEndpoint(browser.remote.url) } : null,
      },
      stream: stream ? { enabled: true, ...stream.describe() } : { enabled: false, ...(streamError ? { error: streamError } : {}) },
      plugins: host.plugins.map((plugin) => ({
        name: plugin.name,
        version: plugin.version,
        builtin: plugin.builtin,
        source: plugin.source,
        actions: plugin.actions,
      })),
      logPath: endpoint.logPath,
    }),
  };

  try {
    await assemblePlugins(host, control, loaded);
  } catch (error) {
    lock.release();
    throw new StartupError('PLUGIN_FAILED', (error as Error).message);
  }

  const dispatcher = new Dispatcher({
    host,
    browser,
    config,
    log,
    onActivity: (delta) => {
      activeRequests += delta;
      armIdleTimer();
    },
  });
  const token = endpoint.transport === 'tcp' && config.tcpAuth === 'token' ? (await import('node:crypto')).randomBytes(24).toString('hex') : null;
  server = new NdjsonServer({
    handle: (request, clientGone) => dispatcher.handle(request, clientGone),
    token,
    tokenPath: endpoint.tokenPath,
    onConnectionError: (error) => log.debug(`connection error: ${error.message}`),
  });

  writePrivateFile(endpoint.pidPath, String(process.pid));
  writePrivateFile(endpoint.versionPath, VERSION);
  if (token) writePrivateFile(endpoint.tokenPath, token);
  try {
    address = await listen(server, endpoint, log);
  } catch (error) {
    removeFiles(sessionFiles(endpoint));
    lock.release();
    throw new StartupError(
      'LISTEN_FAILED',
      `Could not listen at ${endpoint.transport === 'unix' ? endpoint.socketPath : `127.0.0.1:${endpoint.hashPort}`}: ${(error as Error).message}`,
    );
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal, 0));
  }
  process.on('uncaughtException', (error) => log.error('uncaught exception (still serving)', error));
  process.on('unhandledRejection', (error) => log.error('unhandled rejection (still serving)', error));
  if (config.streamPort > 0) {
    // A live view asked for at start (oqto's backend sets the port) that cannot listen fails the
    // start: a daemon without it would let the viewer dial whatever program holds that port.
    try {
      await streamControl.enable(config.streamPort);
    } catch (error) {
      await server?.close().catch(() => undefined);
      removeFiles(sessionFiles(endpoint));
      lock.release();
      const why = (error as Error).message.split('. Choose')[0];
      throw new StartupError(
        'STREAM_PORT_UNAVAILABLE',
        `${why}. The daemon did not start, so no viewer dials that program. Free the port, or set AGENT_BROWSER_STREAM_PORT (streamPort) to another one; 0 turns the live view off.`,
      );
    }
  }
  lock.release();
  armIdleTimer();
  if (config.ownerPid !== undefined) watchOwner(config.ownerPid, (reason) => void shutdown(reason, 0));
  log.info(`agent-browser ${VERSION} daemon for session "${config.session}" listening at ${address} (pid ${process.pid})`);
  await report({ type: 'ready', pid: process.pid, transport: endpoint.transport, address });
  if (process.connected) process.disconnect();
  // The first request after ready (usually the spawning CLI's) is read before loading
  // playwright-core blocks the event loop; a request that needs the browser sooner loads it itself.
  setTimeout(() => void loadPlaywright().catch((error: Error) => log.warn(`loading playwright-core failed: ${error.message}`)), PRELOAD_DELAY_MS).unref();
}
