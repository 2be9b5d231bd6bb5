// `agent-browser doctor`: checks what a session needs, as the daemon would find it, without
// starting a daemon or loading playwright-core in this process. Each check says what it found
// and, for a problem, what to do.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { daemonEnvironment, endpointFor } from '../client/ensure.js';
import type { PluginCheckMessage, PluginVerdict } from '../daemon/check-plugins.js';
import { sessionNamesIn } from '../client/status.js';
import { BrowserNotFoundError, findBrowser, installAdvice, QUIET_CHROMIUM_ARGS } from '../config/browser.js';
import { CONFIG_KEYS, defaultConfig, renderSource, type ConfigFlags, type LoadedConfig } from '../config/index.js';
import { findConfigFile, type ConfigFileFinder } from '../config/load.js';
import { openDaemon } from '../transport/client.js';
import { sessionEndpoint, socketPathLimit, socketPathProblem, type SessionEndpoint } from '../transport/endpoints.js';
import { openToOtherUsers, processAlive, readPid, readSessionFile, removeFiles, sessionFiles, somethingListens } from '../transport/session-files.js';
import { VERSION } from '../version.js';
import { BIN, daemonSettingsFor } from './invoke.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of the report: what was checked, what was found, and for a problem what to do. */
export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  message: string;
  fix?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  /** Files `--fix` removed. */
  removed: string[];
}

export interface DoctorOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  flags: ConfigFlags;
  /** Remove the files of dead daemons. */
  fix: boolean;
}

const MIN_NODE_MAJOR = 20;
/** How long the browser gets to print its version, and a daemon to answer `status`. */
const BROWSER_VERSION_TIMEOUT_MS = 15_000;
const STATUS_TIMEOUT_MS = 5000;
/** The files a daemon keeps beside its log; any of them names a session. */
const SESSION_FILE_EXTENSIONS = ['sock', 'pid', 'port', 'stream', 'token', 'version', 'lock'];

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [nodeCheck()];
  const { loaded, check: configCheck } = await configInEffect(options);
  // The plugins load in a child process while the browser tells its version.
  const [plugins, browser] = await Promise.all([pluginChecks(loaded, configCheck.status === 'ok', options), browserCheck(loaded, options.env)]);
  checks.push(configCheck, ...configProblems(loaded), ...plugins, browser);
  const endpoint = endpointFor({ session: loaded.config.session, transport: loaded.config.transport, socketDir: loaded.config.socketDir });
  checks.push(socketFolderCheck(endpoint, loaded), addressCheck(endpoint, loaded));
  const sessions = await sessionChecks(endpoint, options.fix);
  checks.push(...sessions.checks, ...networkChecks(loaded, options.env));
  return { checks, removed: sessions.removed };
}

function nodeCheck(): DoctorCheck {
  const version = process.versions.node;
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return { name: 'node', status: 'ok', message: `Node.js ${version} (agent-browser needs ${MIN_NODE_MAJOR} or newer)` };
  return {
    name: 'node',
    status: 'fail',
    message: `Node.js ${version} is too old: agent-browser needs ${MIN_NODE_MAJOR} or newer`,
    fix: `Install Node.js ${MIN_NODE_MAJOR} or newer (https://nodejs.org, or your version manager: nvm install ${MIN_NODE_MAJOR})`,
  };
}

// ---------------------------------------------------------------------------------------------
// configuration

/**
 * The configuration the daemon would run with. When the file has problems, the other checks go
 * on with its valid keys (and without the file when it does not even parse).
 */
