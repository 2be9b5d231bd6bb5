import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import type { z } from 'zod';
import type { RemoteTarget } from '../protocol/remote.js';
import type { launch } from '../protocol/actions/daemon.js';
import type { LaunchPlan } from './types.js';

/** Launch-time fields of the `launch` action (its param schema); they override the configuration. */
export type LaunchRequest = z.infer<typeof launch.params>;

/** One tab of the session, as actions and plugins see it. */
export interface BrowserTab {
  /** The tab's Playwright page. */
  readonly page: Page;
  /** The frame chosen with `frame` (null: the main frame). */
  readonly activeFrame: Frame | null;
  /**
   * The frame page actions target. Throws FRAME_NOT_FOUND once when the frame chosen with `frame`
   * was removed from the page (the next actions use the main frame).
   */
  frame(): Frame;
  /** Makes `frame` the one page actions target (null: the main frame). */
  selectFrame(frame: Frame | null): void;
}

/**
 * The session's browser as actions and plugins see it (`ctx.browser`, the `browserReady` hook):
 * what it runs, its tabs and contexts, and the few operations an action needs. Closing the browser
 * is the daemon's business (the `close` action), not a plugin's.
 */
export interface SessionBrowser {
  /** The Playwright browser; null before launch and for a persistent profile (extensions), which has only a context. */
  readonly browser: Browser | null;
  /** True once a browser runs (or a remote one is attached). */
  readonly launched: boolean;
  /** The remote browser this session attaches (or will attach) to; null when it launches its own. */
  readonly remote: RemoteTarget | null;
  /** What the browser was launched with, after every `beforeLaunch` tap; null before launch. */
  readonly plan: Readonly<LaunchPlan> | null;
  /**
   * The active tab's browser context (the launch context unless `window new` opened another one
   * and one of its tabs is active). Cookies, storage, routes and headers act on it.
   */
  readonly context: BrowserContext | null;
  /** Every open browser context, the launch context first. */
  readonly contexts: readonly BrowserContext[];
  /** The open tabs, in the order `tab list` shows them. */
  readonly tabs: readonly BrowserTab[];
  /** The index in `tabs` of the tab page actions target. */
  readonly activeIndex: number;
  /**
   * The options the active context was created with, as changed by `keepContextOptions`. A
   * re-created context (a new viewport scale, user agent, …) starts from them.
   */
  readonly contextOptions: Readonly<BrowserContextOptions>;
  /** Whether `newWindow` can open a context of its own (not in a persistent profile with extensions). */
  readonly opensWindows: boolean;
  /**
   * Launches the browser (or attaches to the remote one) unless one runs; concurrent callers share
   * one launch. A request naming another remote browser than the one in use switches to it.
   */
  ensure(request?: LaunchRequest): Promise<void>;
  /** Opens a tab in the active tab's context (or `context`) and makes it active; with `url` it navigates there. */
  newTab(options?: { url?: string; context?: BrowserContext; timeout?: number }): Promise<BrowserTab>;
  /**
   * Opens a new browser context (its own cookies and storage) with one tab, which becomes active.
   * It starts from the launch context's options, `viewport` replacing it; `storageState` fills it
   * with cookies and storage, `recordVideo` records its tabs.
   */
  newWindow(options?: {
    viewport?: { width: number; height: number };
    storageState?: BrowserContextOptions['storageState'];
    recordVideo?: BrowserContextOptions['recordVideo'];
  }): Promise<BrowserTab>;
  /** Makes `tab` the active one and brings it to the front. */
  activate(tab: BrowserTab): void;
  /** Closes a tab; a window context left without tabs closes with it. */
  closeTab(tab: BrowserTab): Promise<void>;
  /**
   * Records settings already applied to the active context (headers, offline, geolocation,
   * permissions, …) so that a re-created context keeps them. The one way to change `contextOptions`.
   */
  keepContextOptions(changes: BrowserContextOptions): void;
  /**
   * Re-creates every context with `changes` (settings Playwright fixes at creation: viewport scale,
   * user agent, touch, video). Cookies and storage carry over; tabs reopen at their URLs, losing
   * their DOM state and refs. Answers the URLs reopened.
   */
  recreateContext(changes: BrowserContextOptions): Promise<{ reopened: string[] }>;
}
