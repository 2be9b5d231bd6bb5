import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, BrowserType, Frame, Page } from 'playwright-core';
import type { AgentBrowserConfig, ConfigKey } from '../config/index.js';
import type { Hooks } from '../host/hooks.js';
import type { LaunchPlan, Logger } from '../host/types.js';
import type { BrowserTab, LaunchRequest, SessionBrowser } from '../host/session-browser.js';
import { ActionError } from '../protocol/errors.js';
import { processAlive } from '../transport/session-files.js';
import { BrowserNotFoundError, findBrowser, QUIET_CHROMIUM_ARGS } from '../config/browser.js';
import { loadPlaywright, reachMainWorld } from './playwright.js';
import { RefStore } from './refs.js';
import { joinSharedBrowser, leaveSharedBrowser, sharedDir, type SharedLaunch } from './shared-browser.js';
import {
  connectRemote,
  describeRemote,
  refuseLocalOptions,
  remoteKey,
  remoteLostMessage,
  requestedRemote,
  type LocalOption,
  type RemoteTarget,
} from './remote.js';

/** A tab: its page, the refs of its last snapshot and the frame page actions target. */
export type { LaunchRequest };

/** The session's own tab behind a {@link BrowserTab} (its refs and frame state), for the built-ins. */
export function sessionTab(tab: BrowserTab): Tab {
  if (tab instanceof Tab) return tab;
  throw new Error('not a tab of this session');
}

/** What an agent last saw of a tab: the interactive elements of one document of one frame, by ref. */
export interface SeenElements {
  frame: Frame;
  /** The document's token (see `documentToken`). */
  document: string | undefined;
  url: string;
  title: string;
  /** `snapshot -i` lines without their leading `- `, by ref. */
  lines: Map<string, string>;
  /** The text shown outside interactive elements, one entry per text run, in document order. */
  texts: string[];
}

export class Tab implements BrowserTab {
  readonly refs: RefStore;
  /** The frame page actions target; null means the main frame. */
  activeFrame: Frame | null = null;
  /** Set when the active frame was removed while the main document stayed: the next action says so once. */
  frameGone: string | null = null;
  /** The interactive elements the agent last saw of this tab (its last snapshot or change report), to report changes against. */
  seen: SeenElements | null = null;

  constructor(
    readonly page: Page,
    label: () => string,
    /** Which other tab's last snapshot defines a ref (for UNKNOWN_REF messages), if any. */
    owner?: (ref: string) => string | null,
  ) {
    this.refs = new RefStore(label, owner);
    page.on('framenavigated', (frame) => {
      this.refs.noteNavigation(frame);
      if (frame === page.mainFrame()) {
        // A new main document replaces every child frame; actions go back to the main frame quietly.
        if (this.activeFrame?.isDetached()) this.activeFrame = null;
        this.frameGone = null;
      }
    });
    page.on('framedetached', (frame) => {
      if (frame !== this.activeFrame) return;
      this.frameGone = frame.url();
      this.activeFrame = null;
    });
  }

  /** Makes `frame` the one page actions target (null: the main frame). */
  selectFrame(frame: Frame | null): void {
    this.activeFrame = frame && frame !== this.page.mainFrame() ? frame : null;
    this.frameGone = null;
  }

  /**
   * The frame page actions target, without using up the FRAME_NOT_FOUND notice `frame()` gives
   * once: null while that notice is pending (for work around an action, such as a change report).
   */
  targetFrame(): Frame | null {
    if (this.frameGone !== null) return null;
    if (this.activeFrame && this.activeFrame.isDetached()) return this.page.mainFrame();
    return this.activeFrame ?? this.page.mainFrame();
  }

  /**
   * The frame page actions target. Throws FRAME_NOT_FOUND once when the frame chosen with `frame`
   * was removed from the page (the next actions use the main frame).
   */
  frame(): Frame {
    if (this.frameGone !== null) {
      const url = this.frameGone;
      this.frameGone = null;
      throw new ActionError(
        'FRAME_NOT_FOUND',
        `The frame selected with 'frame' (${url || 'about:blank'}) was removed from the page, so this action did not run. Actions now target the main frame; run 'frame <selector>' again to re-enter a frame.`,
      );
    }
    if (this.activeFrame && this.activeFrame.isDetached()) this.activeFrame = null;
    return this.activeFrame ?? this.page.mainFrame();
  }
}

