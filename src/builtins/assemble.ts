import path from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import type { Host } from '../host/host.js';
import { importPlugin } from '../host/load.js';
import { builtinPlugins, type DaemonControl } from './index.js';

/**
 * Applies the plugins of a daemon in their one order: the built-ins, then the configured plugins
 * (paths relative to the config file's folder), then seals the host, which runs `registerActions`
 * and `afterPlugins`. The daemon and the docs generator (built-ins only) both assemble this way.
 */
export async function assemblePlugins(host: Host, control: DaemonControl, configured?: Pick<LoadedConfig, 'config' | 'filepath'>): Promise<void> {
  for (const plugin of builtinPlugins(control)) await host.use(plugin, { builtin: true });
  if (configured) {
    const baseDir = configured.filepath ? path.dirname(configured.filepath) : process.cwd();
    for (const spec of configured.config.plugins) {
      host.log.info(`loading plugin "${spec.spec}"`);
      const loaded = await importPlugin(spec, baseDir, configured.config.pluginTimeout);
      await host.use(loaded.plugin, { source: loaded.source, options: loaded.options, fallbackName: loaded.fallbackName, configDir: baseDir });
    }
  }
  host.seal();
}
