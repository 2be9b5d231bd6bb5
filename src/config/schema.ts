/**
 * The one schema: every key's default, validation, environment variable and flag. Hand-written
 * (no zod) so the short-lived CLI process pays nothing for it at startup, and so each problem reads
 * the way a person would write it.
 */
import os from 'node:os';
import path from 'node:path';
import { ACTION_CATEGORIES, isCategorizedAction } from '../protocol/action-categories.js';
import { isWsEndpoint } from '../protocol/remote.js';
import { editDistance } from '../protocol/suggest.js';
import { defaultTransport } from '../transport/endpoints.js';
import { appDir, isLocalSpec, resolvePath } from './paths.js';
import type { AgentBrowserConfig, ConfigFlags, ConfigKey, PluginSpec } from './types.js';

/** Largest delay Node timers honour (2^31 - 1 ms, about 24.8 days); larger ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export const SESSION_NAME = /^[A-Za-z0-9._-]+$/;

export function defaultConfig(platform: NodeJS.Platform = process.platform): AgentBrowserConfig {
  return {
    session: 'default',
    headless: true,
    sharedBrowser: false,
    args: [],
    viewport: { width: 1280, height: 720 },
    timeout: 25_000,
    actionGrace: 150,
    pluginTimeout: 10_000,
    idleTimeout: 1_800_000,
    transport: defaultTransport(platform),
    extensions: [],
    plugins: [],
    tcpAuth: 'token',
    streamPort: 0,
    debug: false,
    dialogs: 'dismiss',
    stateDir: defaultStateDir(),
    confirmActions: [],
    mcpTools: ['core'],
  };
}

/** Where `state save <name>` files go unless configured: ~/.agent-browser/states. */
export function defaultStateDir(home: string = os.homedir()): string {
  return path.join(appDir(home), 'states');
}

/** Where a value is being checked: relative paths resolve from `baseDir`. */
export interface CheckContext {
  baseDir: string;
  home: string;
}

/** Collects problems as `label: message` lines. */
export type Problems = string[];

/** Returned by a check when the value is unusable (the problem has been recorded). */
export const INVALID: unique symbol = Symbol('invalid');
type Checked<T> = T | typeof INVALID;

type Check<K extends ConfigKey> = (value: unknown, label: string, ctx: CheckContext, problems: Problems) => Checked<AgentBrowserConfig[K]>;