async function configInEffect(options: DoctorOptions): Promise<{ loaded: LoadedConfig; check: DoctorCheck }> {
  const { loadConfig } = await import('../config/index.js');
  const base = { cwd: options.cwd, env: options.env, flags: options.flags };
  try {
    const loaded = await loadConfig(base);
    const fromFile = Object.values(loaded.sources).filter((source) => source.kind === 'file').length;
    const where = loaded.filepath
      ? `${loaded.filepath} (${fromFile} key${fromFile === 1 ? '' : 's'} set there)`
      : `no file found (searched upward from ${options.cwd}); defaults, environment and flags`;
    return { loaded, check: { name: 'config', status: 'ok', message: `Config: ${where}` } };
  } catch (error) {
    const problem = error as Error & { problems?: string[]; filepath?: string };
    if (problem.name !== 'ConfigError') throw error;
    const check: DoctorCheck = {
      name: 'config',
      status: 'fail',
      message: `Config: ${problem.message.split('\n')[0]!.replace(/:$/, '')}: ${(problem.problems ?? []).join('; ')}`,
      fix: `Fix ${problem.filepath ?? 'the settings named'}; '${BIN} config explain <key>' shows what a key takes. Until then every command stops with this error.`,
    };
    const fallback = (await loadConfig({ ...base, findFile: validKeysOf })
      .catch(() => loadConfig({ ...base, findFile: async () => undefined }))
      .catch(() => null)) ?? {
      config: defaultConfig(),
      sources: Object.fromEntries(CONFIG_KEYS.map((key) => [key, { kind: 'default' }])) as LoadedConfig['sources'],
    };
    return { loaded: fallback, check };
  }
}

/** The config file with only the keys that pass validation on their own. */
const validKeysOf: ConfigFileFinder = async (cwd, env, flags, home) => {
  const { loadConfig } = await import('../config/index.js');
  const file = await findConfigFile(cwd, env, flags, home);
  if (!file || typeof file.contents !== 'object' || file.contents === null) return undefined;
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(file.contents)) {
    const alone = await loadConfig({ cwd, env: {}, flags: {}, findFile: async () => ({ filepath: file.filepath, contents: { [key]: value } }) }).then(
      () => true,
      () => false,
    );
    if (alone) valid[key] = value;
  }
  return { filepath: file.filepath, contents: valid };
};

/** Settings that load but will not work: missing extension folders, TCP without a secret. */
function configProblems(loaded: LoadedConfig): DoctorCheck[] {
  const { config, sources } = loaded;
  const checks: DoctorCheck[] = [];
  const missingExtensions = config.extensions.filter((folder) => !fs.existsSync(path.join(folder, 'manifest.json')));
  if (missingExtensions.length > 0) {
    checks.push({
      name: 'extensions',
      status: 'fail',
      message: `Extensions: no manifest.json in ${missingExtensions.join(', ')}`,
      fix: `Point "extensions" (${renderSource(sources.extensions)}) at unpacked extension folders (each holds a manifest.json)`,
    });
  }
  if (config.transport === 'tcp' && config.tcpAuth === 'none') {
    checks.push({
      name: 'tcp-auth',
      status: 'warn',
      message: 'TCP without a secret (tcpAuth: none): any local process can drive the browser and read its pages',
      fix: `Keep tcpAuth "token" (${renderSource(sources.tcpAuth)}) unless a legacy client that cannot send the token needs it`,
    });
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// plugins

/** The plugin check's entry, run as a child: loading plugins loads the hook host, zod and the contracts, which this process never does. */
const PLUGIN_CHECK_ENTRY = fileURLToPath(new URL('../daemon/check-plugins.js', import.meta.url));
/** How long the plugin check may take, unless the daemon's own start is given longer. */
const PLUGIN_CHECK_TIMEOUT_MS = 20_000;

interface PluginCheckRun {
  /** The verdicts so far: each plugin's as it was applied, then all of them with their actions. */
  verdicts: PluginVerdict[];
  done?: Extract<PluginCheckMessage, { type: 'done' }>;
  /** The entry being loaded when the check was given up on or ended without a report. */
  loading?: string;
  /** Why it ended without reporting: the time limit, its exit, or that it could not start. */
  ended?: { timeoutMs: number } | { code: number | null; signal: NodeJS.Signals | null } | { spawnError: string };
  /** The end of what it printed (plugins' own output and a crash's stack). */
  output: string;
}

/** Runs the plugin check with the environment and working folder a daemon started from here would get. */
function runPluginCheck(loaded: LoadedConfig, options: DoctorOptions): Promise<PluginCheckRun> {
  const settings = daemonSettingsFor(loaded, options.flags);
  const env = daemonEnvironment(settings, options.env);
  const timeoutMs = Math.max(PLUGIN_CHECK_TIMEOUT_MS, settings.startTimeoutMs ?? 0);
  const run: PluginCheckRun = { verdicts: [], output: '' };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PLUGIN_CHECK_ENTRY], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], windowsHide: true });
    const keep = (chunk: Buffer) => (run.output = (run.output + chunk.toString('utf8')).slice(-2000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const timer = setTimeout(() => {
      run.ended = { timeoutMs };
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message: PluginCheckMessage) => {
      if (message.type === 'loading') run.loading = message.spec;
      else if (message.type === 'loaded') {
        run.verdicts.push(message.verdict);
        run.loading = undefined;
      } else run.done = message;
    });
    child.on('error', (error) => {
      run.ended ??= { spawnError: `${process.execPath} ${PLUGIN_CHECK_ENTRY}: ${error.message}` };
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!run.done) run.ended ??= { code, signal };
      resolve(run);
    });
  });
}

