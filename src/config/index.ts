/**
 * Configuration: search (cosmiconfig, upward from the working directory), load, validate, explain.
 * The only importer of cosmiconfig, which is imported lazily so commands that never load a config
 * pay nothing for it.
 */
export {
  ConfigError,
  type AgentBrowserConfig,
  type ConfigFlags,
  type ConfigKey,
  type ConfigSource,
  type LoadedConfig,
  type PluginSpec,
  type Transport,
} from './types.js';
export { CONFIG_KEYS, defaultConfig, ENV_BINDINGS, CONFIG_ENV, MAX_TIMER_MS } from './schema.js';
export { describeConfig, loadConfig, renderSource, SEARCH_PLACES, type LoadConfigOptions } from './load.js';