/** A short rendering of a value for "got …" in messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---------------------------------------------------------------------------------------------
// checks

function checkBoolean(value: unknown, label: string, _ctx: CheckContext, problems: Problems): Checked<boolean> {
  if (typeof value === 'boolean') return value;
  problems.push(`${label}: expected true or false, got ${show(value)}`);
  return INVALID;
}

function checkEnum<T extends string>(allowed: readonly T[]) {
  return (value: unknown, label: string, _ctx: CheckContext, problems: Problems): Checked<T> => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    const list = allowed.map((a) => `"${a}"`);
    const expected = list.length === 2 ? `${list[0]} or ${list[1]}` : `one of ${list.join(', ')}`;
    problems.push(`${label}: expected ${expected}, got ${show(value)}`);
    return INVALID;
  };
}

function checkPath(value: unknown, label: string, ctx: CheckContext, problems: Problems): Checked<string> {
  if (typeof value === 'string' && value.trim() !== '') return resolvePath(value, ctx.baseDir, ctx.home);
  problems.push(`${label}: expected a non-empty path, got ${show(value)}`);
  return INVALID;
}

function checkMilliseconds(value: unknown, label: string, allowZero: boolean, problems: Problems): Checked<number> {
  const expected = allowZero ? 'expected a number of milliseconds (0 disables)' : 'expected a positive number of milliseconds';
  if (typeof value !== 'number' || Number.isNaN(value)) {
    problems.push(`${label}: ${expected}, got ${show(value)}`);
    return INVALID;
  }
  if (allowZero ? value < 0 : value <= 0) {
    problems.push(`${label}: ${expected}, got ${show(value)}`);
    return INVALID;
  }
  if (value > MAX_TIMER_MS) {
    problems.push(`${label}: must be at most ${MAX_TIMER_MS} ms (about 24.8 days), got ${show(value)}`);
    return INVALID;
  }
  return value;
}

function checkStringList(value: unknown, label: string, problems: Problems): Checked<string[]> {
  if (!Array.isArray(value)) {
    problems.push(`${label}: expected a list of strings, got ${show(value)}`);
    return INVALID;
  }
  let ok = true;
  value.forEach((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') {
      problems.push(`${label}[${i}]: expected a non-empty string, got ${show(item)}`);
      ok = false;
    }
  });
  return ok ? (value as string[]).slice() : INVALID;
}

function parseViewportString(value: string): { width: number; height: number } | undefined {
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(value);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

const VIEWPORT_KEYS = ['width', 'height'] as const;

const CHECKS: { [K in ConfigKey]: Check<K> } = {
  session(value, label, _ctx, problems) {
    if (typeof value !== 'string' || value === '') {
      problems.push(`${label}: expected a non-empty session name, got ${show(value)}`);
      return INVALID;
    }
    if (!SESSION_NAME.test(value)) {
      problems.push(`${label}: session name ${show(value)} may only contain letters, digits, ".", "_" and "-" (it becomes part of file names)`);
      return INVALID;
    }
    return value;
  },
  headless: checkBoolean,
  sharedBrowser: checkBoolean,
  executablePath: checkPath,
  wsEndpoint(value, label, _ctx, problems) {
    if (typeof value === 'string' && isWsEndpoint(value.trim())) return value.trim();
    problems.push(`${label}: expected a Playwright server endpoint starting with ws:// or wss:// (e.g. "ws://127.0.0.1:3000/"), got ${show(value)}`);
    return INVALID;
  },
  args(value, label, _ctx, problems) {
    return checkStringList(value, label, problems);
  },
  viewport(value, label, _ctx, problems) {
    const expected = 'expected "WIDTHxHEIGHT" or { width, height } in whole pixels';
    if (typeof value === 'string') {
      const parsed = parseViewportString(value);
      if (parsed && parsed.width > 0 && parsed.height > 0) return parsed;
      problems.push(`${label}: ${expected}, got ${show(value)}`);
      return INVALID;
    }
    if (!isPlainObject(value)) {
      problems.push(`${label}: ${expected}, got ${show(value)}`);
      return INVALID;
    }
    let ok = true;
    for (const key of Object.keys(value)) {
      if (!(VIEWPORT_KEYS as readonly string[]).includes(key)) {
        problems.push(`${label}.${key}: ${unknownKeyMessage(key, VIEWPORT_KEYS)}`);
        ok = false;
      }
    }
    for (const key of VIEWPORT_KEYS) {
      const n = value[key];
      if (n === undefined) {
        problems.push(`${label}.${key}: missing (a positive whole number of pixels)`);
        ok = false;
      } else if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
        problems.push(`${label}.${key}: expected a positive whole number of pixels, got ${show(n)}`);
        ok = false;
      }
    }
    return ok ? { width: value.width as number, height: value.height as number } : INVALID;
  },
  timeout(value, label, _ctx, problems) {
    return checkMilliseconds(value, label, false, problems);
  },
  idleTimeout(value, label, _ctx, problems) {
    return checkMilliseconds(value, label, true, problems);
  },
  actionGrace(value, label, _ctx, problems) {
    return checkMilliseconds(value, label, true, problems);
  },
  pluginTimeout(value, label, _ctx, problems) {
    return checkMilliseconds(value, label, false, problems);
  },
  transport: checkEnum(['unix', 'tcp'] as const),
  socketDir: checkPath,
  extensions(value, label, ctx, problems) {
    const list = checkStringList(value, label, problems);
    return list === INVALID ? INVALID : list.map((p) => resolvePath(p, ctx.baseDir, ctx.home));
  },
  plugins(value, label, ctx, problems) {
    if (!Array.isArray(value)) {
      problems.push(`${label}: expected a list of plugins, got ${show(value)}`);
      return INVALID;
    }
    const out: PluginSpec[] = [];
    let ok = true;
    value.forEach((entry, i) => {
      let spec: unknown = entry;
      let options: unknown;
      let hasOptions = false;
      if (Array.isArray(entry)) {
        if (entry.length < 1 || entry.length > 2) {
          problems.push(`${label}[${i}]: expected "name" or ["name", options], got a list of ${entry.length} item${entry.length === 1 ? '' : 's'}`);
          ok = false;
          return;
        }
        spec = entry[0];
        if (entry.length === 2) {
          options = entry[1];
          hasOptions = true;
        }
      }
      if (typeof spec !== 'string' || spec.trim() === '') {
        const where = Array.isArray(entry) ? `${label}[${i}][0]` : `${label}[${i}]`;
        problems.push(`${where}: expected a package name or a path ("./my-plugin.js"), or ["name", options], got ${show(spec)}`);
        ok = false;
        return;
      }
      const resolved = isLocalSpec(spec) ? resolvePath(spec, ctx.baseDir, ctx.home) : spec;
      out.push(hasOptions ? { spec, options, resolved } : { spec, resolved });
    });
    return ok ? out : INVALID;
  },
  tcpAuth: checkEnum(['token', 'none'] as const),
  ownerPid(value, label, _ctx, problems) {
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
    problems.push(`${label}: expected a process id (a positive integer), got ${show(value)}`);
    return INVALID;
  },
  streamPort(value, label, _ctx, problems) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535) return value;
    problems.push(`${label}: expected a port number from 0 to 65535 (0 = off), got ${show(value)}`);
    return INVALID;
  },
  debug: checkBoolean,
  dialogs: checkEnum(['accept', 'dismiss'] as const),
  stateDir: checkPath,
  confirmActions(value, label, _ctx, problems) {
    const list = checkStringList(value, label, problems);
    if (list === INVALID) return INVALID;
    const entries = list.map((entry) => entry.trim().toLowerCase());
    let ok = true;
    entries.forEach((entry, i) => {
      if (ACTION_CATEGORIES.includes(entry) || isCategorizedAction(entry) || entry.includes(':')) return;
      const suggestion = suggestKey(entry, ACTION_CATEGORIES);
      problems.push(
        `${label}[${i}]: unknown action category ${show(entry)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; categories: ${ACTION_CATEGORIES.join(', ')}, or an action name (click, myplugin:submit)`,
      );
      ok = false;
    });
    return ok ? [...new Set(entries)] : INVALID;
  },
  mcpTools(value, label, _ctx, problems) {
    // Which names are groups is known once the daemon lists its plugins' actions: `mcp` checks them.
    const list = checkStringList(value, label, problems);
    if (list === INVALID) return INVALID;
    if (list.length === 0) {
      problems.push(`${label}: expected at least one tool group (core, network, …, a plugin's name, or all), got an empty list`);
      return INVALID;
    }
    return [...new Set(list.map((entry) => entry.trim().toLowerCase()))];
  },
};

/** Keys, in the order `config show` and the example file list them. */
export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze(Object.keys(CHECKS) as ConfigKey[]);