export interface BrowserSessionOptions {
  hooks: Hooks;
  config: AgentBrowserConfig;
  log: Logger;
  /** Where `config.executablePath` came from, for messages (e.g. `flag --executable-path`). */
  executableSource?: string;
  /** Where a configuration value came from, for messages (e.g. `file ~/proj/.agentbrowserrc`). */
  sourceOf?: (key: ConfigKey) => string;
  /** The folder of shared browsers (`sharedBrowser: true`); see `sharedDir`. */
  sharedDir?: string;
}

/** How long closing may wait on a remote browser that stopped answering. */
const REMOTE_CLOSE_MS = 5000;

/** How long after the first launch the daemon collects the garbage of loading playwright-core. */
const LOADING_GC_DELAY_MS = 1000;
let loadingGarbageCollected = false;
/** `gc`, as the daemon's node flags expose it, taken at start before any plugin could replace it. */
const fullCollection = (globalThis as { gc?: () => void }).gc;

/**
 * Once, a moment after the first launch (off the first request's path): a full collection frees
 * what loading playwright-core and launching left, most of it promoted out of the small young
 * generation the daemon runs with. Needs `gc`, which the daemon's node flags expose.
 */
function collectLoadingGarbage(): void {
  const gc = fullCollection;
  if (loadingGarbageCollected || typeof gc !== 'function') return;
  loadingGarbageCollected = true;
  setTimeout(() => gc(), LOADING_GC_DELAY_MS).unref();
}

/** The daemon's one browser: launched lazily, relaunched after it dies, closed on shutdown. */
const REQUESTED_REMOTE = "'connect', --cdp or --ws-endpoint";

export class BrowserSession implements SessionBrowser {
  browser: Browser | null = null;
  /** The context created at launch; `window_new` adds more (see `contexts`). */
  private primary: BrowserContext | null = null;
  /** Every open context in creation order, the launch context first. */
  private readonly contextList: BrowserContext[] = [];
  /** The options each context was created with; `recreateContext` starts from them. */
  private readonly optionsOf = new Map<BrowserContext, BrowserContextOptions>();
  /** One flat list of tabs across all contexts, in the order they opened. */
  readonly tabs: Tab[] = [];
  private active = 0;
  private readonly tabListeners = new Set<() => void>();
  private tabsChangeQueued = false;
  plan: LaunchPlan | null = null;
  /** Set when the browser went away unexpectedly; reported by the next action. */
  lostReason: string | null = null;
  private launching: Promise<void> | null = null;
  private userDataDir: string | null = null;
  /** The shared browser this daemon has joined (`sharedBrowser: true`), to leave it on close. */
  private sharedLaunch: { dir: string; launch: SharedLaunch } | null = null;
  private closing = false;
  /** The launched browser's process, once known (not for a browser attached over CDP). */
  private browserPid: number | null = null;
  /** Forgets a browser that went away (set at launch). */
  private forgetBrowser: (() => void) | null = null;
  /**
   * The remote browser this session attaches to (a `launch` naming one, or `wsEndpoint` in the
   * configuration); it stays the session's browser after a failed attempt or a lost connection.
   */
  private remoteTarget: { target: RemoteTarget; source: string } | null = null;
  /** Set when the remote browser went away; the next action fails with BROWSER_CLOSED and clears it. */
  private remoteLost = false;
  /** Tabs and windows this daemon opened in a remote browser: the only ones `close` closes there. */
  private readonly created = new WeakSet<Page | BrowserContext>();

  /** What actions and plugins get (`ctx.browser`, `browserReady`): only the {@link SessionBrowser} members. */
  readonly view: SessionBrowser;

  constructor(private readonly options: BrowserSessionOptions) {
    this.view = viewOf(this);
  }

  /** The index in `tabs` of the tab page actions target. */
  get activeIndex(): number {
    return this.active;
  }

  set activeIndex(index: number) {
    this.active = index;
    this.tabsChanged();
  }

  /**
   * Calls `listener` after the active tab may have changed: a tab switch, a new tab or popup, a
   * closed tab, a relaunch, a closed browser. A burst of changes calls it once, after the burst.
   * Returns the function that unsubscribes.
   */
  onTabsChange(listener: () => void): () => void {
    this.tabListeners.add(listener);
    return () => this.tabListeners.delete(listener);
  }

  private tabsChanged(): void {
    if (this.tabsChangeQueued || this.tabListeners.size === 0) return;
    this.tabsChangeQueued = true;
    queueMicrotask(() => {
      this.tabsChangeQueued = false;
      for (const listener of this.tabListeners) listener();
    });
  }