function describeEnd(ended: NonNullable<PluginCheckRun['ended']>): string {
  if ('timeoutMs' in ended) return `not finished after ${ended.timeoutMs / 1000} s`;
  if ('spawnError' in ended) return `it could not be started: ${ended.spawnError}`;
  return ended.signal ? `killed by ${ended.signal}` : `exit code ${ended.code}`;
}

/**
 * One line per configured plugin, loaded as the daemon loads it (built-ins first, then each in
 * order, then registerActions and afterPlugins) but without a browser: what it adds, or the error
 * the daemon's start would stop with. When the config does not load, the daemon stops there first.
 */
async function pluginChecks(loaded: LoadedConfig, configLoads: boolean, options: DoctorOptions): Promise<DoctorCheck[]> {
  const { config, sources } = loaded;
  const from = renderSource(sources.plugins);
  if (!configLoads) {
    const missing = config.plugins.filter((plugin) => path.isAbsolute(plugin.resolved) && !fs.existsSync(plugin.resolved));
    if (missing.length > 0) {
      return [
        {
          name: 'plugins',
          status: 'fail',
          message: `Plugins: ${missing.map((plugin) => `"${plugin.spec}" (${plugin.resolved})`).join(', ')} not found; the daemon will not start`,
          fix: `Fix the path in "plugins" (${from}); relative paths resolve from the config file's folder`,
        },
      ];
    }
    if (config.plugins.length === 0) return [];
    return [
      {
        name: 'plugins',
        status: 'warn',
        message: `Plugins: ${config.plugins.map((plugin) => `"${plugin.spec}"`).join(', ')} not loaded: the daemon stops at the config's problem before it loads them`,
        fix: `Fix the config, then run '${BIN} doctor' again`,
      },
    ];
  }
  if (config.plugins.length === 0) return [{ name: 'plugins', status: 'ok', message: 'Plugins: none configured' }];

  const run = await runPluginCheck(loaded, options);
  const until = 'until it loads, no daemon starts';
  const checks = (run.done?.plugins ?? run.verdicts).map((verdict): DoctorCheck => {
    const name = `plugin ${verdict.spec}`;
    if (verdict.error)
      return {
        name,
        status: 'fail',
        message: `Plugins: ${verdict.error}`,
        fix: `Fix the plugin or its entry in "plugins" (${from}), or remove "${verdict.spec}" from there; ${until}`,
      };
    const what = `"${verdict.name}"${verdict.version ? ` ${verdict.version}` : ''} from ${verdict.source}`;
    const adds = verdict.actions
      ? verdict.actions.length > 0
        ? `adds ${verdict.actions.join(', ')}`
        : 'adds no actions'
      : 'its actions are not known: registering them did not finish';
    return { name, status: 'ok', message: `Plugins: ${what} loads; ${adds}` };
  });
  if (run.done?.problem) checks.push({ name: 'plugins', status: 'fail', message: `Plugins: ${run.done.problem}`, fix: `Fix what it names; ${until}` });
  if (run.done) return checks;

  // Given up on, or ended without a report: name the plugin it was loading, and those it did not reach.
  const ended = run.ended!;
  const printed = run.output.trim() ? `; it printed: ${run.output.trim()}` : '';
  const stuck = run.loading === undefined ? undefined : config.plugins[run.verdicts.length];
  if (stuck) {
    const what = `"${stuck.spec}"${stuck.resolved === stuck.spec ? '' : ` (${stuck.resolved})`}`;
    const fix = `Fix the plugin so it finishes loading, or remove "${stuck.spec}" from "plugins" (${from}); ${until}`;
    let message: string;
    if ('timeoutMs' in ended)
      message = `${what} was still loading after ${ended.timeoutMs / 1000} s: its import or its apply never finished (a busy loop, or a wait no time limit in its process can end), and the daemon's start would hang on it too`;
    else if ('code' in ended && ended.code === 0)
      // Node ends a process whose every remaining task awaits a promise nothing can settle, with code 0 and no error.
      message = `loading ${what} ended its process without an error: it awaits, at its top level or in apply, a promise nothing can settle, and the daemon's start would end the same way`;
    else message = `loading ${what} ended its process (${describeEnd(ended)})${printed}`;
    checks.push({ name: `plugin ${stuck.spec}`, status: 'fail', message: `Plugins: ${message}`, fix });
  } else {
    checks.push({
      name: 'plugins',
      status: 'fail',
      message: `Plugins: the check ended before it could report (${describeEnd(ended)})${printed}`,
      fix: `'${BIN} daemon start --foreground --debug' shows the daemon's start as it happens`,
    });
  }
  for (const skipped of config.plugins.slice(run.verdicts.length + (stuck ? 1 : 0))) {
    checks.push({ name: `plugin ${skipped.spec}`, status: 'warn', message: `Plugins: "${skipped.spec}" not checked: the check stopped before it` });
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// browser

/** Where Playwright keeps downloaded browsers, when that can be told without loading it. */
function playwrightBrowsersFolder(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.PLAYWRIGHT_BROWSERS_PATH;
  if (configured === '0') return undefined; // inside node_modules/playwright-core: ask it
  if (configured) return configured;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'ms-playwright');
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'ms-playwright') : undefined;
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ms-playwright');
}