export function checkValue<K extends ConfigKey>(key: K, value: unknown, label: string, ctx: CheckContext, problems: Problems): Checked<AgentBrowserConfig[K]> {
  return (CHECKS[key] as Check<K>)(value, label, ctx, problems);
}

// ---------------------------------------------------------------------------------------------
// unknown keys

/** Names people plausibly write for a key, mapped to the hint to show. */
const KEY_HINTS: Record<string, string> = {
  headed: 'did you mean "headless"? "headed: true" is "headless: false"',
  headful: 'did you mean "headless"? "headful: true" is "headless: false"',
  executable: 'did you mean "executablePath"?',
  chromepath: 'did you mean "executablePath"?',
  browserpath: 'did you mean "executablePath"?',
  browserargs: 'did you mean "args"?',
  launchargs: 'did you mean "args"?',
  width: 'did you mean "viewport"? it takes { width, height }',
  height: 'did you mean "viewport"? it takes { width, height }',
  defaulttimeout: 'did you mean "timeout"?',
  idletimeoutms: 'did you mean "idleTimeout"?',
  plugin: 'did you mean "plugins"?',
  extension: 'did you mean "extensions"?',
  socketpath: 'did you mean "socketDir"?',
  statesdir: 'did you mean "stateDir"?',
  statepath: 'did you mean "stateDir"?',
  confirm: 'did you mean "confirmActions"?',
  actionpolicy: 'did you mean "confirmActions"? it lists the action categories that wait for confirm/deny',
  browserwsendpoint: 'did you mean "wsEndpoint"?',
  cdp: 'a Chrome reached over CDP is chosen per session with "agent-browser connect <port|url>" or --cdp; "wsEndpoint" is for Playwright servers',
  cdpport: 'a Chrome reached over CDP is chosen per session with "agent-browser connect <port|url>" or --cdp; "wsEndpoint" is for Playwright servers',
  cdpurl: 'a Chrome reached over CDP is chosen per session with "agent-browser connect <port|url>" or --cdp; "wsEndpoint" is for Playwright servers',
};

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

/** The closest known key to `key`, if any is close enough to be a likely typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const n = normalizeKey(key);
  if (!n) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const c = normalizeKey(candidate);
    if (c === n) return candidate;
    const distance = editDistance(n, c);
    const limit = Math.max(1, Math.min(3, Math.floor(c.length / 3)));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best) return best;
  // 'executable' → 'executablePath', 'idle' → 'idleTimeout'
  return n.length >= 4 ? known.find((candidate) => normalizeKey(candidate).startsWith(n)) : undefined;
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const hint = known === CONFIG_KEYS ? KEY_HINTS[normalizeKey(key)] : undefined;
  if (hint) return `unknown key (${hint})`;
  const suggestion = suggestKey(key, known);
  return suggestion ? `unknown key (did you mean "${suggestion}"?)` : 'unknown key';
}

// ---------------------------------------------------------------------------------------------
// environment

function parseBooleanEnv(raw: string): unknown {
  const v = raw.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return true;
  if (v === '0' || v === 'false' || v === 'no' || v === 'off') return false;
  return raw;
}

function parseNumberEnv(raw: string): unknown {
  const v = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : raw;
}

/**
 * Chromium args: one per line when the value has newlines; otherwise split at commas that start a
 * new flag, so `--disable-features=A,B` survives as one argument.
 */
