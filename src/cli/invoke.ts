// Sending one request to the session's daemon and printing its answer, without oclif: the oclif
// commands and the fast path (src/cli/fast.ts) share this module, so both behave the same.
import { connectOrStart, type DaemonSettings, type VersionSkew } from '../client/ensure.js';
import type { ConfigFlags, LoadedConfig } from '../config/index.js';
import type { WireResponse } from '../protocol/envelope.js';
import type { DaemonConnection } from '../transport/client.js';
import { CLI_FLAGS_ENV } from '../transport/startup.js';
import { renderChanges, type PageChanges } from '../protocol/changes.js';
import { clientDeadline } from '../protocol/deadlines.js';
import { colorEnabled, formatData, formatDialogs, formatPluginData, painter } from './output.js';
import { Progress } from './progress.js';

/** The command's name as users type it (package.json `oclif.bin`). */
export const BIN = 'agent-browser';

/** A failure the CLI reports as `✗ message` (or JSON) and exit code 1. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Errors whose message is written for users and printed as is. */
export function isKnownFailure(error: Error): boolean {
  return error instanceof CliFailure || ['ClientError', 'ConnectionError', 'ConfigError', 'ActionError'].includes(error.name);
}

/** The global flags as the CLI parses them (see `globalFlags` in base.ts). */
export interface GlobalFlagValues {
  session?: string;
  json?: boolean;
  headed?: boolean;
  'executable-path'?: string;
  extension?: string[];
  config?: string;
  debug?: boolean;
  'owner-pid'?: number;
  cdp?: string;
  'ws-endpoint'?: string;
  changes?: boolean;
}

/** `--changes` given to a command that sends no page action of its own: refused, not ignored. */
export function changesFlagRefused(command: string): CliFailure {
  return new CliFailure(
    `--changes reports what one page action changed, and '${BIN} ${command}' sends none of its own. Drop --changes (run the page action by itself with it, or 'snapshot --diff' afterwards for what changed).`,
    'INVALID_ARGUMENTS',
  );
}

/** The request with `"changes": true` when `--changes` was given (a report of what the action changed). */
export function withChangesFlag<R extends Record<string, unknown>>(request: R, globals: GlobalFlagValues): R {
  return globals.changes ? { ...request, changes: true } : request;
}

/** The config-relevant flags a command was given (undefined = not given). */
export function configFlagsFrom(g: GlobalFlagValues): ConfigFlags {
  return {
    session: g.session,
    headed: g.headed || undefined,
    executablePath: g['executable-path'],
    wsEndpoint: g['ws-endpoint'],
    extensions: g.extension,
    config: g.config,
    debug: g.debug || undefined,
    ownerPid: g['owner-pid'],
  };
}

/** Where the session's daemon is, and the environment a daemon started from here gets. */
export function daemonSettingsFor(loaded: LoadedConfig, flags: ConfigFlags): DaemonSettings {
  const { config } = loaded;
  return {
    session: config.session,
    transport: config.transport,
    socketDir: config.socketDir,
    // Longer than a plugin's apply may take, so the daemon's own refusal naming the plugin comes first.
    startTimeoutMs: Math.max(15_000, config.pluginTimeout + 5_000),
    daemonEnv: {
      // The daemon inherits this environment and reads the same config file; flags travel as
      // flags, so its messages say "flag --executable-path" rather than an environment variable.
      AGENT_BROWSER_CONFIG: loaded.filepath,
      [CLI_FLAGS_ENV]: JSON.stringify({ ...flags, config: undefined }),
    },
  };
}

/**
 * How long the client waits for an answer: at least as long as the daemon may take to answer it
 * (the action's own timeout or the configured one, its grace, and the browser's launch when the
 * action may need one), plus slack.
 */
export function answerDeadline(loaded: LoadedConfig, request: Record<string, unknown>): number {
  const ownTimeout = typeof request.timeout === 'number' ? request.timeout : 0;
  const action = typeof request.action === 'string' ? request.action : '';
  return clientDeadline(Math.max(loaded.config.timeout, ownTimeout), !WITHOUT_BROWSER.has(action));
}

/** Sends one request on the daemon connection and waits for its answer. */
export type Send = (request: Record<string, unknown>, readTimeoutMs: number) => Promise<WireResponse>;

/** Actions that never launch the browser: no "Launching Chromium…" for them. */
const WITHOUT_BROWSER: ReadonlySet<string> = new Set([
  'status',
  'actions',
  'tab_list',
  'close',
  'cancel',
  'device_list',
  'auth_save',
  'auth_list',
  'auth_show',
  'auth_delete',
  'deny',
]);

/**
 * Connects to the session's daemon (starting it when none runs), reports version skew, and hands
 * the connection to `use`; the connection is closed afterwards. On a terminal (and without
 * `json`) a spinner on stderr says when the daemon starts and when `send` waits for the browser
 * to launch; it is gone before `use`'s answer is printed.
 */
