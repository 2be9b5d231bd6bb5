/**
 * `config explain <key>`: what one setting means, which values it takes, how to set it, and the
 * value in effect with where it came from. Environment variables and flags come from the schema's
 * bindings, so this page cannot name one the loader does not read.
 */
import os from 'node:os';
import { ACTION_CATEGORIES } from '../protocol/action-categories.js';
import { closestNames } from '../protocol/suggest.js';
import { renderSource } from './load.js';
import { CONFIG_KEYS, defaultConfig, ENV_BINDINGS, FLAG_BINDINGS, MAX_TIMER_MS, suggestKey } from './schema.js';
import type { ConfigKey, ConfigSource, LoadedConfig } from './types.js';

/** The prose half of a key's explanation; the rest is derived. */
interface KeyDoc {
  description: string;
  /** The kind of value, in words. */
  type: string;
  /** What is accepted, in words. */
  allowed: string;
  /** A value to put in .agentbrowserrc, and the same setting as an environment variable's text. */
  example: { file: unknown; env?: string };
}

const MILLISECONDS = 'number (milliseconds)';

const DOCS: Record<ConfigKey, KeyDoc> = {
  session: {
    description: 'Session name: one daemon and one browser per session. It becomes part of the session files’ names.',
    type: 'string',
    allowed: 'letters, digits, ".", "_" and "-"',
    example: { file: 'work', env: 'work' },
  },
  headless: {
    description: 'Run Chromium without a window; false shows the browser.',
    type: 'boolean',
    allowed: 'true or false (AGENT_BROWSER_HEADED=1 means headless: false)',
    example: { file: false, env: '1' },
  },
  sharedBrowser: {
    description:
      'One Chromium for every session launched with the same settings (executable, headless, args, proxy), each session in browser contexts of its own (own cookies, storage and tabs), instead of one Chromium per session: less memory per session when many run at once, one more hop per action. A keeper process owns that browser and closes it 5 s after the last session leaves; if the browser crashes, every session sharing it loses its tabs.',
    type: 'boolean',
    allowed: 'true or false; sessions with extensions or a remote browser never share',
    example: { file: true, env: '1' },
  },
  executablePath: {
    description: 'The Chrome/Chromium binary to launch. Unset: agent-browser looks for one (Playwright’s, then the usual install locations).',
    type: 'path',
    allowed: 'an executable file; relative paths resolve from the config file’s folder',
    example: { file: '/usr/lib/chromium/chromium', env: '/usr/lib/chromium/chromium' },
  },
  wsEndpoint: {
    description:
      'A Playwright browser server (Playwright run-server, Browserless, a Grid with Playwright) to attach to instead of launching a browser. close and the idle timeout disconnect and leave it running.',
    type: 'url',
    allowed: 'a ws:// or wss:// URL; unset launches a local browser',
    example: { file: 'ws://127.0.0.1:3000/', env: 'ws://127.0.0.1:3000/' },
  },
  args: {
    description: 'Extra Chromium command-line arguments, added after the ones agent-browser always passes.',
    type: 'list of strings',
    allowed: 'any Chromium switches (in the environment: comma- or newline-separated)',
    example: { file: ['--lang=en-US', '--disable-gpu'], env: '--lang=en-US,--disable-gpu' },
  },
  viewport: {
    description: 'Page viewport in CSS pixels.',
    type: 'object { width, height } or string "WIDTHxHEIGHT"',
    allowed: 'positive whole numbers of pixels',
    example: { file: { width: 1440, height: 900 }, env: '1440x900' },
  },
  timeout: {
    description: 'Default timeout of an action (click, fill, wait …). The daemon answers TIMEOUT when it passes.',
    type: MILLISECONDS,
    allowed: `1 to ${MAX_TIMER_MS}`,
    example: { file: 10_000, env: '10000' },
  },
  actionGrace: {
    description:
      'How long an action re-checks a target that exists but cannot take it (covered, hidden, disabled, read-only) before refusing with that reason. A target that has not appeared yet is waited for up to the timeout instead.',
    type: MILLISECONDS,
    allowed: `0 (check once) to ${MAX_TIMER_MS}`,
    example: { file: 1_000, env: '1000' },
  },
  pluginTimeout: {
    description:
      "How long a configured plugin's apply, and each of its beforeLaunch and browserReady taps, may take. One that has not settled by then fails the daemon's start (apply) or the browser's launch with PLUGIN_FAILED naming the plugin and the hook.",
    type: MILLISECONDS,
    allowed: `1 to ${MAX_TIMER_MS}`,
    example: { file: 30_000, env: '30000' },
  },
  idleTimeout: {
    description: 'The daemon exits after this long without a command (counted from the end of the last one).',
    type: MILLISECONDS,
    allowed: `0 (never) to ${MAX_TIMER_MS}`,
    example: { file: 600_000, env: '600000' },
  },
  ownerPid: {
    description: 'The owner lease: the daemon shuts down once this process exits, so a daemon an agent started ends with the agent. Usually given per run.',
    type: 'integer (process id)',
    allowed: 'a positive whole number',
    example: { file: 12345, env: '12345' },
  },
  transport: {
    description: 'How the CLI talks to the daemon: a Unix socket, or 127.0.0.1 TCP with a per-session secret.',
    type: 'string',
    allowed: '"unix" or "tcp" (default: "tcp" on Windows, else "unix")',
    example: { file: 'tcp', env: 'tcp' },
  },
  socketDir: {
    description: 'Folder for the session files (<dir>/<session>.sock, .pid, .port …) instead of $TMPDIR/agent-browser-<session>.*; created with mode 0700.',
    type: 'path',
    allowed: 'a folder; keep it short (Unix socket paths are limited to 104–108 bytes)',
    example: { file: '/tmp/ab', env: '/tmp/ab' },
  },
  extensions: {
    description: 'Unpacked Chromium extensions to load.',
    type: 'list of paths',
    allowed: 'extension folders; relative paths resolve from the config file’s folder (in the environment: comma-separated)',
    example: { file: ['./extensions/my-extension'], env: './extensions/my-extension' },
  },
  plugins: {
    description: 'Plugins, applied in order after the built-in ones (see docs/plugins.md).',
    type: 'list',
    allowed: 'package names, paths ("./my-plugin.js"), or [name, options]',
    example: { file: ['./my-plugin.js', ['agent-browser-host/plugins/reader', { maxLength: 20000 }]] },
  },
  tcpAuth: {
    description:
      'Access control of the TCP transport: "token" requires the per-session secret from every client; "none" also lets in legacy clients that cannot send one.',
    type: 'string',
    allowed: '"token" or "none"',
    example: { file: 'none', env: 'none' },
  },
  streamPort: {
    description: 'Port of the live-view WebSocket stream on 127.0.0.1 (frames out, mouse and keyboard in); 0 turns it off.',
    type: 'integer (port)',
    allowed: '0 to 65535',
    example: { file: 9223, env: '9223' },
  },
  debug: {
    description: 'Verbose diagnostics from the CLI and the daemon (the daemon’s log).',
    type: 'boolean',
    allowed: 'true or false (in the environment: 1/true or 0/false)',
    example: { file: true, env: '1' },
  },
  dialogs: {
    description: 'What happens to an alert, confirm or prompt that no `dialog` command armed an answer for. beforeunload is always accepted.',
    type: 'string',
    allowed: '"dismiss" or "accept"',
    example: { file: 'accept', env: 'accept' },
  },
  stateDir: {
    description: 'Folder of named storage states: `state save <name>` writes <stateDir>/<name>.json.',
    type: 'path',
    allowed: 'a folder; relative paths resolve from the config file’s folder',
    example: { file: '~/.agent-browser/states', env: '~/.agent-browser/states' },
  },
  confirmActions: {
    description:
      'Actions that wait for a person: a call of one answers {confirmation_required, action, category, description, confirmation_id} instead of running; `agent-browser confirm <id>` runs it, `agent-browser deny <id>` drops it, and it is dropped after 60 s. Names categories (click covers click, dblclick and tap) or single actions, plugin actions included.',
    type: 'list of strings',
    allowed: `categories ${ACTION_CATEGORIES.join(', ')}; or action names (dblclick, myplugin:submit); in the environment comma-separated`,
    example: { file: ['click', 'eval'], env: 'click,eval' },
  },
  mcpTools: {
    description:
      'The tool groups `agent-browser mcp` serves when it is started without --tools. core is the small set most pages need; the others are opt-in: interaction, reading, tabs, network, state, emulation, scripting, debug, session, a plugin’s name (its actions), or all. `agent-browser mcp` refuses a name that is no group, naming the valid ones.',
    type: 'list of strings',
    allowed: 'core, interaction, reading, tabs, network, state, emulation, scripting, debug, session, plugin names, all (in the environment comma-separated)',
    example: { file: ['core', 'network'], env: 'core,network' },
  },
};