export function splitArgsEnv(raw: string): string[] {
  const lines = /[\r\n]/.test(raw) ? raw.split(/\r?\n|\r/) : raw.split(/,(?=\s*-)/);
  return lines.map((s) => s.trim()).filter((s) => s !== '');
}

function splitCommaEnv(raw: string): string[] {
  return raw
    .split(/[,\r\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface EnvBinding {
  name: string;
  key: ConfigKey;
  /** Turns the raw string into the value the key's check expects (or leaves it, to be reported). */
  parse: (raw: string) => unknown;
}

export const ENV_BINDINGS: readonly EnvBinding[] = [
  { name: 'AGENT_BROWSER_SESSION', key: 'session', parse: (raw) => raw.trim() },
  {
    name: 'AGENT_BROWSER_HEADED',
    key: 'headless',
    parse: (raw) => {
      const v = parseBooleanEnv(raw);
      return typeof v === 'boolean' ? !v : v;
    },
  },
  { name: 'AGENT_BROWSER_EXECUTABLE_PATH', key: 'executablePath', parse: (raw) => raw.trim() },
  { name: 'AGENT_BROWSER_WS_ENDPOINT', key: 'wsEndpoint', parse: (raw) => raw.trim() },
  { name: 'AGENT_BROWSER_SHARED_BROWSER', key: 'sharedBrowser', parse: parseBooleanEnv },
  { name: 'AGENT_BROWSER_ARGS', key: 'args', parse: splitArgsEnv },
  { name: 'AGENT_BROWSER_VIEWPORT', key: 'viewport', parse: (raw) => raw },
  { name: 'AGENT_BROWSER_DEFAULT_TIMEOUT', key: 'timeout', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_IDLE_TIMEOUT_MS', key: 'idleTimeout', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_ACTION_GRACE', key: 'actionGrace', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_PLUGIN_TIMEOUT', key: 'pluginTimeout', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_OWNER_PID', key: 'ownerPid', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_TRANSPORT', key: 'transport', parse: (raw) => raw.trim().toLowerCase() },
  { name: 'AGENT_BROWSER_SOCKET_DIR', key: 'socketDir', parse: (raw) => raw.trim() },
  { name: 'AGENT_BROWSER_EXTENSIONS', key: 'extensions', parse: splitCommaEnv },
  { name: 'AGENT_BROWSER_TCP_AUTH', key: 'tcpAuth', parse: (raw) => raw.trim().toLowerCase() },
  { name: 'AGENT_BROWSER_STREAM_PORT', key: 'streamPort', parse: parseNumberEnv },
  { name: 'AGENT_BROWSER_DEBUG', key: 'debug', parse: parseBooleanEnv },
  { name: 'AGENT_BROWSER_DIALOGS', key: 'dialogs', parse: (raw) => raw.trim().toLowerCase() },
  { name: 'AGENT_BROWSER_STATE_DIR', key: 'stateDir', parse: (raw) => raw.trim() },
  { name: 'AGENT_BROWSER_CONFIRM_ACTIONS', key: 'confirmActions', parse: splitCommaEnv },
  { name: 'AGENT_BROWSER_MCP_TOOLS', key: 'mcpTools', parse: splitCommaEnv },
];

/** Environment variable naming an explicit config file. */
export const CONFIG_ENV = 'AGENT_BROWSER_CONFIG';

// ---------------------------------------------------------------------------------------------
// flags

export interface FlagBinding {
  flag: keyof ConfigFlags;
  key: ConfigKey;
  /** How the flag is spelled on the command line, given its value. */
  name: (value: unknown) => string;
  map: (value: unknown) => unknown;
}

const same = (v: unknown) => v;

export const FLAG_BINDINGS: readonly FlagBinding[] = [
  { flag: 'session', key: 'session', name: () => '--session', map: same },
  { flag: 'headed', key: 'headless', name: (v) => (v === false ? '--no-headed' : '--headed'), map: (v) => (typeof v === 'boolean' ? !v : v) },
  { flag: 'executablePath', key: 'executablePath', name: () => '--executable-path', map: same },
  { flag: 'wsEndpoint', key: 'wsEndpoint', name: () => '--ws-endpoint', map: same },
  { flag: 'extensions', key: 'extensions', name: () => '--extension', map: same },
  { flag: 'debug', key: 'debug', name: (v) => (v === false ? '--no-debug' : '--debug'), map: same },
  { flag: 'transport', key: 'transport', name: () => '--transport', map: same },
  { flag: 'timeout', key: 'timeout', name: () => '--timeout', map: same },
  { flag: 'ownerPid', key: 'ownerPid', name: () => '--owner-pid', map: same },
];
