import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { redactEndpoint } from '../protocol/remote.js';
import { resolvePath, tildify } from './paths.js';
import {
  CONFIG_ENV,
  CONFIG_KEYS,
  ENV_BINDINGS,
  FLAG_BINDINGS,
  INVALID,
  checkValue,
  defaultConfig,
  show,
  unknownKeyMessage,
  type CheckContext,
  type Problems,
} from './schema.js';
import { ConfigError, type AgentBrowserConfig, type ConfigFlags, type ConfigKey, type ConfigSource, type LoadedConfig } from './types.js';

/** cosmiconfig module name: `.agentbrowserrc`, `agentbrowser.config.js`, `package.json#agentbrowser`. */
export const MODULE_NAME = 'agentbrowser';

/** Checked in this order in each folder, from the working directory upward. */
export const SEARCH_PLACES: readonly string[] = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.cjs`,
  `.${MODULE_NAME}rc.mjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.mjs`,
];

export interface LoadConfigOptions {
  /** Where the search starts and env/flag relative paths resolve from; default process.cwd(). */
  cwd?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
  /** Finds and reads the config file; default: cosmiconfig's search (`findConfigFile`). */
  findFile?: ConfigFileFinder;
}

export interface ConfigFile {
  filepath: string;
  /** What the file holds, not yet validated (undefined for an empty file). */
  contents: unknown;
}

/** The explicit config path from --config or AGENT_BROWSER_CONFIG, and what gave it. */
export function explicitConfigPath(env: NodeJS.ProcessEnv, flags: ConfigFlags): { path: string; via: string } | undefined {
  const fromFlag = typeof flags.config === 'string' && flags.config.trim() !== '' ? flags.config : undefined;
  const fromEnv = env[CONFIG_ENV]?.trim() ? env[CONFIG_ENV] : undefined;
  if (fromFlag !== undefined) return { path: fromFlag, via: '--config' };
  if (fromEnv !== undefined) return { path: fromEnv, via: CONFIG_ENV };
  return undefined;
}

export type ConfigFileFinder = (cwd: string, env: NodeJS.ProcessEnv, flags: ConfigFlags, home: string) => Promise<ConfigFile | undefined>;

type ErrorLike = { message?: unknown; code?: unknown; filepath?: unknown; path?: unknown };

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** A code-frame paragraph (`> 1 | {...}` / `  2 |   x: y` / `----^`), as parsers print them. */
function isCodeFrame(paragraph: string): boolean {
  return paragraph.split('\n').every((line) => /^\s*(>\s*)?\d*\s*\|/.test(line) || /^[\s-]*\^\s*$/.test(line));
}

/**
 * Tidies a parser message: drops cosmiconfig's "JSON Error in <path>:" line (the path is in our
 * header), ANSI colours, and the duplicate code frame parse-json appends; puts the sentence first.
 */
export function tidyParserMessage(raw: string): string {
  const text = raw
    .replace(ANSI, '')
    .replace(/^(?:JSON|YAML|TypeScript) Error in [^\n]*\n/, '')
    .replace(/[ \t]+$/gm, '');
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
  const unique = [...new Set(paragraphs)];
  const sentences = unique.filter((p) => !isCodeFrame(p));
  const frames = unique.filter((p) => isCodeFrame(p));
  return [...sentences, ...frames].join('\n').trim();
}

function fileProblem(filepath: string, detail: string): ConfigError {
  const text = tidyParserMessage(detail);
  const message = `Could not read configuration file ${filepath}:\n${text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')}`;
  return new ConfigError(message, [text], filepath);
}

/** A loader/parser failure as a ConfigError naming the file and the parser's message. */
function parseFailure(error: unknown, fallbackPath?: string): ConfigError {
  const e = (error ?? {}) as ErrorLike;
  const filepath = typeof e.filepath === 'string' ? e.filepath : typeof e.path === 'string' ? e.path : (fallbackPath ?? '(unknown file)');
  const raw = typeof e.message === 'string' ? e.message : String(error);
  return fileProblem(filepath, raw);
}

export const findConfigFile: ConfigFileFinder = async (cwd, env, flags, home) => {
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE_NAME, {
    // 'global': from the start folder upward to the home folder (or to the root when the start
    // folder is outside home), then the OS config folder (~/.config/agentbrowser/config.*).
    // 'none' (the default) checks only the start folder; 'project' stops at the first package.json,
    // which would hide a repo-root .agentbrowserrc from a monorepo package.
    searchStrategy: 'global',
    searchPlaces: [...SEARCH_PLACES],
    // An empty .agentbrowserrc is a config file (all defaults), not a reason to keep looking.
    ignoreEmptySearchPlaces: false,
    cache: false,
    // An explicit --config with an unusual extension is read as YAML (a superset of JSON).
    loaders: { default: defaultLoaders['.yaml']! },
  });

  const explicit = explicitConfigPath(env, flags);
  if (explicit !== undefined) {
    const { via } = explicit;
    const filepath = resolvePath(explicit.path, cwd, home);
    try {
      const info = await stat(filepath);
      if (info.isDirectory()) {
        throw new ConfigError(
          `Configuration file ${filepath} (given by ${via}) is a directory, not a file`,
          [`${filepath} is a directory, not a file`],
          filepath,
        );
      }
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      const code = (error as ErrorLike).code;
      const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'not found' : `not readable (${String(code ?? error)})`;
      throw new ConfigError(`Configuration file ${why}: ${filepath} (given by ${via})`, [`file ${why}: ${filepath}`], filepath);
    }
    let result;
    try {
      result = await explorer.load(filepath);
    } catch (error) {
      throw parseFailure(error, filepath);
    }
    return { filepath, contents: result?.config ?? undefined };
  }

  let result;
  try {
    result = await explorer.search(cwd);
  } catch (error) {
    throw parseFailure(error);
  }
  if (!result) return undefined;
  return { filepath: result.filepath, contents: result.config ?? undefined };
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Keys that may be left unset; `null` in a file means unset for them. */
const OPTIONAL: ReadonlySet<ConfigKey> = new Set<ConfigKey>(['executablePath', 'wsEndpoint', 'socketDir']);