/**
 * The path playwright-core's `chromium.executablePath()` gives, asked in a child process so this
 * one never loads it; only when a Playwright Chromium may be installed at all.
 */
async function playwrightChromiumPath(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const folder = playwrightBrowsersFolder(env);
  if (folder !== undefined) {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      return undefined;
    }
    if (!names.some((name) => name.startsWith('chromium'))) return undefined;
  }
  const script = "const r = require('node:module').createRequire(process.argv[1]); process.stdout.write(r('playwright-core').chromium.executablePath())";
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script, fileURLToPath(import.meta.url)], { timeout: 30_000, env }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/**
 * Chrome on Windows does not answer `--version` (it opens a window instead, crbug.com/158372);
 * its installer puts the version's folder beside chrome.exe, which names it.
 */
export function windowsInstallVersion(executable: string): string | undefined {
  const folder = path.win32.dirname(executable);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return undefined;
  }
  const versions = names.filter((name) => /^\d+\.\d+\.\d+\.\d+$/.test(name));
  return versions.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))[0];
}

/** Runs `<browser> --version`: its answer, or why it did not give one. */
function browserVersion(executable: string): Promise<{ version: string } | { problem: string }> {
  if (process.platform === 'win32') {
    const installed = windowsInstallVersion(executable);
    return Promise.resolve(installed ? { version: `version ${installed}` } : { problem: `no version folder beside ${executable}` });
  }
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: BROWSER_VERSION_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
      const version = stdout.trim().split('\n')[0]?.trim();
      if (!error && version) return resolve({ version });
      const killed = error && (error as { killed?: boolean }).killed;
      const detail = killed
        ? `gave no answer within ${BROWSER_VERSION_TIMEOUT_MS / 1000} s`
        : `failed: ${(stderr.trim().split('\n')[0] || error?.message || 'no output').trim()}`;
      resolve({ problem: `\`${executable} --version\` ${detail}` });
    });
  });
}

/** The check for a browser discovery found none of: what was looked for, and the product's install advice. */
export function browserNotFound(error: BrowserNotFoundError, explicit: boolean, platform: NodeJS.Platform = process.platform): DoctorCheck {
  if (explicit) {
    const [what, ...fix] = error.message.split('\n');
    return { name: 'browser', status: 'fail', message: `Browser: ${what}`, fix: fix.join(' ') };
  }
  return {
    name: 'browser',
    status: 'fail',
    message: `Browser: no Chrome or Chromium found. Looked for: ${error.tried.join(', ')}.`,
    fix: installAdvice(platform).join('; or '),
  };
}