  /** True while this session works in the shared browser (`sharedBrowser: true`). */
  get shared(): boolean {
    return this.sharedLaunch !== null && this.browser !== null;
  }

  get launched(): boolean {
    return this.primary !== null;
  }

  /** True while the launched browser is still connected (a closed tab leaves it running). */
  get connected(): boolean {
    return this.primary !== null && (this.browser?.isConnected() ?? true);
  }

  /** The remote browser this session attaches (or will attach) to; null: it launches its own. */
  get remote(): RemoteTarget | null {
    return (this.remoteTarget ?? this.configuredRemote())?.target ?? null;
  }

  /**
   * After the remote browser went away: the error the next action fails with (BROWSER_CLOSED,
   * saying how to reconnect), once. Null when there is nothing to report.
   */
  takeRemoteLoss(cause?: unknown): ActionError | null {
    if (!this.remoteLost || !this.remoteTarget) return null;
    this.remoteLost = false;
    return new ActionError('BROWSER_CLOSED', remoteLostMessage(this.remoteTarget.target, this.options.config.session), { cause });
  }

  /**
   * The active tab's browser context (the launch context until `window_new` opened another one
   * and one of its tabs is active). Cookies, storage, routes and headers act on it.
   */
  get context(): BrowserContext | null {
    if (!this.primary) return null;
    const tab = this.tabs[this.activeIndex];
    const context = tab?.page.context();
    return context && this.optionsOf.has(context) ? context : this.primary;
  }

  /** Every open browser context, the launch context first (`window_new` adds one each). */
  get contexts(): readonly BrowserContext[] {
    return this.contextList;
  }

  /**
   * Options the active context was created with; `recreateContext` starts from them. Mutating the
   * object (e.g. remembering headers) makes a recreated context keep the change.
   */
  get contextOptions(): Readonly<BrowserContextOptions> {
    return this.activeContextOptions();
  }

  keepContextOptions(changes: BrowserContextOptions): void {
    Object.assign(this.activeContextOptions(), changes);
  }

  private activeContextOptions(): BrowserContextOptions {
    const context = this.context;
    if (!context) return {};
    let options = this.optionsOf.get(context);
    if (!options) {
      options = {};
      this.optionsOf.set(context, options);
    }
    return options;
  }

  /**
   * Launches (or attaches to the remote browser) unless a browser runs; concurrent callers share
   * one launch. A request naming another remote browser than the one in use switches to it.
   */
  async ensure(request: LaunchRequest = {}): Promise<void> {
    if (this.primary && this.browserPid !== null && !processAlive(this.browserPid)) this.forgetBrowser?.();
    const requested = requestedRemote(request);
    if (this.primary) {
      const current = this.remoteTarget?.target;
      if (requested && (!current || remoteKey(requested) !== remoteKey(current))) {
        // Refused before the running browser is dropped, so a refusal leaves the session as it was.
        refuseLocalOptions(requested, REQUESTED_REMOTE, this.localOptions(request, false));
        this.options.log.info(`switching to ${describeRemote(requested)}`);
        await this.close();
      } else {
        if (current) refuseLocalOptions(current, this.remoteTarget!.source, this.localOptions(request, false));
        return;
      }
    }
    if (requested) {
      this.remoteTarget = { target: requested, source: REQUESTED_REMOTE };
      this.remoteLost = false;
    }
    const lost = this.takeRemoteLoss();
    if (lost) throw lost;
    this.launching ??= this.launch(request).finally(() => {
      this.launching = null;
    });
    await this.launching;
  }

  async activeTab(): Promise<Tab> {
    await this.ensure();
    // A page that closed itself may not have delivered its close event yet.
    for (const tab of this.tabs.filter((candidate) => candidate.page.isClosed())) this.forget(tab);
    if (this.tabs.length === 0) {
      this.adopt(await this.openPage(this.primary!));
    }
    if (this.activeIndex >= this.tabs.length) this.activeIndex = this.tabs.length - 1;
    return this.tabs[this.activeIndex]!;
  }

  tabLabel(tab: Tab): string {
    const index = this.tabs.indexOf(tab);
    return index >= 0 ? `tab ${index}` : 'this tab';
  }

  /** The tab of `page`, adopting it first if the page event has not arrived yet. */
  tabOf(page: Page): Tab {
    this.adopt(page);
    return this.tabs.find((tab) => tab.page === page)!;
  }

