import type { z } from 'zod';

/**
 * The MCP tool groups of the built-in actions, each with what it holds (for `agent-browser mcp
 * --help` and its messages). `agent-browser mcp` serves `core` unless told otherwise (`--tools`,
 * `mcpTools`); the others are opt-in. A plugin's actions form a group named after the plugin.
 */
export const TOOL_GROUPS = {
  core: 'navigate, back/forward/reload, snapshot, click, fill, type, press, select, hover, check, wait, gettext, evaluate, screenshot, tab_list/new/switch/close, close',
  interaction: 'more ways to act: double-click, drag, upload, scroll, focus, clear, mouse, keyboard and touch input, clipboard, getby* locators',
  reading: 'url, title, HTML, text, attributes, values, element states, counts, boxes, styles, PDF',
  tabs: 'windows, frames, dialogs, bring to front',
  network: 'requests, routes (mock/block), headers, offline, HAR, downloads, response bodies',
  state: 'cookies, local/session storage, saved states, credentials, the login vault (auth_*)',
  emulation: 'devices, viewport, geolocation, locale, timezone, user agent, media, permissions',
  scripting: 'init scripts, scripts and styles, exposed functions, evalhandle, setcontent, waits for a JS condition, URL or load state',
  debug: 'console, page errors, traces, profiler, recordings, video, screencast, live stream, diffs, highlight, pause',
  session: 'the daemon: status, launch, cancel, actions, confirm/deny',
} as const satisfies Record<string, string>;

/** The MCP tool group a built-in action belongs to (see TOOL_GROUPS). */
export type ToolGroup = keyof typeof TOOL_GROUPS;

/** How an argument or flag value is read when no param types it (it feeds a finisher, see `CliCommand.finish`). */
export type CliValueKind = 'string' | 'integer' | 'number' | 'boolean';

/** A positional argument of a command. */
export interface CliArg<P> {
  /** The name `--help` shows (`<selector>`). */
  name: string;
  /** The param it fills; its type, enum and limits come from the schema. Unset: a finisher reads it. */
  param?: keyof P & string;
  required?: boolean;
  /** `text`: this and every later word, joined by spaces. `list`: this and every later word, as a list. */
  rest?: 'text' | 'list';
  /** A file path, made absolute against the current folder (the daemon may run elsewhere). */
  file?: boolean;
  /** A URL: a bare host gets https:// (loopback hosts http://), as in the reference CLI. */
  url?: boolean;
  /** The value kind when no param types it. */
  kind?: CliValueKind;
  /** The choices when no param's enum gives them. */
  options?: readonly string[];
  /** Sent when the argument is not given (the reference CLI sends it too). */
  default?: string | number | boolean;
  description?: string;
}

/** A flag of a command (`--click-count 2`). */
export interface CliFlag<P> {
  /** The param it fills; its type, enum and limits come from the schema. Unset: a finisher reads it. */
  param?: keyof P & string;
  /** A one-letter alias (`-i`). */
  char?: string;
  /** A file path, made absolute against the current folder. */
  file?: boolean;
  /** The value kind when no param types it. */
  kind?: CliValueKind;
  /** The choices when no param's enum gives them, or a CLI spelling of them. */
  options?: readonly string[];
  /** Repeatable: every value is collected. */
  multiple?: boolean;
  /** Sent when the flag is not given. */
  default?: string | number | boolean;
  /** A true/false flag that `--no-<flag>` sets to false (sent as false). */
  allowNo?: boolean;
  /**
   * Typed like a param of another action this command also sends (`wait --load` is
   * waitforloadstate's `state`); a finisher puts it in that action's request.
   */
  like?: { contract: () => ActionContract; param: string };
  description?: string;
}

/** How the CLI reaches an action: one command, declared as data. */
export interface CliCommand<P = Record<string, unknown>> {
  /** oclif command id: `click`, `get:text` (typed `get text`). */
  id: string;
  /** Help text, when it says more than the action's summary on purpose (a command that sends part of an action). */
  summary?: string;
  description?: string;
  args?: ReadonlyArray<CliArg<P>>;
  flags?: Readonly<Record<string, CliFlag<P>>>;
  /** Params every request of this command carries (`{subaction: 'copy'}`). */
  fixed?: Partial<P>;
  /** A finisher in src/cli/requests.ts that turns the read values into the request (when data cannot say it). */
  finish?: string;
  /** Other actions the finisher may send instead (`wait --url` sends waitforurl). */
  sends?: readonly string[];
  /**
   * Params no flag or argument fills, each with the reason: left out on purpose, or filled by the
   * finisher. The build check requires every other param to be reachable from the command line.
   */
  omits?: Partial<Record<keyof P & string, string>>;
  /** Whether the CLI's fast path (no oclif) may run it. */
  fast: boolean;
  /** How data no output rule matches is printed: `✓ Done` (default) or JSON. */
  output?: 'done' | 'json';
  aliases?: readonly string[];
  hidden?: boolean;
  examples: readonly string[];
}

/**
 * One action's contract, declared once: the daemon validates with `params`, `actions` and MCP list
 * it, the CLI's commands are derived from `cli`, and docs/actions.md is generated from it.
 */
export interface ActionContract<S extends z.ZodType = z.ZodType> {
  /** Wire name (`click`, `tab_new`). */
  name: string;
  /** One line for `actions`, `--help` and tool lists. */
  summary: string;
  /** Param schema (zod), with the reference daemon's field names. */
  params: S;
  /** How the action shares the session (see ActionDefinition.lane); default `page`. */
  lane?: 'page' | 'wait' | 'control';
  /** Set when the action changes neither the page, the browser's state nor any file. */
  readOnly?: boolean;
  /** The MCP tool group it is listed in. */
  group: ToolGroup;
  /** The CLI commands that send it (none: reachable with `run` only). */
  cli?: ReadonlyArray<CliCommand<z.input<S>>>;
}

/** Declares an action's contract; returns it unchanged, typed (the CLI mapping is checked against the schema's fields). */
export function contract<S extends z.ZodType>(definition: ActionContract<S>): ActionContract<S> {
  return definition;
}
