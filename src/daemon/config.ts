// How a daemon (and doctor's plugin check, which loads plugins as a daemon would) reads its config:
// the same search, plus the flags of the CLI that spawned it.
import { ConfigError, loadConfig, type ConfigFlags, type LoadedConfig } from '../config/index.js';
import { findConfigFile, type ConfigFileFinder } from '../config/load.js';
import { quickFindConfigFile, QuickSearchUnavailable } from '../config/quick-find.js';
import { CLI_FLAGS_ENV } from '../transport/startup.js';

/**
 * The config file without loading cosmiconfig when JSON files (or none) are all there is, which
 * is a tenth of the daemon's start; cosmiconfig's search for anything else.
 */
const findConfigFileQuickly: ConfigFileFinder = async (...args) => {
  try {
    return await quickFindConfigFile(...args);
  } catch (error) {
    if (error instanceof QuickSearchUnavailable) return findConfigFile(...args);
    throw error;
  }
};

/** Flags the CLI that spawned this process was given; config validates them like its own. */
function flagsFromSpawner(): ConfigFlags | undefined {
  const raw = process.env[CLI_FLAGS_ENV];
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    const message = `${CLI_FLAGS_ENV} is not valid JSON; it is set by the agent-browser CLI and should not be set by hand.`;
    throw new ConfigError(message, [message]);
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as ConfigFlags) : undefined;
}

/** The config of a daemon started in this process's folder and environment; a ConfigError says what is wrong. */
export function loadDaemonConfig(): Promise<LoadedConfig> {
  return loadConfig({ env: process.env, cwd: process.cwd(), flags: flagsFromSpawner(), findFile: findConfigFileQuickly });
}
