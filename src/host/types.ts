import type { Frame, Locator, Page } from 'playwright-core';
import type { z } from 'zod';
import type { AgentBrowserConfig } from '../config/index.js';
import type { snapshot } from '../protocol/actions/snapshot.js';
import type { BrowserTab, SessionBrowser } from './session-browser.js';

/** What an action needs from its target element; `ctx.element` checks it before the work runs. */
export type ElementNeed = 'click' | 'hover' | 'check' | 'fill' | 'select' | 'upload';

/**
 * What a ref stands for: the element's role and name as the snapshot showed them. The daemon binds
 * the ref to that very element (`ariaRef`, Playwright's element-bound `aria-ref`); cursor refs
 * (`clickable` / `focusable`) carry a CSS selector instead, checked against the element's text.
 */
export interface RefEntry {
  role: string;
  name: string;
  /** How many earlier elements share role and name (only in recipe-style formatting). */
  nth?: number;
  /** Only for cursor refs (`clickable` / `focusable`): a CSS selector. */
  selector?: string;
  /** The element's `aria-ref` in its frame's last AI-mode snapshot; set for refs bound to elements. */
  ariaRef?: string;
}

/** One request on its way through the host. */
export interface ActionCall {
  /** The request id (generated when the client sent none). */
  id: string;
  /** The action name, e.g. `click` or `myplugin:summarize`. */
  action: string;
  /** The request's fields other than `id` and `action`; validated before the action hook runs. */
  params: Record<string, unknown>;
  /**
   * Set when another action ran this call through `ctx.run` (`confirm` running the call it held,
   * `auth_login` navigating): that call's id and action. Unset for a client's request.
   */
  parent?: { id: string; action: string };
}

/** What an action answers with: the response's `data` object. */
export type ActionResult = Record<string, unknown>;

/** Leveled logger writing to the session's log file. */
export interface Logger {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
}

/** What an action handler gets besides its params. */
export interface ActionContext {
  /** The session name. */
  readonly session: string;
  /** The call being served. */
  readonly call: ActionCall;
  /** The resolved configuration of this daemon. */
  readonly config: AgentBrowserConfig;
  /** Default timeout for this action in ms (the call's own `timeout` wins where an action has one). */
  readonly timeout: number;
  /**
   * Aborted when the request is cancelled (its client hung up, `cancel`, or its deadline passed).
   * Pass it to long Playwright calls (`{ signal: ctx.signal }`) so abandoned work stops at once.
   */
  readonly signal: AbortSignal;
  /** The session's browser (see {@link SessionBrowser}); launched on first use of `page()`, `tab()` or `locator()`. */
  readonly browser: SessionBrowser;
  readonly log: Logger;
  /** The active tab's page, launching the browser first if none runs. */
  page(): Promise<Page>;
  /** The active tab: its page and the frame page actions target. */
  tab(): Promise<BrowserTab>;
  /** The frame page actions target (the main frame unless a plugin or `frame` switched it). */
  frame(): Promise<Frame>;
  /**
   * Resolves a selector field: CSS, Playwright selectors (`text=`, `role=`, `xpath=`) or a ref from the
   * last snapshot of the active tab (`@e3`, `ref=e3`, `e3`). Throws `UNKNOWN_REF`/`STALE_REF` at once.
   */
  locator(selector: string): Promise<Locator>;
  /**
   * Resolves a selector field like `locator()` and runs `work` on the element. With `need`, the
   * target is checked first: a selector with no match is waited for (up to the timeout); a target
   * that exists but cannot take the action (covered, hidden, disabled, read-only, the wrong kind of
   * element) is re-checked for the short `actionGrace`, then refused. Failures become errors with
   * codes and advice the agent can act on: ELEMENT_NOT_FOUND, STALE_REF, AMBIGUOUS_SELECTOR,
   * ELEMENT_NOT_VISIBLE, ELEMENT_DISABLED, ELEMENT_NOT_EDITABLE, ELEMENT_BLOCKED,
   * ELEMENT_OUTSIDE_VIEWPORT, WRONG_ELEMENT or TIMEOUT, each naming the selector as sent.
   */
  element<T>(selector: string, work: (locator: Locator) => Promise<T>, need?: ElementNeed): Promise<T>;
  /**
   * Runs another action through the whole pipeline, as if a client had sent it (`beforeAction`
   * rewrites and vetoes, validation, its implementation, `afterAction`), inside this action's
   * turn, and resolves with its result `data`. A failure rejects with that action's error (an
   * ActionError with its code). The call carries `parent` (this call's id and action).
   */
  run(action: string, params?: Record<string, unknown>): Promise<ActionResult>;
}

