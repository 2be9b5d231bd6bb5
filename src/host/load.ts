import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginSpec } from '../config/index.js';
import { ActionError } from '../protocol/errors.js';
import type { Plugin, PluginFunction } from './host.js';

export interface ResolvedPluginModule {
  plugin: Plugin | PluginFunction;
  options: unknown;
  source: string;
  fallbackName: string;
}

/** Imports one configured plugin; failures name the plugin, the file and the cause. */
export async function importPlugin(spec: PluginSpec): Promise<ResolvedPluginModule> {
  const isPath = path.isAbsolute(spec.resolved);
  let file = spec.resolved;
  try {
    if (!isPath) file = createRequire(path.join(process.cwd(), 'noop.js')).resolve(spec.resolved);
  } catch (error) {
    throw new ActionError('PLUGIN_FAILED', `Cannot find plugin package "${spec.spec}": ${(error as Error).message.split('\n')[0]}. Install it (npm install ${spec.spec}) or fix "plugins" in your config.`);
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && isPath ? `no such file ${file}` : (error as Error).message;
    throw new ActionError('PLUGIN_FAILED', `Cannot load plugin "${spec.spec}" (${file}): ${reason}`, { cause: error });
  }
  const candidate = (loaded.default ?? loaded.plugin) as Plugin | PluginFunction | undefined;
  if (!candidate || (typeof candidate !== 'function' && typeof candidate !== 'object')) {
    throw new ActionError('PLUGIN_FAILED', `Plugin "${spec.spec}" (${file}) has no default export; export a plugin made with definePlugin() or a function.`);
  }
  return { plugin: candidate, options: spec.options, source: file, fallbackName: path.basename(file).replace(/\.[cm]?[jt]s$/, '') };
}