async function browserCheck(loaded: LoadedConfig, env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  const { config, sources } = loaded;
  const explicit = config.executablePath ? { path: config.executablePath, from: renderSource(sources.executablePath) } : undefined;
  let found;
  try {
    found = findBrowser({ explicit, playwrightPath: explicit ? undefined : await playwrightChromiumPath(env), env });
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    return browserNotFound(error, explicit !== undefined);
  }
  const ran = await browserVersion(found.path);
  if ('problem' in ran) {
    return {
      name: 'browser',
      status: 'fail',
      message: `Browser: ${found.path} (${found.source}) does not run: ${ran.problem}`,
      fix: `Run \`${found.path} --version\` to see why (missing libraries are the usual reason), or point agent-browser at another browser with --executable-path, AGENT_BROWSER_EXECUTABLE_PATH or "executablePath" in .agentbrowserrc`,
    };
  }
  // On Windows the version comes from the install folder: the browser was found, not run.
  const runs = process.platform === 'win32' ? '' : '; it runs';
  return { name: 'browser', status: 'ok', message: `Browser: ${ran.version} at ${found.path} (${found.source})${runs}` };
}

// ---------------------------------------------------------------------------------------------
// where the session files live

function socketFolderCheck(endpoint: SessionEndpoint, loaded: LoadedConfig): DoctorCheck {
  const dir = endpoint.dir;
  const from = endpoint.customDir ? renderSource(loaded.sources.socketDir) : 'the system temp folder';
  let info: fs.Stats;
  try {
    info = fs.statSync(dir);
  } catch {
    return { name: 'socket-folder', status: 'ok', message: `Socket folder: ${dir} (${from}) does not exist yet; the first daemon creates it with mode 0700` };
  }
  if (!info.isDirectory())
    return {
      name: 'socket-folder',
      status: 'fail',
      message: `Socket folder: ${dir} (${from}) is not a folder`,
      fix: `Remove or rename ${dir}, or choose another folder for AGENT_BROWSER_SOCKET_DIR / "socketDir"`,
    };
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return {
      name: 'socket-folder',
      status: 'fail',
      message: `Socket folder: ${dir} (${from}) is not writable by you; no daemon can start`,
      fix: `Make it yours (chown ${os.userInfo().username} ${dir}) or choose another folder with AGENT_BROWSER_SOCKET_DIR`,
    };
  }
  const mode = info.mode & 0o777;
  const octal = mode.toString(8).padStart(4, '0');
  if (endpoint.customDir && openToOtherUsers(mode)) {
    return {
      name: 'socket-folder',
      status: 'warn',
      message: `Socket folder: ${dir} (${from}) is mode ${octal}: other users can see the session files (the sockets themselves stay 0600)`,
      fix: `chmod 700 ${dir}`,
    };
  }
  return { name: 'socket-folder', status: 'ok', message: `Socket folder: ${dir} (${from}), writable${endpoint.customDir ? `, mode ${octal}` : ''}` };
}

function addressCheck(endpoint: SessionEndpoint, loaded: LoadedConfig): DoctorCheck {
  const session = `session "${endpoint.session}"`;
  if (endpoint.transport === 'tcp') {
    const port = readSessionFile(endpoint.portPath) ?? `${endpoint.hashPort} (the session's hash port, or an OS-assigned one if it is taken)`;
    return {
      name: 'address',
      status: 'ok',
      message: `Address: TCP 127.0.0.1:${port} for ${session} (${renderSource(loaded.sources.transport)}); clients send the secret from ${endpoint.tokenPath}`,
    };
  }
  const problem = socketPathProblem(endpoint.socketPath);
  if (problem) {
    const [what, ...fix] = problem.split('. ');
    return { name: 'address', status: 'fail', message: `Socket path: ${what}`, fix: fix.join('. ') };
  }
  return {
    name: 'address',
    status: 'ok',
    message: `Socket path: ${endpoint.socketPath} for ${session}, ${Buffer.byteLength(endpoint.socketPath) + 1} of ${socketPathLimit()} bytes`,
  };
}

// ---------------------------------------------------------------------------------------------
// sessions

/** A session's endpoint in the same folder, on the transport its files show (a socket, or a port file). */
function endpointOf(session: string, probe: SessionEndpoint): SessionEndpoint {
  const endpoint = sessionEndpoint({ session, transport: probe.transport, socketDir: probe.customDir ? probe.dir : undefined, tmpdir: probe.dir });
  const transport = fs.existsSync(endpoint.socketPath) ? 'unix' : fs.existsSync(endpoint.portPath) ? 'tcp' : probe.transport;
  return { ...endpoint, transport };
}

