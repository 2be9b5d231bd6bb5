// `node dist/daemon/check-plugins.js`: the plugin check of `agent-browser doctor`, in a process of
// its own because loading plugins loads the hook host, zod and the contracts, which the CLI never
// does. Spawned with the environment and folder a daemon would get, it loads the config and
// applies the plugins as the daemon's start does (the built-ins, then each configured plugin, then
// the seal that runs registerActions and afterPlugins), without a browser, a socket or a log file,
// and reports each plugin to its parent over the IPC channel (as JSON lines on stdout when run by
// hand), so what plugin code prints cannot garble the report.
import path from 'node:path';
import { builtinPlugins, offlineControl } from '../builtins/index.js';
import { ConfigError } from '../config/index.js';
import { Host, type LoadedPlugin } from '../host/host.js';
import { importPlugin } from '../host/load.js';
import { loadDaemonConfig } from './config.js';
import { createLogger } from './logger.js';

/** One configured plugin as the check found it: what it is and adds, or the error the daemon's start would stop with. */
export interface PluginVerdict {
  /** The entry as the config writes it. */
  spec: string;
  name?: string;
  version?: string;
  source?: string;
  /** The actions it registered; absent until the seal ran (or when the seal failed). */
  actions?: string[];
  error?: string;
}

export type PluginCheckMessage =
  /** About to import and apply this entry of "plugins" (sent before each, so a hang can be named). */
  | { type: 'loading'; spec: string }
  /** That entry's outcome, before the seal. */
  | { type: 'loaded'; verdict: PluginVerdict }
  /** Every entry after the seal; `problem` is a failure no configured plugin is to blame for. */
  | { type: 'done'; plugins: PluginVerdict[]; problem?: string };

function send(message: PluginCheckMessage): Promise<void> {
  if (!process.send) return new Promise((resolve) => process.stdout.write(`${JSON.stringify(message)}\n`, () => resolve()));
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

async function checkPlugins(): Promise<Extract<PluginCheckMessage, { type: 'done' }>> {
  let loaded;
  try {
    loaded = await loadDaemonConfig();
  } catch (error) {
    if (error instanceof ConfigError) return { type: 'done', plugins: [], problem: error.message };
    throw error;
  }
  const { config } = loaded;
  // The daemon's log is the session's; the check writes none (its parent reports what matters).
  const host = new Host(config, createLogger(null, { debug: false, echo: false }));
  for (const plugin of builtinPlugins(offlineControl(host, "doctor's plugin check"))) await host.use(plugin, { builtin: true });

  const configDir = loaded.filepath ? path.dirname(loaded.filepath) : process.cwd();
  const verdicts: PluginVerdict[] = [];
  const records = new Map<PluginVerdict, LoadedPlugin>();
  for (const spec of config.plugins) {
    await send({ type: 'loading', spec: spec.spec });
    const verdict: PluginVerdict = { spec: spec.spec };
    const applied = host.plugins.length;
    try {
      const module = await importPlugin(spec, configDir, config.pluginTimeout);
      await host.use(module.plugin, { source: module.source, options: module.options, fallbackName: module.fallbackName, configDir });
    } catch (error) {
      verdict.error = error instanceof Error ? error.message : String(error);
    }
    // Recorded once its options passed, even when its apply then failed.
    const record = host.plugins[applied];
    if (record) Object.assign(verdict, { name: record.name, version: record.version, source: record.source });
    if (record && !verdict.error) records.set(verdict, record);
    verdicts.push(verdict);
    await send({ type: 'loaded', verdict });
  }

  // Which plugin's tap runs, so a failed seal is blamed on the plugin whose tap threw.
  let tapping = '';
  host.hooks.registerActions.intercept({ tap: (tap) => void (tapping = tap.name) });
  host.hooks.afterPlugins.intercept({ tap: (tap) => void (tapping = tap.name) });
  try {
    host.seal();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const culprit = verdicts.find((verdict) => verdict.name === tapping);
    if (!culprit) return { type: 'done', plugins: verdicts, problem: message };
    culprit.error ??= message;
    return { type: 'done', plugins: verdicts };
  }
  for (const [verdict, record] of records) verdict.actions = record.actions;
  return { type: 'done', plugins: verdicts };
}

checkPlugins().then(
  async (result) => {
    await send(result);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`agent-browser plugin check: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