export async function withDaemon<T>(
  settings: DaemonSettings,
  use: (connection: DaemonConnection, started: boolean, send: Send) => Promise<T>,
  options: { json?: boolean } = {},
): Promise<T> {
  const progress = Progress.create(options);
  try {
    const { connection, started, skew } = await connectOrStart(settings, {
      starting: () => progress?.show(`Starting the daemon for session "${settings.session}"…`),
    });
    progress?.clear();
    try {
      if (skew) reportSkew(settings.session, skew);
      const send = progress
        ? sendShowingLaunch(connection, progress, started ? false : undefined)
        : (request: Record<string, unknown>, readTimeoutMs: number) => connection.request(request, readTimeoutMs);
      return await use(connection, started, send);
    } finally {
      connection.close();
    }
  } finally {
    progress?.clear();
  }
}

/**
 * A `send` that shows "Launching Chromium…" while an action waits for the browser to start.
 * Whether it runs is asked with `status`, pipelined before the action on the same connection
 * (answers come in request order), unless already known.
 */
function sendShowingLaunch(connection: DaemonConnection, progress: Progress, browserUp: boolean | undefined): Send {
  return async (request, readTimeoutMs) => {
    if (browserUp === true || typeof request.action !== 'string' || WITHOUT_BROWSER.has(request.action)) return connection.request(request, readTimeoutMs);
    const status = browserUp === undefined ? connection.request({ id: `cli-${process.pid}-progress`, action: 'status' }, 10_000).catch(() => null) : null;
    const answer = connection.request(request, readTimeoutMs);
    answer.catch(() => undefined); // awaited below, after the status
    if (status) {
      const state = await status;
      browserUp = state?.success ? (state.data as { browser?: { launched?: boolean } }).browser?.launched !== false : true;
    }
    if (browserUp === false) progress.show('Launching Chromium…');
    try {
      const response = await answer;
      browserUp = response.success ? true : undefined;
      return response;
    } finally {
      progress.clear();
    }
  };
}

function reportSkew(session: string, skew: VersionSkew): void {
  const paint = painter(colorEnabled(process.stderr));
  const message = skew.restarted
    ? `${paint.yellow('↻')} The daemon for session "${session}" ran agent-browser ${skew.daemon}; it had no browser open, so it was restarted on ${skew.client}.`
    : `${paint.yellow('⚠')} The daemon for session "${session}" runs agent-browser ${skew.daemon}, this CLI is ${skew.client}. It keeps running because its browser holds your pages; run '${BIN} --session ${session} close' to restart it on ${skew.client}.`;
  process.stderr.write(`${message}\n`);
}

/** Sends one request to the session's daemon if one runs (never starts one); null when none runs. */
export async function sendIfRunning(settings: DaemonSettings, request: Record<string, unknown>, timeoutMs = 30_000): Promise<WireResponse | null> {
  const [{ endpointFor }, { openDaemon }, { runningEndpoint }] = await Promise.all([
    import('../client/ensure.js'),
    import('../transport/client.js'),
    import('../transport/session-files.js'),
  ]);
  const endpoint = await runningEndpoint(endpointFor(settings));
  if (!endpoint) return null;
  const connection = await openDaemon(endpoint);
  try {
    return await connection.request(request, timeoutMs);
  } finally {
    connection.close();
  }
}

/** How `renderResponse` prints data that matches none of the reference's output rules. */
export type FallbackOutput = 'done' | 'json';

/** The `--json` form of an answer: `{success, data, error}` (plus `code` on failure). */
export function jsonAnswer(response: WireResponse): Record<string, unknown> {
  return response.success ? { success: true, data: response.data, error: null } : { success: false, data: null, error: response.error, code: response.code };
}

/** Prints a daemon response the way the reference CLI does; exit code 1 on failure. */
export function renderResponse(response: WireResponse, options: { json?: boolean; action?: string; fallback?: FallbackOutput } = {}): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(jsonAnswer(response))}\n`);
  } else if (response.success) {
    const { changes, ...rest } = (response.data ?? {}) as Record<string, unknown>;
    const data = response.data === null || response.data === undefined ? null : rest;
    if (data && typeof data.warning === 'string') process.stderr.write(`${painter(colorEnabled(process.stderr)).yellow('⚠')} ${data.warning}\n`);
    for (const line of formatDialogs(data?.dialogs, painter(colorEnabled(process.stderr)))) process.stderr.write(`${line}\n`);
    const action = options.action;
    process.stdout.write(
      `${action?.includes(':') ? formatPluginData(data, response.print) : formatData(data, painter(colorEnabled(process.stdout)), { fallback: options.fallback ?? 'done', action })}\n`,
    );
    if (changes && typeof changes === 'object') process.stdout.write(`${renderChanges(changes as PageChanges)}\n`);
  } else {
    process.stderr.write(`${painter(colorEnabled(process.stderr)).red('✗')} ${response.error}\n`);
  }
  if (!response.success) process.exitCode = 1;
}

/** Prints a failure that is not a daemon answer (`✗ message`, or JSON with `--json`); exit code 1. */
export function printFailure(message: string, options: { json?: boolean; code?: string } = {}): void {
  if (options.json)
    process.stdout.write(`${JSON.stringify({ success: false, data: null, error: message, ...(options.code ? { code: options.code } : {}) })}\n`);
  else process.stderr.write(`${painter(colorEnabled(process.stderr)).red('✗')} ${message}\n`);
  process.exitCode = 1;
}