/** An action: a param schema (the single source of truth for validation and help) and a handler. */
export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  /** Wire name. Plugin actions are `plugin:action` unless they override a built-in on purpose. */
  name: string;
  /** One line for `agent-browser actions`, `--help` and tool lists. */
  summary: string;
  /** Param schema (zod). Unknown fields are dropped; `null` counts as absent. */
  params: S;
  /** Does the work; returns the response `data`. Throw `ActionError` for failures users can act on. */
  handler(params: z.infer<S>, ctx: ActionContext): Promise<ActionResult> | ActionResult;
  /**
   * Set to replace an action another plugin registered (e.g. a built-in). The handler is tapped at
   * `stage` (default -10) so it runs before the original; returning `undefined` falls through to it.
   */
  override?: boolean;
  stage?: number;
  /**
   * A string field of the result that the CLI prints as is, without `--json` (e.g. `'markdown'`).
   * Without it the CLI prints a plugin action's result as JSON. Answers carry it as `"print"`.
   */
  print?: string;
  /**
   * How the action shares the session with others. `page` (default): page actions run one at a
   * time, in arrival order. `wait`: it only waits for something to happen in the page (a
   * selector, a response, a download) and runs alongside page actions, so the action that makes
   * it happen is not stuck behind it. `control`: it only reports on or ends the session, never
   * touches a page, and answers at once (as `status` and `tab_list` do).
   */
  lane?: 'page' | 'wait' | 'control';
  /**
   * Set when the action only reads: it changes neither the page, the browser's state (cookies,
   * storage, settings) nor any file. `actions` lists it, and `agent-browser mcp` gives the tool
   * `readOnlyHint`, which lets an MCP client run it without asking. Leave it unset when in doubt.
   */
  readOnly?: boolean;
  /**
   * The tool group `agent-browser mcp` lists the action in (built-ins: `core`, `network`, `state`,
   * …). Default: the plugin's name, so a client can take or leave a plugin's tools together.
   */
  group?: string;
}

/** Launch options every `beforeLaunch` tap may adjust. */
export interface LaunchPlan {
  /** The browser binary to launch; for a remote browser, its endpoint with secrets left out. */
  executablePath: string;
  /** Where the executable came from (flag, env, config, discovery, `remote browser`), for messages. */
  executableSource: string;
  headless: boolean;
  args: string[];
  viewport: { width: number; height: number };
  extensions: string[];
  proxy?: { server: string; bypass?: string; username?: string; password?: string };
  headers?: Record<string, string>;
  /** Set to connect to a running Chrome over CDP on this 127.0.0.1 port instead of launching. */
  cdpPort?: number;
  /** Set to connect to a running Chrome at this CDP URL (ws://, wss://, http://, https://) instead of launching; wins over `cdpPort`. */
  cdpUrl?: string;
  /** Set to connect to a Playwright browser server at this ws:// endpoint instead of launching; wins over `cdpUrl` and `cdpPort`. */
  wsEndpoint?: string;
}

/** Options of a snapshot request: the `snapshot` action's params. */
export type SnapshotOptions = z.infer<typeof snapshot.params>;

/** A snapshot as the `snapshot` hook sees it: the text and the refs it defines. */
export interface SnapshotResult {
  tree: string;
  refs: Record<string, RefEntry>;
}
