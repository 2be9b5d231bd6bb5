import os from 'node:os';
import type { z } from 'zod';
import type { AgentBrowserConfig } from '../config/index.js';
import { resolvePath } from '../config/paths.js';
import { ActionError } from '../protocol/errors.js';
import { describeIssues } from '../protocol/schemas.js';
import { closestNames } from '../protocol/suggest.js';
import { guardHook, TIME_LIMITED_HOOKS, withinTime } from './errors.js';
import { createHooks, type Hooks } from './hooks.js';
import { ActionRegistry } from './registry.js';
import type { ActionDefinition, Logger } from './types.js';

/** What a plugin's `apply` receives. */
export interface PluginApi {
  /** The plugin's own name (tap with it so failures are attributed to you). */
  readonly name: string;
  /** Every hook of the host. */
  readonly hooks: Hooks;
  /** The daemon's resolved configuration. */
  readonly config: AgentBrowserConfig;
  /**
   * The folder of the config file that lists this plugin (the daemon's working folder when no file
   * does). Relative paths in the plugin's options mean this folder, as every path in the config does.
   */
  readonly configDir: string;
  /** An option's path made absolute the way the config's own paths are: `~` is the home folder, relative means {@link configDir}. */
  resolvePath(relativeOrAbsolute: string): string;
  /** Logger writing to the session's log, prefixed with the plugin's name. */
  readonly log: Logger;
  /** Registers an action under this plugin (a shortcut for tapping `registerActions`). */
  addAction<S extends z.ZodType>(definition: ActionDefinition<S>): void;
}

/** A plugin: a name and an `apply` that taps hooks. */
export interface Plugin<Options = unknown> {
  name: string;
  version?: string;
  /** Schema for the options given in config (`["plugin", {options}]`); validated before `apply`. */
  options?: z.ZodType<Options>;
  apply(host: PluginApi, options: Options): void | Promise<void>;
}

/** A plugin as a bare function; its name is the function's name (or the module's file name). */
export type PluginFunction = (host: PluginApi, options: unknown) => void | Promise<void>;

export interface LoadedPlugin {
  name: string;
  version?: string;
  builtin: boolean;
  /** Where it came from: `built-in`, a file path or a package name. */
  source: string;
  actions: string[];
}

/** The daemon's plugin host: hooks, registry and the plugins applied to them. */
export class Host {
  readonly hooks: Hooks;
  readonly registry: ActionRegistry;
  readonly plugins: LoadedPlugin[] = [];
  private readonly trusted = new Set<string>();
  private sealed = false;

  constructor(
    readonly config: AgentBrowserConfig,
    readonly log: Logger,
  ) {
    const pluginTimeout = () => this.config.pluginTimeout;
    this.hooks = createHooks((hook, hookName) =>
      guardHook(hook, hookName, (plugin) => this.trusted.has(plugin), TIME_LIMITED_HOOKS.has(hookName) ? pluginTimeout : undefined),
    );
    this.registry = new ActionRegistry(this.hooks);
    this.hooks.registerActions.intercept({
      tap: (tap) => {
        this.registry.currentPlugin = tap.name;
      },
    });
  }