/** The session's files a dead daemon left: its sidecar files, and a start-up lock whose holder is gone. */
function leftovers(endpoint: SessionEndpoint): string[] {
  const files = [...new Set([endpoint.socketPath, ...sessionFiles(endpoint)])].filter((file) => fs.existsSync(file));
  const lockHolder = Number(readSessionFile(endpoint.lockPath));
  if (fs.existsSync(endpoint.lockPath) && !(Number.isInteger(lockHolder) && lockHolder > 0 && processAlive(lockHolder))) files.push(endpoint.lockPath);
  return files;
}

async function askStatus(endpoint: SessionEndpoint): Promise<Record<string, unknown> | string> {
  try {
    const connection = await openDaemon(endpoint);
    try {
      const answer = await connection.request({ id: `doctor-${process.pid}`, action: 'status' }, STATUS_TIMEOUT_MS);
      return answer.success ? (answer.data as Record<string, unknown>) : String(answer.error);
    } finally {
      connection.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

async function sessionCheck(endpoint: SessionEndpoint, fix: boolean, removed: string[]): Promise<DoctorCheck> {
  const name = `session ${endpoint.session}`;
  const label = `Session "${endpoint.session}"`;
  const pid = readPid(endpoint);
  const close = `${BIN} --session ${endpoint.session} close`;
  if (await somethingListens(endpoint, 1000)) {
    const status = await askStatus(endpoint);
    if (typeof status === 'string') {
      return {
        name,
        status: 'fail',
        message: `${label}: something listens${pid ? ` (pid ${pid})` : ''} but does not answer status: ${status}`,
        fix: `See its log (${endpoint.logPath}); if it stays stuck, stop it: ${pid ? `kill ${pid}` : close}`,
      };
    }
    const browser = status.browser as { launched?: boolean; tabs?: number } | undefined;
    const what = `daemon pid ${String(status.pid)}, agent-browser ${String(status.version)}, answers status; ${browser?.launched ? `browser running (${browser.tabs} tab${browser.tabs === 1 ? '' : 's'})` : 'no browser yet'}`;
    if (status.version !== VERSION)
      return { name, status: 'warn', message: `${label}: ${what}, but this CLI is ${VERSION}`, fix: `${close}; the next command starts it on ${VERSION}` };
    return { name, status: 'ok', message: `${label}: ${what}` };
  }
  if (pid !== null && processAlive(pid)) {
    return {
      name,
      status: 'warn',
      message: `${label}: pid ${pid} is alive but nothing answers at ${endpoint.transport === 'unix' ? endpoint.socketPath : '127.0.0.1'} (starting up, or stuck)`,
      fix: `Run doctor again in a moment; if it persists: kill ${pid} (its log: ${endpoint.logPath})`,
    };
  }
  const files = leftovers(endpoint);
  if (files.length === 0) return { name, status: 'ok', message: `${label}: not running, nothing left behind` };
  const gone = pid !== null ? ` (pid ${pid} is gone)` : '';
  const names = files.map((file) => path.basename(file)).join(', ');
  if (fix) {
    // Looked at again right before removing: a daemon may have started for this session since.
    if ((await somethingListens(endpoint, 1000)) || (readPid(endpoint) !== null && processAlive(readPid(endpoint)!))) {
      return { name, status: 'ok', message: `${label}: a daemon started while doctor ran; nothing removed` };
    }
    removeFiles(files);
    removed.push(...files);
    return { name, status: 'ok', message: `${label}: removed ${names}, left by a dead daemon${gone}` };
  }
  return {
    name,
    status: 'warn',
    message: `${label}: files of a dead daemon${gone}: ${names}`,
    fix: `${BIN} doctor --fix removes them (the next command for this session does too)`,
  };
}

/** Whether every file the session has in the folder is this user's (another user's sessions are not ours to judge or clean). */
function ownedByMe(endpoint: SessionEndpoint): boolean {
  if (typeof process.getuid !== 'function') return true;
  const me = process.getuid();
  return [endpoint.socketPath, endpoint.pidPath, endpoint.portPath, endpoint.lockPath].every((file) => {
    try {
      return fs.lstatSync(file).uid === me;
    } catch {
      return true;
    }
  });
}

async function sessionChecks(probe: SessionEndpoint, fix: boolean): Promise<{ checks: DoctorCheck[]; removed: string[] }> {
  const endpoints = sessionNamesIn(probe.dir, probe.customDir, SESSION_FILE_EXTENSIONS)
    .map((session) => endpointOf(session, probe))
    .filter(ownedByMe);
  const removed: string[] = [];
  if (endpoints.length === 0) return { checks: [{ name: 'sessions', status: 'ok', message: `Sessions: none in ${probe.dir}` }], removed };
  const checks: DoctorCheck[] = [];
  for (const endpoint of endpoints) checks.push(await sessionCheck(endpoint, fix, removed));
  return { checks, removed };
}

// ---------------------------------------------------------------------------------------------
// network

/** `--enable-sync` for `--disable-sync`; `--force-first-run` for `--no-first-run`. */
const UNDOES: Record<string, string> = Object.fromEntries(
  QUIET_CHROMIUM_ARGS.flatMap((flag) =>
    flag.startsWith('--disable-') ? [[`--enable-${flag.slice('--disable-'.length)}`, flag]] : [['--force-first-run', flag]],
  ),
);

const PROXY_SWITCHES = ['--proxy-server', '--proxy-pac-url', '--proxy-auto-detect', '--no-proxy-server', '--proxy-bypass-list'];
const PROXY_ENV = ['https_proxy', 'http_proxy', 'all_proxy', 'no_proxy'];

/** A proxy URL with its password hidden. */
function redact(text: string): string {
  return text.replace(/\/\/([^:/@]+):[^@/]*@/g, '//$1:***@');
}

function networkChecks(loaded: LoadedConfig, env: NodeJS.ProcessEnv): DoctorCheck[] {
  const { config, sources } = loaded;
  const argsFrom = renderSource(sources.args);
  const switchOf = (arg: string) => arg.split('=')[0]!;
  const undoing = config.args.filter((arg) => switchOf(arg) in UNDOES);
  const ignoredValues = config.args.filter((arg) => QUIET_CHROMIUM_ARGS.includes(switchOf(arg)) && arg.includes('='));
  const pluginNote = config.plugins.length > 0 ? ' (plugins can still change launch args in beforeLaunch)' : '';
  const checks: DoctorCheck[] = [];
  if (undoing.length > 0) {
    checks.push({
      name: 'network-flags',
      status: 'fail',
      message: `Network flags: "args" (${argsFrom}) has ${undoing.map((arg) => `${arg}, which works against ${UNDOES[switchOf(arg)]}`).join('; ')}`,
      fix: `Remove ${undoing.join(' ')} from "args" (${argsFrom}): agent-browser keeps Chromium from reaching out to the network on its own`,
    });
  } else if (ignoredValues.length > 0) {
    checks.push({
      name: 'network-flags',
      status: 'warn',
      message: `Network flags: ${ignoredValues.join(' ')} in "args" (${argsFrom}) changes nothing: Chromium reads a switch as on whatever its value, and agent-browser passes it anyway`,
      fix: `Remove ${ignoredValues.join(' ')} from "args"`,
    });
  } else {
    checks.push({
      name: 'network-flags',
      status: 'ok',
      message: `Network flags: every launch gets ${QUIET_CHROMIUM_ARGS.join(' ')}; "args" does not undo them${pluginNote}`,
    });
  }
  const proxyArgs = config.args.filter((arg) => PROXY_SWITCHES.includes(switchOf(arg)));
  const proxyEnv = Object.entries(env)
    .filter(([key, value]) => PROXY_ENV.includes(key.toLowerCase()) && value)
    .map(([key, value]) => `${key}=${redact(value!)}`);
  const shown: string[] = [];
  if (proxyArgs.length > 0) shown.push(`${proxyArgs.map(redact).join(' ')} in "args" (${argsFrom})`);
  if (proxyEnv.length > 0)
    shown.push(
      `environment ${proxyEnv.join(' ')}${proxyArgs.length > 0 ? '' : ' (Chromium on Linux uses these unless "args" has --proxy-server or --no-proxy-server)'}`,
    );
  checks.push({ name: 'proxy', status: 'ok', message: `Proxy: ${shown.length > 0 ? shown.join('; ') : 'none set (direct connections)'}` });
  return checks;
}
