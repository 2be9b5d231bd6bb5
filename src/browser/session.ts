import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import type { AgentBrowserConfig } from '../config/index.js';
import type { Hooks } from '../host/hooks.js';
import type { LaunchPlan, Logger } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import { BrowserNotFoundError, findBrowser } from './discovery.js';
import { RefStore } from './refs.js';

/** Chromium flags that keep it from reaching out to the network on its own. */
export const QUIET_CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A tab: its page, the refs of its last snapshot and the frame page actions target. */
export class Tab {
  readonly refs: RefStore;
  /** The frame page actions target; null means the main frame. */
  activeFrame: Frame | null = null;

  constructor(
    readonly page: Page,
    label: () => string,
  ) {
    this.refs = new RefStore(label);
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.refs.noteNavigation(frame.url(), false);
      if (this.activeFrame && this.activeFrame.isDetached()) this.activeFrame = null;
    });
    page.on('domcontentloaded', () => this.refs.noteNavigation(page.url(), true));
  }

  frame(): Frame {
    return this.activeFrame && !this.activeFrame.isDetached() ? this.activeFrame : this.page.mainFrame();
  }
}

/** Launch-time fields of the `launch` action; they override the configuration. */
export interface LaunchRequest {
  headless?: boolean;
  viewport?: { width: number; height: number };
  executablePath?: string;
  extensions?: string[];
  headers?: Record<string, string>;
  args?: string[];
  proxy?: LaunchPlan['proxy'];
  cdpPort?: number;
}

export interface BrowserSessionOptions {
  hooks: Hooks;
  config: AgentBrowserConfig;
  log: Logger;
  /** Where `config.executablePath` came from, for messages (e.g. `flag --executable-path`). */
  executableSource?: string;
}

/** The daemon's one browser: launched lazily, relaunched after it dies, closed on shutdown. */
export class BrowserSession {
  browser: Browser | null = null;
  context: BrowserContext | null = null;
  readonly tabs: Tab[] = [];
  activeIndex = 0;
  plan: LaunchPlan | null = null;
  /** Options the current context was created with; `recreateContext` starts from them. */
  contextOptions: BrowserContextOptions = {};
  /** Set when the browser went away unexpectedly; reported by the next action. */
  lostReason: string | null = null;
  private launching: Promise<void> | null = null;
  private userDataDir: string | null = null;
  private closing = false;

  constructor(private readonly options: BrowserSessionOptions) {}

  get launched(): boolean {
    return this.context !== null;
  }

  /** Launches unless a browser runs; concurrent callers share one launch. */
  async ensure(request: LaunchRequest = {}): Promise<void> {
    if (this.context) return;
    this.launching ??= this.launch(request).finally(() => {
      this.launching = null;
    });
    await this.launching;
  }

  async activeTab(): Promise<Tab> {
    await this.ensure();
    if (this.tabs.length === 0) {
      await this.context!.newPage();
    }
    if (this.activeIndex >= this.tabs.length) this.activeIndex = this.tabs.length - 1;
    return this.tabs[this.activeIndex]!;
  }

  tabLabel(tab: Tab): string {
    const index = this.tabs.indexOf(tab);
    return index >= 0 ? `tab ${index}` : 'this tab';
  }

  async close(): Promise<void> {
    this.closing = true;
    const browser = this.browser;
    const context = this.context;
    this.browser = null;
    this.context = null;
    this.tabs.length = 0;
    try {
      if (browser) await browser.close();
      else if (context) await context.close();
    } catch (error) {
      this.options.log.warn(`closing the browser failed: ${(error as Error).message}`);
    }
    if (this.userDataDir) await fs.rm(this.userDataDir, { recursive: true, force: true }).catch(() => undefined);
    this.userDataDir = null;
    this.closing = false;
  }

