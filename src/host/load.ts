import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PluginSpec } from '../config/index.js';
import { ActionError } from '../protocol/errors.js';
import { withinTime } from './errors.js';
import type { Plugin, PluginFunction } from './host.js';

export interface ResolvedPluginModule {
  plugin: Plugin | PluginFunction;
  options: unknown;
  source: string;
  fallbackName: string;
}

/**
 * Finds a plugin package the way Node would from `baseDir` (the config file's folder): the
 * require resolution first, then the package's ESM `exports` for import-only packages.
 */
export function resolvePluginPackage(name: string, baseDir: string): string {
  const require = createRequire(path.join(baseDir, 'noop.js'));
  try {
    return require.resolve(name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && code !== 'MODULE_NOT_FOUND') throw error;
    for (let dir = baseDir; ; dir = path.dirname(dir)) {
      const root = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(root, 'package.json'))) return packageEntry(root);
      if (path.dirname(dir) === dir) throw error;
    }
  }
}

/** The file a package folder's package.json names for `import` (exports, then module, main, index.js). */
function packageEntry(root: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports?: unknown; module?: string; main?: string };
  return path.join(root, importEntry(pkg.exports) ?? pkg.module ?? pkg.main ?? 'index.js');
}

/** The `.` entry of a package's exports for `import` (string, conditions, or nested conditions). */
function importEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const map = exports as Record<string, unknown>;
  const dot = '.' in map ? map['.'] : map;
  if (typeof dot === 'string') return dot;
  if (!dot || typeof dot !== 'object') return undefined;
  for (const condition of ['import', 'node', 'default']) {
    const target = importEntry((dot as Record<string, unknown>)[condition]);
    if (target) return target;
  }
  return undefined;
}

/** The folder of the agent-browser-host package that runs this code (global or project install). */
const HOST_PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Finds a plugin package from the config file's folder first, then from the agent-browser-host
 * package that runs it: its first-party plugins (`agent-browser-host/plugins/<name>`), and plugins
 * installed beside a global install (`npm install -g my-plugin`).
 */
export function findPluginPackage(name: string, baseDir: string): string {
  try {
    return resolvePluginPackage(name, baseDir);
  } catch (error) {
    try {
      return resolvePluginPackage(name, HOST_PACKAGE_DIR);
    } catch {
      throw error;
    }
  }
}

/**
 * Imports one configured plugin; failures name the plugin, the file and the cause. A module whose
 * top-level code has not settled within `timeoutMs` fails too, rather than hanging the start.
 */
export async function importPlugin(spec: PluginSpec, baseDir: string = process.cwd(), timeoutMs?: number): Promise<ResolvedPluginModule> {
  const isPath = path.isAbsolute(spec.resolved);
  let file = spec.resolved;
  try {
    if (!isPath) file = findPluginPackage(spec.resolved, baseDir);
  } catch (error) {
    throw new ActionError(
      'PLUGIN_FAILED',
      `Cannot find plugin package "${spec.spec}" from ${baseDir} (nor beside agent-browser-host in ${HOST_PACKAGE_DIR}): ${(error as Error).message.split('\n')[0]}. Install it next to your config (npm install ${spec.spec}) or fix "plugins" in your config.`,
    );
  }
  // A folder (`./packages/my-plugin`) is a package: its package.json names the entry.
  if (isPath && fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    if (!fs.existsSync(path.join(file, 'package.json')))
      throw new ActionError(
        'PLUGIN_FAILED',
        `Plugin "${spec.spec}" is a folder without a package.json (${file}): list the plugin's file, or give the folder a package.json naming its entry.`,
      );
    file = packageEntry(file);
  }
  if (/\.[cm]?ts$/.test(file)) {
    throw new ActionError(
      'PLUGIN_FAILED',
      `Plugin "${spec.spec}" (${file}) is TypeScript, which Node runs only as JavaScript: build it (tsc) and list the built file (e.g. ./dist/index.js), or the package folder whose package.json names the built entry.`,
    );
  }
  let loaded: Record<string, unknown>;
  const notLoaded = new ActionError(
    'PLUGIN_FAILED',
    `Plugin "${spec.spec}" (${file}) did not finish loading within ${timeoutMs} ms (pluginTimeout): its module's top-level code awaits something that never settles. Fix the plugin, remove it from "plugins", or raise pluginTimeout.`,
  );
  try {
    loaded = (await withinTime(import(pathToFileURL(file).href), timeoutMs, () => notLoaded)) as Record<string, unknown>;
  } catch (error) {
    if (error === notLoaded) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && isPath && !fs.existsSync(file);
    const reason = missing ? `no such file ${file}` : error instanceof SyntaxError ? syntaxErrorAt(file, error) : (error as Error).message;
    throw new ActionError('PLUGIN_FAILED', `Cannot load plugin "${spec.spec}" (${file}): ${reason}`, { cause: error });
  }
  const candidate = (loaded.default ?? loaded.plugin) as Plugin | PluginFunction | undefined;
  if (!candidate || (typeof candidate !== 'function' && typeof candidate !== 'object')) {
    throw new ActionError(
      'PLUGIN_FAILED',
      `Plugin "${spec.spec}" (${file}) has no default export; export a plugin made with definePlugin() or a function (as \`export default\`, or \`export const plugin\`).`,
    );
  }
  return { plugin: candidate, options: spec.options, source: file, fallbackName: path.basename(file).replace(/\.[cm]?[jt]s$/, '') };
}

/**
 * Node reports an ES module's syntax error without its place; `node --check` prints the file,
 * line and the offending code, which is what the plugin's author needs.
 */
function syntaxErrorAt(file: string, error: SyntaxError): string {
  const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const lines = (check.stderr ?? '').split('\n');
  const where = lines.findIndex((line) => line.startsWith(file) || line.startsWith(pathToFileURL(file).href));
  if (check.status === 0 || where < 0) return error.message;
  return `${error.message} at ${lines[where]}\n${lines.slice(where + 1, where + 3).join('\n')}`;
}
