// cosmiconfig's search, for the common cases only, without loading cosmiconfig (the CLI's fast
// path): the same places in the same order, from the working folder up to the home folder. It
// reads JSON (`.agentbrowserrc` written as JSON, `.agentbrowserrc.json`, package.json's
// "agentbrowser") and gives up with QuickSearchUnavailable on anything else — YAML, JavaScript,
// a global config folder, cosmiconfig's own meta config — so the full search handles those.
import fs from 'node:fs';
import path from 'node:path';
import { explicitConfigPath, MODULE_NAME, SEARCH_PLACES, type ConfigFileFinder } from './load.js';
import { platformPath, resolvePath } from './paths.js';

/** The quick search met something only cosmiconfig reads; run the full search instead. */
export class QuickSearchUnavailable extends Error {
  constructor(reason: string) {
    super(`quick config search unavailable: ${reason}`);
    this.name = 'QuickSearchUnavailable';
  }
}

/** Files in the working folder that would change cosmiconfig's own options. */
const META_PLACES = [
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

/** Where cosmiconfig looks last (env-paths' config folder for "agentbrowser"). */
export function globalConfigDir(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform = process.platform): string {
  const { join } = platformPath(platform);
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', MODULE_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), MODULE_NAME, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), MODULE_NAME);
}

const SKIPPED_READ_ERRORS = new Set(['ENOENT', 'EISDIR', 'ENOTDIR', 'EACCES']);

/** The file's text, or null when cosmiconfig would skip it (missing, a folder, unreadable). */
function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (SKIPPED_READ_ERRORS.has((error as NodeJS.ErrnoException).code ?? '')) return null;
    throw new QuickSearchUnavailable(`${file}: ${(error as Error).message}`);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new QuickSearchUnavailable(`${file} is not plain JSON`);
  }
}

/** What a JSON-readable config file holds; undefined for an empty one (which still counts as found). */
function readJsonConfig(file: string, text: string): unknown {
  return text.trim() === '' ? undefined : parseJson(file, text);
}

function exists(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false }) !== undefined;
}

export const quickFindConfigFile: ConfigFileFinder = async (cwd, env, flags, home) => {
  const explicit = explicitConfigPath(env, flags);
  if (explicit !== undefined) {
    const filepath = resolvePath(explicit.path, cwd, home);
    const extension = path.extname(filepath);
    if (!['', '.json'].includes(extension) || !fs.statSync(filepath, { throwIfNoEntry: false })?.isFile()) throw new QuickSearchUnavailable(filepath);
    const text = readText(filepath);
    if (text === null) throw new QuickSearchUnavailable(filepath);
    // A package.json holds the configuration under "agentbrowser", as cosmiconfig reads it.
    if (path.basename(filepath) === 'package.json')
      return { filepath, contents: (parseJson(filepath, text) as Record<string, unknown> | null)?.[MODULE_NAME] ?? undefined };
    return { filepath, contents: readJsonConfig(filepath, text) };
  }

  if (META_PLACES.some((place) => exists(path.join(cwd, place)))) throw new QuickSearchUnavailable('cosmiconfig meta config');
  const stopDir = path.resolve(home);
  for (let dir = cwd; ;) {
    for (const place of SEARCH_PLACES) {
      const filepath = path.join(dir, place);
      if (place === 'package.json') {
        const text = readText(filepath);
        if (text === null) continue;
        const manifest = parseJson(filepath, text) as Record<string, unknown> | null;
        if (dir === cwd && manifest?.cosmiconfig !== undefined) throw new QuickSearchUnavailable('cosmiconfig meta config');
        if (manifest?.[MODULE_NAME] !== undefined && manifest[MODULE_NAME] !== null) return { filepath, contents: manifest[MODULE_NAME] };
      } else if (place.endsWith('rc') || place.endsWith('.json')) {
        const text = readText(filepath);
        if (text !== null) return { filepath, contents: readJsonConfig(filepath, text) };
      } else if (fs.statSync(filepath, { throwIfNoEntry: false })?.isFile()) {
        throw new QuickSearchUnavailable(`${filepath} needs its own loader`);
      }
    }
    const parent = path.dirname(dir);
    if (dir === stopDir || parent === dir) break;
    dir = parent;
  }
  if (exists(globalConfigDir(env, home))) throw new QuickSearchUnavailable('global config folder');
  return undefined;
};