  /**
   * Opens a tab in the active tab's context (or `context`) and makes it active. With `url` it
   * navigates there, waiting for `domcontentloaded`.
   */
  async newTab(options: { url?: string; context?: BrowserContext; timeout?: number } = {}): Promise<Tab> {
    await this.ensure();
    const context = options.context ?? this.context!;
    const page = await this.openPage(context);
    const tab = this.tabOf(page);
    this.activate(tab);
    if (options.url) await page.goto(options.url, { waitUntil: 'domcontentloaded', timeout: options.timeout });
    return tab;
  }

  /**
   * A new browser context (its own cookies and storage, like a separate browser profile) with one
   * tab, which becomes active. It starts from the launch context's options, `viewport` replacing it;
   * `storageState` fills it with cookies and storage, `recordVideo` records its tabs.
   */
  async newWindow(
    options: {
      viewport?: { width: number; height: number };
      storageState?: BrowserContextOptions['storageState'];
      recordVideo?: BrowserContextOptions['recordVideo'];
    } = {},
  ): Promise<Tab> {
    await this.ensure();
    if (!this.browser) {
      throw new ActionError(
        'NOT_SUPPORTED',
        "A browser with extensions runs in one persistent profile, which cannot open a separate window context. Use 'tab new' for another tab, or start without extensions.",
      );
    }
    const base = { ...(this.optionsOf.get(this.primary!) ?? {}) };
    delete base.storageState;
    const contextOptions: BrowserContextOptions = {
      ...base,
      ...(options.viewport ? { viewport: options.viewport } : {}),
      ...(options.recordVideo ? { recordVideo: options.recordVideo } : {}),
    };
    const context = await this.openContext(options.storageState ? { ...contextOptions, storageState: options.storageState } : contextOptions);
    await this.track(context, contextOptions);
    this.wire(context);
    return this.newTab({ context });
  }

  /** Whether `newWindow` can open a context of its own (not in a persistent profile with extensions). */
  get opensWindows(): boolean {
    return this.browser !== null;
  }

  /** Makes `tab` the active one and brings it to the front. */
  activate(tab: BrowserTab): void {
    const index = this.tabs.findIndex((candidate) => candidate === tab);
    if (index < 0) return;
    this.activeIndex = index;
    // Headless pages all count as visible; headed, the switch should be visible too.
    void tab.page.bringToFront().catch(() => undefined);
  }

  /** Closes a tab; a window context left without tabs closes with it. */
  async closeTab(tab: BrowserTab): Promise<void> {
    const context = tab.page.context();
    await tab.page.close();
    const own = this.tabs.find((candidate) => candidate === tab);
    if (own) this.forget(own);
    if (context !== this.primary && this.optionsOf.has(context) && context.pages().length === 0) {
      await context.close().catch(() => undefined);
    }
  }