/** Everything `config explain` says about one key. */
export interface KeyExplanation {
  key: ConfigKey;
  /** The value in effect; null when unset. */
  value: unknown;
  source: ConfigSource;
  /** `default`, `file ~/x/.agentbrowserrc`, `env AGENT_BROWSER_…`, `flag --…`. */
  sourceText: string;
  default: unknown;
  description: string;
  type: string;
  allowed: string;
  env: string | null;
  /** The command-line flags that set it, as typed. */
  flags: string[];
  example: { file: string; env?: string };
}

/** The key `name` stands for: a key in any letter case, or the environment variable that sets it. */
export function findConfigKey(name: string): ConfigKey | undefined {
  const lower = name.trim().toLowerCase();
  return CONFIG_KEYS.find((key) => key.toLowerCase() === lower) ?? ENV_BINDINGS.find((binding) => binding.name.toLowerCase() === lower)?.key;
}

/** The keys closest to a name that is none: typos, prefixes, the usual other spellings. */
export function closestConfigKeys(name: string): string[] {
  const likely = suggestKey(name, CONFIG_KEYS);
  return [...new Set([...(likely ? [likely] : []), ...closestNames(name, CONFIG_KEYS, { maxDistance: 3, limit: 3 })])].slice(0, 3);
}

/**
 * Explains `key` against the loaded configuration. `cliFlags` are the flags the CLI offers
 * (`--headed` …): the loader also binds flags only other callers pass.
 */
export function explainKey(key: ConfigKey, loaded: LoadedConfig, cliFlags: ReadonlySet<string>): KeyExplanation {
  const doc = DOCS[key];
  const env = ENV_BINDINGS.find((binding) => binding.key === key);
  const flags = FLAG_BINDINGS.filter((binding) => binding.key === key)
    .map((binding) => binding.name(true))
    .filter((flag) => cliFlags.has(flag));
  const defaults = defaultConfig() as unknown as Record<string, unknown>;
  return {
    key,
    value: loaded.config[key] ?? null,
    source: loaded.sources[key],
    sourceText: renderSource(loaded.sources[key], os.homedir()),
    default: defaults[key],
    description: doc.description,
    type: doc.type,
    allowed: doc.allowed,
    env: env?.name ?? null,
    flags,
    example: {
      file: `${key}: ${JSON.stringify(doc.example.file)}`,
      ...(env && doc.example.env !== undefined ? { env: `${env.name}=${doc.example.env}` } : {}),
    },
  };
}

/** The examples, for the test that each one loads to a valid value. */
export function keyExamples(): Array<{ key: ConfigKey; file: unknown; env?: string }> {
  return CONFIG_KEYS.map((key) => ({ key, ...DOCS[key].example }));
}
