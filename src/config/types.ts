export type Transport = 'unix' | 'tcp';

/** A configured plugin. `resolved` is an absolute path for local specs ('./x', '../x', '/x', '~/x'), else the package name as given. */
export interface PluginSpec {
  spec: string;
  options?: unknown;
  resolved: string;
}

export interface AgentBrowserConfig {
  /** Session name; default 'default'. */
  session: string;
  /** Default true. */
  headless: boolean;
  /** Absolute after resolution. */
  executablePath?: string;
  /**
   * A Playwright browser server to attach to (`ws://…` or `wss://…`, from `launchServer()` or
   * `playwright run-server`) instead of launching a browser. Unset: launch one.
   */
  wsEndpoint?: string;
  /**
   * Launch one Chromium for all sessions with the same launch settings (a keeper process owns it),
   * each session in browser contexts of its own, instead of one Chromium per session; default false.
   */
  sharedBrowser: boolean;
  /** Extra Chromium args; default []. */
  args: string[];
  /** Default 1280x720. */
  viewport: { width: number; height: number };
  /** Default action timeout in ms; default 25000. */
  timeout: number;
  /**
   * How long an action re-checks a target that exists but cannot take it yet (covered, hidden,
   * disabled, read-only) before refusing, in ms; default 150. Waiting for a target that has not
   * appeared yet still uses `timeout`.
   */
  actionGrace: number;
  /**
   * How long a configured plugin's `apply`, and each of its `beforeLaunch` and `browserReady` taps,
   * may take before the daemon gives up on it (PLUGIN_FAILED naming the plugin and the hook), in
   * ms; default 10000.
   */
  pluginTimeout: number;
  /** Daemon idle shutdown in ms; default 1_800_000 (30 min); 0 disables. */
  idleTimeout: number;
  /** The owner lease: the daemon shuts down once this process has exited (the agent that started it). */
  ownerPid?: number;
  /** Default 'tcp' on win32, else 'unix'. */
  transport: Transport;
  /** Absolute. */
  socketDir?: string;
  /** Absolute extension folders; default []. */
  extensions: string[];
  /** Default []. */
  plugins: PluginSpec[];
  /** Default 'token'. */
  tcpAuth: 'token' | 'none';
  /** Live-view stream port; default 0 (off). */
  streamPort: number;
  /** Default false. */
  debug: boolean;
  /**
   * What happens to a JavaScript dialog (alert, confirm, prompt) no `dialog` action has armed:
   * 'dismiss' (default) or 'accept' (prompts get their default text). `beforeunload` is always accepted.
   */
  dialogs: 'accept' | 'dismiss';
  /**
   * Folder of named storage-state files (`state save <name>` → `<stateDir>/<name>.json`,
   * `state list|show|clear|clean|rename`); absolute. Default ~/.agent-browser/states.
   */
  stateDir: string;
  /**
   * Action categories (`click`, `navigate`, `eval`, …) or action names (`myplugin:submit`) whose
   * calls wait for `confirm <id>` / `deny <id>` instead of running; default [] (none).
   */
  confirmActions: string[];
  /**
   * The tool groups `agent-browser mcp` serves when no --tools flag is given: built-in groups
   * (`core`, `network`, …), plugin names, or `all`; default ['core']. Checked when the server starts.
   */
  mcpTools: string[];
}

export type ConfigKey = keyof AgentBrowserConfig;

export type ConfigSource = { kind: 'default' } | { kind: 'file'; path: string } | { kind: 'env'; name: string } | { kind: 'flag'; name: string };

/** CLI flags; undefined = not given. */
export interface ConfigFlags {
  session?: string;
  headed?: boolean;
  executablePath?: string;
  wsEndpoint?: string;
  extensions?: string[];
  config?: string;
  debug?: boolean;
  transport?: Transport;
  timeout?: number;
  ownerPid?: number;
}

export interface LoadedConfig {
  config: AgentBrowserConfig;
  sources: Record<ConfigKey, ConfigSource>;
  /** The config file in effect, if any. */
  filepath?: string;
}

/**
 * Every problem found while loading the configuration. The message lists each problem on its own
 * line under a header naming where it came from (the file, the environment, the flags).
 */
export class ConfigError extends Error {
  readonly problems: string[];
  readonly filepath?: string;

  constructor(message: string, problems: string[], filepath?: string) {
    super(message);
    this.name = 'ConfigError';
    this.problems = problems;
    if (filepath !== undefined) this.filepath = filepath;
  }
}