  /** Applies one plugin. Built-ins are trusted: their errors are reported as the action's own. */
  async use(
    plugin: Plugin | PluginFunction,
    options: { builtin?: boolean; source?: string; options?: unknown; fallbackName?: string; configDir?: string } = {},
  ): Promise<void> {
    if (this.sealed) throw new Error('Plugins must be applied before the host is sealed.');
    const normalized = normalizePlugin(plugin, options.fallbackName, options.source);
    if (this.plugins.some((loaded) => loaded.name === normalized.name)) {
      throw new ActionError('PLUGIN_FAILED', `Two plugins are named "${normalized.name}" (${options.source ?? 'built-in'}); plugin names must be unique.`);
    }
    let pluginOptions = options.options;
    if (normalized.options) {
      const parsed = normalized.options.safeParse(options.options ?? {}, { reportInput: true });
      if (!parsed.success) {
        throw new ActionError(
          'PLUGIN_FAILED',
          `Invalid options for plugin "${normalized.name}" (${options.source ?? 'built-in'}): ${describeIssues(parsed.error, normalized.options)}. Fix them in the config file's "plugins" entry.`,
        );
      }
      pluginOptions = parsed.data;
    }
    if (options.builtin) this.trusted.add(normalized.name);
    const record: LoadedPlugin = {
      name: normalized.name,
      version: normalized.version,
      builtin: Boolean(options.builtin),
      source: options.source ?? 'built-in',
      actions: [],
    };
    this.plugins.push(record);
    const configDir = options.configDir ?? process.cwd();
    const api: PluginApi = {
      name: normalized.name,
      hooks: namedHooks(this.hooks, normalized.name),
      config: this.config,
      configDir,
      resolvePath: (p) => resolvePath(p, configDir, os.homedir()),
      log: prefixed(this.log, normalized.name),
      addAction: (definition) => {
        if (!options.builtin && !definition.override && !definition.name.includes(':')) {
          throw new ActionError(
            'PLUGIN_FAILED',
            `action "${definition.name}" needs the plugin's prefix: name it "${normalized.name}:${definition.name}", so the CLI reaches it as 'agent-browser ${normalized.name}:${definition.name}' (or set override: true to replace a built-in of that name).`,
          );
        }
        this.hooks.registerActions.tap(normalized.name, (registry) => registry.add(definition));
      },
    };
    const limit = options.builtin ? undefined : this.config.pluginTimeout;
    if (!options.builtin) this.log.info(`applying plugin "${normalized.name}" (${record.source})`);
    const timedOut = new Error();
    try {
      await withinTime(
        Promise.resolve().then(() => normalized.apply(api, pluginOptions)),
        limit,
        () => timedOut,
      );
    } catch (error) {
      if (error === timedOut)
        throw new ActionError(
          'PLUGIN_FAILED',
          `Plugin "${normalized.name}" (${record.source}) did not finish apply within ${limit} ms (pluginTimeout): an apply that awaits something that never settles hangs the daemon's start. Fix the plugin, remove it from "plugins", or raise pluginTimeout if it really needs longer.`,
        );
      const reason = error instanceof Error ? error.message : String(error);
      throw new ActionError('PLUGIN_FAILED', `Plugin "${normalized.name}" (${record.source}) failed while applying: ${reason}`, { cause: error });
    }
  }

  /** Runs `registerActions` once every plugin is applied, then `afterPlugins`; the registry is complete afterwards. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.hooks.registerActions.call(this.registry);
    for (const action of this.registry.list()) {
      this.plugins.find((plugin) => plugin.name === action.plugin)?.actions.push(action.name);
    }
    this.hooks.afterPlugins.call(this.registry);
  }
}

function normalizePlugin(plugin: Plugin | PluginFunction, fallbackName?: string, source?: string): Plugin {
  if (typeof plugin === 'function') {
    const name = plugin.name || fallbackName;
    if (!name) throw new ActionError('PLUGIN_FAILED', 'A plugin function has no name; export a named function or a { name, apply } object.');
    return { name, apply: plugin };
  }
  if (!plugin || typeof plugin !== 'object' || typeof plugin.apply !== 'function' || typeof plugin.name !== 'string' || !plugin.name) {
    const what =
      plugin === null || plugin === undefined
        ? 'nothing'
        : typeof plugin === 'object'
          ? `an object with keys ${Object.keys(plugin).join(', ') || '(none)'}`
          : `a ${typeof plugin}`;
    throw new ActionError(
      'PLUGIN_FAILED',
      `Not a plugin: ${source ?? fallbackName ?? 'a plugin'} exports ${what} as its default. Export definePlugin({ name, apply(host) { … } }) or a named function (see docs/plugins.md).`,
    );
  }
  return plugin;
}

function prefixed(log: Logger, name: string): Logger {
  return {
    debug: (message, details) => log.debug(`[${name}] ${message}`, details),
    info: (message, details) => log.info(`[${name}] ${message}`, details),
    warn: (message, details) => log.warn(`[${name}] ${message}`, details),
    error: (message, details) => log.error(`[${name}] ${message}`, details),
  };
}

/** The hooks as a plugin sees them: a mistyped hook name fails naming the hook, the closest one and the list. */
function namedHooks(hooks: Hooks, plugin: string): Hooks {
  const names = Object.keys(hooks);
  return new Proxy(hooks, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target) && property !== 'then' && property !== 'toJSON') {
        const close = closestNames(property, names, { limit: 1 });
        throw new ActionError(
          'PLUGIN_FAILED',
          `Plugin "${plugin}" uses the hook "${property}", which does not exist.${close.length > 0 ? ` Did you mean "${close[0]}"?` : ''} The hooks: ${names.join(', ')}.`,
        );
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