function bullets(header: string, problems: Problems): string {
  return `${header}\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}

/**
 * Finds, reads and validates the configuration: defaults < config file < environment < flags.
 * Throws ConfigError listing every problem at once.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const home = os.homedir();

  const config: Partial<AgentBrowserConfig> = defaultConfig();
  const sources = Object.fromEntries(CONFIG_KEYS.map((k) => [k, { kind: 'default' } as ConfigSource])) as Record<ConfigKey, ConfigSource>;
  const set = (key: ConfigKey, value: unknown, source: ConfigSource) => {
    (config as Record<string, unknown>)[key] = value;
    sources[key] = source;
  };

  // 1. config file
  const file = await (options.findFile ?? findConfigFile)(cwd, env, flags, home);
  const fileProblems: Problems = [];
  if (file && file.contents !== undefined && file.contents !== null) {
    const source: ConfigSource = { kind: 'file', path: file.filepath };
    const ctx: CheckContext = { baseDir: path.dirname(file.filepath), home };
    if (!isPlainObject(file.contents)) {
      fileProblems.push(`expected an object of settings at the top level, got ${show(file.contents)}`);
    } else {
      for (const [key, value] of Object.entries(file.contents)) {
        if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
          fileProblems.push(`${key}: ${unknownKeyMessage(key, CONFIG_KEYS)}`);
          continue;
        }
        const k = key as ConfigKey;
        if (value === undefined || (value === null && OPTIONAL.has(k))) continue;
        const checked = checkValue(k, value, key, ctx, fileProblems);
        if (checked !== INVALID) set(k, checked, source);
      }
    }
  }

  // 2. environment
  const envProblems: Problems = [];
  const envCtx: CheckContext = { baseDir: cwd, home };
  for (const binding of ENV_BINDINGS) {
    const raw = env[binding.name];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = binding.parse(raw);
    if ((binding.key === 'headless' || binding.key === 'debug') && typeof parsed !== 'boolean') {
      envProblems.push(`${binding.name}: expected 1, true, 0 or false, got ${show(raw)}`);
      continue;
    }
    const checked = checkValue(binding.key, parsed, binding.name, envCtx, envProblems);
    if (checked !== INVALID) set(binding.key, checked, { kind: 'env', name: binding.name });
  }

  // 3. flags
  const flagProblems: Problems = [];
  for (const binding of FLAG_BINDINGS) {
    const value: unknown = flags[binding.flag];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue; // a repeatable flag given zero times
    const name = binding.name(value);
    const checked = checkValue(binding.key, binding.map(value), name, envCtx, flagProblems);
    if (checked !== INVALID) set(binding.key, checked, { kind: 'flag', name });
  }

  if (fileProblems.length || envProblems.length || flagProblems.length) {
    const sections: string[] = [];
    if (fileProblems.length) sections.push(bullets(`Invalid configuration in ${file!.filepath}:`, fileProblems));
    if (envProblems.length) sections.push(bullets('Invalid configuration in the environment:', envProblems));
    if (flagProblems.length) sections.push(bullets('Invalid command-line flags:', flagProblems));
    throw new ConfigError(sections.join('\n'), [...fileProblems, ...envProblems, ...flagProblems], fileProblems.length ? file!.filepath : undefined);
  }

  const loaded: LoadedConfig = { config: config as AgentBrowserConfig, sources };
  if (file) loaded.filepath = file.filepath;
  return loaded;
}

/** `default`, `file ~/proj/.agentbrowserrc`, `env AGENT_BROWSER_SESSION`, `flag --session`. */
export function renderSource(source: ConfigSource, home: string = os.homedir()): string {
  switch (source.kind) {
    case 'default':
      return 'default';
    case 'file':
      return `file ${tildify(source.path, home)}`;
    case 'env':
      return `env ${source.name}`;
    case 'flag':
      return `flag ${source.name}`;
  }
}

/** One row per key, in CONFIG_KEYS order, for `config show`. */
export function describeConfig(loaded: LoadedConfig): Array<{ key: ConfigKey; value: unknown; source: string }> {
  const home = os.homedir();
  // A Playwright server's endpoint may carry its access key (a path, ?token=…): shown without it.
  const shown = (key: ConfigKey) => (key === 'wsEndpoint' && loaded.config.wsEndpoint ? redactEndpoint(loaded.config.wsEndpoint) : loaded.config[key]);
  return CONFIG_KEYS.map((key) => ({ key, value: shown(key), source: renderSource(loaded.sources[key], home) }));
}