  private async launch(request: LaunchRequest): Promise<void> {
    const { hooks, log } = this.options;
    const plan = await hooks.beforeLaunch.promise(this.initialPlan(request));
    this.plan = plan;
    const args = [...QUIET_CHROMIUM_ARGS, ...plan.args];
    if (plan.extensions.length > 0) {
      const list = plan.extensions.join(',');
      args.push(`--disable-extensions-except=${list}`, `--load-extension=${list}`);
    }
    log.info(`launching ${plan.executablePath} (${plan.headless ? 'headless' : 'headed'})`);
    const started = Date.now();
    try {
      if (plan.cdpPort) {
        this.browser = await chromium.connectOverCDP(`http://127.0.0.1:${plan.cdpPort}`);
        this.context = this.browser.contexts()[0] ?? (await this.browser.newContext({ viewport: plan.viewport }));
      } else if (plan.extensions.length > 0) {
        // Chromium loads extensions only into a persistent profile.
        this.userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-browser-profile-'));
        this.context = await chromium.launchPersistentContext(this.userDataDir, {
          executablePath: plan.executablePath,
          headless: plan.headless,
          args,
          viewport: plan.viewport,
          proxy: plan.proxy,
          extraHTTPHeaders: plan.headers,
        });
      } else {
        this.browser = await chromium.launch({ executablePath: plan.executablePath, headless: plan.headless, args, proxy: plan.proxy });
        this.contextOptions = { viewport: plan.viewport, extraHTTPHeaders: plan.headers };
        this.context = await this.browser.newContext(this.contextOptions);
      }
    } catch (error) {
      await this.close();
      const reason = (error as Error).message.split('\n').slice(0, 4).join(' ').trim();
      throw new ActionError(
        'BROWSER_LAUNCH_FAILED',
        `Could not start the browser at ${plan.executablePath} (from ${plan.executableSource}): ${reason}. ` +
          'Check that it is a Chrome/Chromium binary that runs on this machine, or point --executable-path (AGENT_BROWSER_EXECUTABLE_PATH, executablePath in .agentbrowserrc) at another one.',
        { cause: error },
      );
    }
    const context = this.context;
    this.wire(context);
    const onGone = () => {
      if (this.closing || this.context !== context) return;
      this.lostReason = 'The browser exited unexpectedly; a new one was started and earlier page state (tabs, cookies, refs) was lost.';
      log.warn('browser disconnected');
      this.browser = null;
      this.context = null;
      this.tabs.length = 0;
    };
    if (this.browser) this.browser.on('disconnected', onGone);
    else context.on('close', onGone);
    if (this.tabs.length === 0) await context.newPage();
    this.activeIndex = 0;
    log.info(`browser ready in ${Date.now() - started} ms`);
    await hooks.browserReady.promise(this);
  }

  /**
   * Replaces the context with one created with `changes` merged into the current options, for
   * settings Playwright takes only at context creation (storage state, locale, timezone, user
   * agent, touch, scale factor). Cookies and storage carry over unless `changes.storageState`
   * replaces them; tabs reopen at their URLs; their DOM state and refs are gone.
   */
  async recreateContext(changes: BrowserContextOptions): Promise<{ reopened: string[] }> {
    await this.ensure();
    const old = this.context!;
    if (!this.browser || this.plan?.cdpPort) {
      throw new ActionError(
        'NOT_SUPPORTED',
        'This setting needs a new browser context, which a browser with extensions (a persistent profile) or one attached over CDP cannot create. Put the setting in .agentbrowserrc and restart with \'agent-browser close\'.',
      );
    }
    const urls = this.tabs.map((tab) => tab.page.url());
    const active = this.activeIndex;
    const storageState = changes.storageState ?? (await old.storageState());
    const options: BrowserContextOptions = { ...this.contextOptions, ...changes };
    delete options.storageState;
    this.closing = true;
    try {
      this.tabs.length = 0;
      await old.close().catch(() => undefined);
      this.context = await this.browser.newContext({ ...options, storageState });
      this.contextOptions = options;
    } finally {
      this.closing = false;
    }
    this.wire(this.context);
    const reopened: string[] = [];
    for (const url of urls.length > 0 ? urls : ['about:blank']) {
      const page = await this.context.newPage();
      if (url !== 'about:blank') await page.goto(url, { waitUntil: 'domcontentloaded' }).catch((error: Error) => this.options.log.warn(`reopening ${url} failed: ${error.message}`));
      reopened.push(url);
    }
    this.activeIndex = Math.min(active, this.tabs.length - 1);
    return { reopened };
  }

  private wire(context: BrowserContext): void {
    context.setDefaultTimeout(this.options.config.timeout);
    context.setDefaultNavigationTimeout(this.options.config.timeout);
    context.on('page', (page) => this.adopt(page));
    for (const page of context.pages()) this.adopt(page);
  }

  private adopt(page: Page): void {
    if (this.tabs.some((tab) => tab.page === page)) return;
    const tab = new Tab(page, () => this.tabLabel(tab));
    this.tabs.push(tab);
    page.on('close', () => {
      const index = this.tabs.indexOf(tab);
      if (index < 0) return;
      this.tabs.splice(index, 1);
      if (this.activeIndex >= index && this.activeIndex > 0) this.activeIndex -= 1;
    });
    this.options.hooks.page.call(page);
  }

  private initialPlan(request: LaunchRequest): LaunchPlan {
    const { config } = this.options;
    const explicitPath = request.executablePath ?? config.executablePath;
    const explicitFrom = request.executablePath ? 'the launch request' : (this.options.executableSource ?? 'configuration');
    let executable: { path: string; source: string };
    try {
      executable = request.cdpPort
        ? { path: `cdp://127.0.0.1:${request.cdpPort}`, source: 'CDP' }
        : findBrowser({ explicit: explicitPath ? { path: explicitPath, from: explicitFrom } : undefined, playwrightPath: playwrightChromiumPath() });
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
      cdpPort: request.cdpPort,
    };
  }
}

function playwrightChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}