  /**
   * Closes the browser this daemon launched. A remote browser keeps running: only the tabs and
   * windows this daemon opened there are closed, then the connection.
   */
  async close(): Promise<void> {
    this.closing = true;
    const browser = this.browser;
    const context = this.primary;
    const remote = this.remoteTarget !== null && browser !== null;
    const ours = remote ? this.openedHere() : null;
    this.dropContexts({ browser: true });
    try {
      if (ours) await settleWithin(REMOTE_CLOSE_MS, Promise.all(ours.map((target) => target.close())));
      if (browser) await (remote ? settleWithin(REMOTE_CLOSE_MS, browser.close()) : browser.close());
      else if (context) await context.close();
    } catch (error) {
      this.options.log.warn(`closing the browser failed: ${(error as Error).message}`);
    }
    if (this.userDataDir) await fs.rm(this.userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
    this.userDataDir = null;
    if (this.sharedLaunch) leaveSharedBrowser(this.sharedLaunch.dir, this.sharedLaunch.launch);
    this.sharedLaunch = null;
    this.closing = false;
  }

  /**
   * Connects to the shared browser for `plan` (starting its keeper when none runs); this session
   * then works in browser contexts of its own there. A failed connection is tried once more (a
   * keeper that died meanwhile is replaced then).
   */
  private async joinShared(chromium: BrowserType, plan: LaunchPlan): Promise<Browser> {
    const dir = this.options.sharedDir ?? sharedDir(os.tmpdir());
    const launch: SharedLaunch = {
      executablePath: plan.executablePath,
      headless: plan.headless,
      args: plan.args,
      ...(plan.proxy ? { proxy: plan.proxy } : {}),
    };
    this.sharedLaunch = { dir, launch };
    for (let attempt = 1; ; attempt++) {
      const keeper = await joinSharedBrowser(dir, launch, process.env);
      try {
        return await chromium.connect(keeper.wsEndpoint, { timeout: this.options.config.timeout });
      } catch (error) {
        if (attempt >= 2) throw error;
        // Other sessions may still use that browser: it is left alone; a keeper that died is replaced by the next join.
        this.options.log.warn(
          `the shared browser (keeper pid ${keeper.pid}) did not take the connection, trying again: ${(error as Error).message.split('\n')[0]}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** What close() closes in a remote browser: this daemon's windows, and its tabs in the windows it adopted. */
  private openedHere(): Array<Page | BrowserContext> {
    if (!this.browser?.isConnected()) return [];
    const contexts = this.contextList.filter((context) => this.created.has(context));
    const pages = this.tabs.map((tab) => tab.page).filter((page) => this.created.has(page) && !contexts.includes(page.context()) && !page.isClosed());
    return [...pages, ...contexts];
  }

  /** A new tab, remembered as this daemon's. */
  private async openPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    this.created.add(page);
    return page;
  }

  /** A new browser context, remembered as this daemon's. */
  private async openContext(options: BrowserContextOptions): Promise<BrowserContext> {
    const context = await this.browser!.newContext(options);
    this.created.add(context);
    return context;
  }

  /** `wsEndpoint` from the configuration, when the session has not been pointed elsewhere. */
  private configuredRemote(): { target: RemoteTarget; source: string } | null {
    const { config, sourceOf } = this.options;
    return config.wsEndpoint ? { target: { kind: 'playwright', url: config.wsEndpoint }, source: sourceOf?.('wsEndpoint') ?? 'the configuration' } : null;
  }

  /**
   * Launch options given for a browser this daemon starts (the request's own, and with
   * `withConfig` the configured ones), with where each was set.
   */
  private localOptions(request: LaunchRequest, withConfig: boolean): LocalOption[] {
    const { config } = this.options;
    const sourceOf = (key: ConfigKey) => this.options.sourceOf?.(key) ?? 'configuration';
    const options: LocalOption[] = [];
    const fromRequest = 'the launch request';
    const executable = request.executablePath ?? (withConfig ? config.executablePath : undefined);
    if (executable)
      options.push({
        name: 'executablePath',
        value: executable,
        source: request.executablePath ? fromRequest : (this.options.executableSource ?? sourceOf('executablePath')),
      });
    if (request.headless === false || (withConfig && request.headless === undefined && !config.headless))
      options.push({ name: 'headless', value: 'false', source: request.headless === false ? fromRequest : sourceOf('headless') });
    const extensions = request.extensions ?? (withConfig ? config.extensions : []);
    if (extensions.length > 0)
      options.push({ name: 'extensions', value: extensions.join(', '), source: request.extensions ? fromRequest : sourceOf('extensions') });
    if (withConfig && config.args.length > 0) options.push({ name: 'args', value: config.args.join(' '), source: sourceOf('args') });
    if (request.args?.length) options.push({ name: 'args', value: request.args.join(' '), source: fromRequest });
    return options;
  }

  private async launch(request: LaunchRequest): Promise<void> {
    const { hooks, log } = this.options;
    const { chromium } = await loadPlaywright();
    const wanted = this.remoteTarget ?? this.configuredRemote();
    if (wanted) {
      // A browser named by the request ('connect', --cdp) sets aside the configured launch options,
      // as the agent-browser daemons do; only a configured remote conflicts with configured options.
      refuseLocalOptions(wanted.target, wanted.source, this.localOptions(request, !this.remoteTarget));
      this.remoteTarget = wanted;
    }
    const plan = await hooks.beforeLaunch.promise(this.initialPlan(request, chromium, wanted?.target ?? null));
    // A beforeLaunch tap may point the launch elsewhere; the session follows the plan it made.
    const remote = requestedRemote(plan);
    if (!remote) this.remoteTarget = null;
    else if (!wanted || remoteKey(remote) !== remoteKey(wanted.target)) this.remoteTarget = { target: remote, source: 'a beforeLaunch plugin' };
    this.plan = plan;
    const args = [...QUIET_CHROMIUM_ARGS, ...plan.args];
    if (plan.extensions.length > 0) {
      const list = plan.extensions.join(',');
      args.push(`--disable-extensions-except=${list}`, `--load-extension=${list}`);
    }
    log.info(remote ? `attaching to ${describeRemote(remote)}` : `launching ${plan.executablePath} (${plan.headless ? 'headless' : 'headed'})`);
    if (this.options.config.sharedBrowser && (remote || plan.extensions.length > 0))
      log.warn(
        `sharedBrowser does not apply to ${remote ? 'a remote browser' : 'a browser with extensions (a profile of its own)'}: this session gets a browser of its own`,
      );
    const started = Date.now();
    try {
      if (remote) {
        this.browser = await connectRemote(chromium, remote, this.options.config.timeout);
        // Over CDP the browser's own windows (the user's tabs) are adopted; a Playwright server shows
        // this client none, so it gets a window of its own, made like a launched browser's.
        const existing = remote.kind === 'cdp' ? this.browser.contexts() : [];
        for (const context of existing.slice(1)) this.contextList.push(context);
        if (existing[0]) this.primary = existing[0];
        else {
          const options: BrowserContextOptions = { viewport: plan.viewport, extraHTTPHeaders: plan.headers, proxy: plan.proxy };
          this.primary = await this.openContext(options);
          this.optionsOf.set(this.primary, options);
        }
      } else if (plan.extensions.length > 0) {
        // Chromium loads extensions only into a persistent profile.
        this.userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-browser-profile-'));
        this.primary = await chromium.launchPersistentContext(this.userDataDir, {
          executablePath: plan.executablePath,
          headless: plan.headless,
          args,
          viewport: plan.viewport,
          proxy: plan.proxy,
          extraHTTPHeaders: plan.headers,
        });
      } else if (this.options.config.sharedBrowser) {
        this.browser = await this.joinShared(chromium, plan);
        const options: BrowserContextOptions = { viewport: plan.viewport, extraHTTPHeaders: plan.headers };
        this.primary = await this.openContext(options);
        this.optionsOf.set(this.primary, options);
      } else {
        this.browser = await chromium.launch({ executablePath: plan.executablePath, headless: plan.headless, args, proxy: plan.proxy });
        const options: BrowserContextOptions = { viewport: plan.viewport, extraHTTPHeaders: plan.headers };
        this.primary = await this.browser.newContext(options);
        this.optionsOf.set(this.primary, options);
      }
    } catch (error) {
      await this.close();
      if (remote) throw error;
      const reason = (error as Error).message.split('\n').slice(0, 4).join(' ').trim();
      throw new ActionError(
        'BROWSER_LAUNCH_FAILED',
        `Could not start the browser at ${plan.executablePath} (from ${plan.executableSource}): ${reason}. ` +
          'Check that it is a Chrome/Chromium binary that runs on this machine, or point --executable-path (AGENT_BROWSER_EXECUTABLE_PATH, executablePath in .agentbrowserrc) at another one.',
        { cause: error },
      );
    }
    const context = this.primary;
    const contexts = [context, ...this.contextList.filter((other) => other !== context)];
    await reachMainWorld();
    this.contextList.length = 0;
    try {
      for (const each of contexts) await this.track(each, this.optionsOf.get(each) ?? {});
    } catch (error) {
      // A plugin that cannot prepare the context leaves no half-ready browser behind.
      await this.close();
      throw error;
    }
    for (const each of contexts) this.wire(each);
    const onGone = () => {
      if (this.closing || this.primary !== context) return;
      if (remote) this.remoteLost = true;
      else this.lostReason = 'The browser exited unexpectedly; a new one was started and earlier page state (tabs, cookies, refs) was lost.';
      log.warn(remote ? `lost the connection to ${describeRemote(remote)}` : 'browser disconnected');
      this.dropContexts({ browser: true });
    };
    this.forgetBrowser = onGone;
    if (this.browser) this.browser.on('disconnected', onGone);
    else context.on('close', onGone);
    if (this.browser && !remote) void this.watchProcess(this.browser);
    if (this.tabs.length === 0) this.adopt(await this.openPage(context));
    this.activeIndex = 0;
    log.info(`browser ready in ${Date.now() - started} ms`);
    collectLoadingGarbage();
    try {
      await hooks.browserReady.promise(this.view);
    } catch (error) {
      // As with a context a plugin could not prepare: no browser that a plugin did not finish setting up.
      await this.close();
      throw error;
    }
  }

  /**
   * Learns the browser's pid. Playwright notices that the browser died when its pipe closes, which
   * can be most of a second after the process exited (its child processes hold the pipe); with the
   * pid, the next action notices at once and starts a new browser instead of using the dead one.
   */
  private async watchProcess(browser: Browser): Promise<void> {
    try {
      const session = await browser.newBrowserCDPSession();
      const { processInfo } = await session.send('SystemInfo.getProcessInfo');
      await session.detach();
      const pid = processInfo.find((info) => info.type === 'browser')?.id;
      if (pid && this.browser === browser) this.browserPid = pid;
    } catch {
      // Unknown: Playwright's own notice still comes.
    }
  }

  /**
   * Replaces the browser contexts with ones created with `changes` merged into their options, for
   * settings Playwright takes only at context creation (storage state, locale, timezone, user
   * agent, touch, scale factor). Every context (`window_new` opens more) is recreated; cookies and
   * storage carry over unless `changes.storageState` replaces them, which it does for the active
   * tab's context only. Tabs reopen at their URLs in the same order; their DOM state and refs are gone.
   */
  async recreateContext(changes: BrowserContextOptions): Promise<{ reopened: string[] }> {
    await this.ensure();
    if (!this.browser || this.remoteTarget?.target.kind === 'cdp') {
      throw new ActionError(
        'NOT_SUPPORTED',
        this.browser
          ? "This setting needs a new browser context, and the tabs of a browser attached over CDP live in its own windows, which agent-browser cannot recreate. Use 'window new' for a fresh window, or set it in the browser itself."
          : "This setting needs a new browser context, which a browser with extensions (a persistent profile) cannot create. Put the setting in .agentbrowserrc and restart with 'agent-browser close'.",
      );
    }
    const olds = [...this.contextList];
    const activeContext = this.context!;
    const tabs = this.tabs.map((tab) => ({ url: tab.page.url(), slot: Math.max(0, olds.indexOf(tab.page.context())) }));
    const active = this.activeIndex;
    const plans: Array<{ options: BrowserContextOptions; storageState: BrowserContextOptions['storageState'] }> = [];
    for (const old of olds) {
      const storageState = old === activeContext && changes.storageState ? changes.storageState : await old.storageState();
      const options: BrowserContextOptions = { ...(this.optionsOf.get(old) ?? {}), ...changes };
      delete options.storageState;
      plans.push({ options, storageState });
    }
    const fresh: BrowserContext[] = [];
    this.closing = true;
    try {
      this.dropContexts({ browser: false });
      for (const old of olds) await old.close().catch(() => undefined);
      for (const plan of plans) {
        const context = await this.openContext({ ...plan.options, storageState: plan.storageState });
        await this.track(context, plan.options);
        fresh.push(context);
      }
      this.primary = fresh[0]!;
    } finally {
      this.closing = false;
    }
    for (const context of fresh) this.wire(context);
    const reopened: string[] = [];
    for (const { url, slot } of tabs.length > 0 ? tabs : [{ url: 'about:blank', slot: 0 }]) {
      const page = await this.openPage(fresh[slot]!);
      this.adopt(page);
      if (url !== 'about:blank')
        await page.goto(url, { waitUntil: 'domcontentloaded' }).catch((error: Error) => this.options.log.warn(`reopening ${url} failed: ${error.message}`));
      reopened.push(url);
    }
    this.activeIndex = Math.max(0, Math.min(active, this.tabs.length - 1));
    return { reopened };
  }

  /**
   * Forgets the tabs and contexts (and with `browser`, the browser and its process): the one reset
   * behind close, a lost browser and a context re-creation. Closing them is the caller's business.
   */
  private dropContexts({ browser }: { browser: boolean }): void {
    if (browser) {
      this.browser = null;
      this.browserPid = null;
    }
    this.primary = null;
    this.contextList.length = 0;
    this.optionsOf.clear();
    this.tabs.length = 0;
    this.tabsChanged();
  }

  /** Registers a new context and lets plugins prepare it (the `context` hook) before it is used. */
  private async track(context: BrowserContext, options: BrowserContextOptions): Promise<void> {
    if (!this.contextList.includes(context)) this.contextList.push(context);
    this.optionsOf.set(context, options);
    context.on('close', () => {
      const index = this.contextList.indexOf(context);
      if (index >= 0) this.contextList.splice(index, 1);
      this.optionsOf.delete(context);
    });
    await this.options.hooks.context.promise(context);
  }

  private wire(context: BrowserContext): void {
    context.setDefaultTimeout(this.options.config.timeout);
    context.setDefaultNavigationTimeout(this.options.config.timeout);
    // Popups (window.open, target=_blank) become tabs and the active tab, as a browser focuses them.
    context.on('page', (page) => {
      const known = this.tabs.some((tab) => tab.page === page);
      // A popup of one of this daemon's tabs in a remote browser is this daemon's too.
      if (this.remoteTarget)
        void page.opener().then(
          (opener) => opener && this.created.has(opener) && this.created.add(page),
          () => undefined,
        );
      this.adopt(page);
      if (!known && !this.closing) this.activate(this.tabs.find((tab) => tab.page === page)!);
    });
    for (const page of context.pages()) this.adopt(page);
  }

  private adopt(page: Page): void {
    if (this.tabs.some((tab) => tab.page === page) || page.isClosed()) return;
    const tab: Tab = new Tab(
      page,
      () => this.tabLabel(tab),
      (ref) => {
        const owner = this.tabs.find((other) => other !== tab && other.refs.has(ref));
        return owner ? this.tabLabel(owner) : null;
      },
    );
    this.tabs.push(tab);
    this.tabsChanged();
    page.on('close', () => this.forget(tab));
    this.options.hooks.page.call(page);
  }

  /** Drops a closed tab from the list, keeping the same tab active where it still exists. */
  private forget(tab: Tab): void {
    const index = this.tabs.indexOf(tab);
    if (index < 0) return;
    this.tabs.splice(index, 1);
    this.tabsChanged();
    if (this.activeIndex > index || (this.activeIndex === index && this.activeIndex === this.tabs.length && index > 0)) this.activeIndex -= 1;
  }

  private initialPlan(request: LaunchRequest, chromium: BrowserType, remote: RemoteTarget | null): LaunchPlan {
    const { config } = this.options;
    const explicitPath = request.executablePath ?? config.executablePath;
    const explicitFrom = request.executablePath ? 'the launch request' : (this.options.executableSource ?? 'configuration');
    let executable: { path: string; source: string };
    try {
      executable = remote
        ? { path: describeRemote(remote), source: 'remote browser' }
        : findBrowser({ explicit: explicitPath ? { path: explicitPath, from: explicitFrom } : undefined, playwrightPath: playwrightChromiumPath(chromium) });
    } catch (error) {
      if (error instanceof BrowserNotFoundError) throw new ActionError('BROWSER_NOT_FOUND', error.message, { cause: error });
      throw error;
    }
    return {
      executablePath: executable.path,
      executableSource: executable.source,
      headless: request.headless ?? config.headless,
      args: [...config.args, ...(request.args ?? [])],
      viewport: request.viewport ?? config.viewport,
      extensions: request.extensions ?? config.extensions,
      proxy: request.proxy,
      headers: request.headers,
      ...(remote?.kind === 'playwright' ? { wsEndpoint: remote.url } : {}),
      ...(remote?.kind === 'cdp' ? (remote.port ? { cdpPort: remote.port } : { cdpUrl: remote.url }) : {}),
    };
  }
}

/** Waits for `work` at most `ms`; a remote browser that stopped answering must not hold up shutdown. */
async function settleWithin(ms: number, work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function playwrightChromiumPath(chromium: BrowserType): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** A frozen object with the {@link SessionBrowser} members of `session` and nothing else (no `close`, no internals). */
function viewOf(session: BrowserSession): SessionBrowser {
  return Object.freeze({
    get browser() {
      return session.browser;
    },
    get launched() {
      return session.launched;
    },
    get remote() {
      return session.remote;
    },
    get plan() {
      return session.plan;
    },
    get context() {
      return session.context;
    },
    get contexts() {
      return session.contexts;
    },
    get tabs() {
      return session.tabs;
    },
    get activeIndex() {
      return session.activeIndex;
    },
    get contextOptions() {
      return Object.freeze({ ...session.contextOptions });
    },
    get opensWindows() {
      return session.opensWindows;
    },
    ensure: (request?: LaunchRequest) => session.ensure(request),
    newTab: (options?: Parameters<SessionBrowser['newTab']>[0]) => session.newTab(options),
    newWindow: (options?: Parameters<SessionBrowser['newWindow']>[0]) => session.newWindow(options),
    activate: (tab: BrowserTab) => session.activate(tab),
    closeTab: (tab: BrowserTab) => session.closeTab(tab),
    keepContextOptions: (changes: BrowserContextOptions) => session.keepContextOptions(changes),
    recreateContext: (changes: BrowserContextOptions) => session.recreateContext(changes),
  });
}
