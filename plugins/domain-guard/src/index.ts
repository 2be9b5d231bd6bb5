import {
  ActionError,
  defineAction,
  definePlugin,
  z,
  type ActionCall,
  type BrowserContext,
  type Frame,
  type LaunchPlan,
  type Page,
  type Request,
  type Route,
  STAGE,
} from 'agent-browser-host';
import {
  allowList,
  describeList,
  navigationBlockedMessage,
  navigationVerdict,
  parsePattern,
  resolverRules,
  resourceAdvice,
  resourceBlockedMessage,
  resourceVerdict,
  type RequestKind,
  type Verdict,
} from './policy.js';

/**
 * Options of the domain-guard plugin, set in `.agentbrowserrc.json`:
 * `"plugins": [["agent-browser-host/plugins/domain-guard", { "navigation": ["example.com", "*.example.com"] }]]`.
 *
 * A pattern is `example.com` (that host exactly), `*.example.com` (its subdomains at any depth,
 * not `example.com` itself: list both for both), either with an optional `:port` (default: any
 * port), an IP address (`127.0.0.1:3000`, `[::1]`), or `"*"` (every host).
 */
export interface DomainGuardOptions {
  /** Hosts a tab may show as its page (top-level navigations). `about:blank` is always allowed; other non-http(s) schemes never are. */
  navigation: string[];
  /**
   * Hosts pages may load anything else from: images, scripts, styles, fonts, fetch/XHR, iframes.
   * Default: the navigation list. `data:` and `blob:` URLs are always allowed (they never leave the browser).
   */
  resources?: string[];
  /** `block` (default) makes `navigator.serviceWorker.register()` fail: requests a service worker answers bypass the guard's routes. */
  serviceWorkers: 'block' | 'allow';
  /**
   * Also make every host outside both lists unresolvable in the browser (Chromium's
   * `--host-resolver-rules`), which stops what routes cannot see: redirect hops, WebSockets,
   * service-worker and prefetch requests. Default true; it applies to browsers the daemon launches.
   */
  dnsBackstop: boolean;
  /** How many blocked requests `domain-guard:status` keeps (default 50). */
  logSize: number;
}

const pattern = z.string().superRefine((value, ctx) => {
  if (value.trim() === '*') return;
  const parsed = parsePattern(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

const options: z.ZodType<DomainGuardOptions> = z.strictObject({
  navigation: z.array(pattern).refine((list) => list.length > 0, 'list at least one host pattern, or "*" to allow every host'),
  resources: z.array(pattern).optional(),
  serviceWorkers: z.enum(['block', 'allow']).default('block'),
  dnsBackstop: z.boolean().default(true),
  logSize: z.number().int().min(1).max(1000).default(50),
});

/** One request the guard stopped (or, for a redirect hop it could only undo, noticed). */
export interface BlockedRequest {
  url: string;
  kind: RequestKind;
  /** ISO time. */
  at: string;
  /** Set when the URL was a server redirect's target; such hops are stopped by the DNS backstop, or undone after they load. */
  redirectedFrom?: string;
}

interface BlockRecord {
  entry: BlockedRequest;
  seq: number;
  /** The tab whose main frame was refused; null for a popup whose page did not exist yet. */
  page: Page | null;
  popup: boolean;
  reported: boolean;
}

/**
 * The navigation action's URL, refused before anything happens. Built-ins that open a URL otherwise
 * (tab_new, diff_url, recording_start, click --new-tab, auth_login) run `navigate` through the host.
 */
const URL_PARAMS: Record<string, string[]> = { navigate: ['url'] };

/** Actions that load the URL in these params as a sub-resource of the page. */
const RESOURCE_URL_PARAMS: Record<string, string[]> = { addscript: ['url'], addstyle: ['url'] };

const NO_SERVICE_WORKERS = `(() => {
  if (typeof ServiceWorkerContainer === 'undefined') return;
  ServiceWorkerContainer.prototype.register = function register() {
    return Promise.reject(new DOMException('Service workers are blocked by the domain-guard plugin (option serviceWorkers).', 'SecurityError'));
  };
})();`;

const RECENT_LIMIT = 200;
const ANNOUNCED_LIMIT = 20;
/** How long an answer waits for an announced blocked navigation to reach the route and be cancelled. */
const ANNOUNCED_SETTLE_MS = 1000;
/** How long a blocked popup navigation waits for its tab to appear before it is not matched to one any more. */
const POPUP_CLAIM_WINDOW_MS = 10_000;
const RESTORE_TIMEOUT_MS = 5000;

/**
 * The domain-guard plugin: keeps every tab on allowed hosts. Navigation actions to other hosts are
 * refused with `NAVIGATION_BLOCKED` before they run; a context route refuses page loads against
 * the `navigation` list and everything else against the `resources` list; a page that still got
 * somewhere it should not (a server redirect) is taken back, and the action during which any of
 * this happened answers `NAVIGATION_BLOCKED`. Actions: `domain-guard:status`, `domain-guard:check`.
 */
export default definePlugin<DomainGuardOptions>({
  name: 'domain-guard',
  version: '0.1.0',
  options,
  apply(host, settings) {
    const navigation = allowList(settings.navigation);
    const resources = settings.resources ? allowList(settings.resources) : navigation;
    let backstop = settings.dnsBackstop ? 'pending: applied when the daemon launches the browser' : 'off (option dnsBackstop is false)';

    const log: BlockedRequest[] = [];
    let blockedTotal = 0;
    let seq = 0;
    const recent: BlockRecord[] = [];
    const popupsAwaitingPage: BlockRecord[] = [];
    const lastAllowed = new WeakMap<Page, string>();
    const redirectBlocked = new WeakSet<Page>();
    const framesRedirectBlocked = new WeakSet<Frame>();
    const restoring = new Map<Page, Promise<void>>();
    const watchersStarting = new Set<Promise<void>>();
    /** Navigations the browser announced before their request reached the route, per tab (URLs without fragment). */
    const announced = new WeakMap<Page, string[]>();
    /**
     * Announced navigations not yet cancelled by the route. Until the route answers, the browser may
     * still start one, and it would cut short the next navigation the agent asks for.
     */
    const inFlight = new Map<string, { page: Page; done: () => void; settled: Promise<void> }[]>();
    const callStarts = new Map<string, number>();

    const verdictFor = (kind: RequestKind, url: string): Verdict =>
      kind === 'navigation' ? navigationVerdict(navigation, url) : resourceVerdict(resources, url);
    const onlyAResource = (url: string) => resources !== navigation && resourceVerdict(resources, url).allowed;

    function record(url: string, kind: RequestKind, details: { page: Page | null; redirectedFrom?: string }): BlockRecord {
      const entry: BlockedRequest = { url, kind, at: new Date().toISOString(), ...(details.redirectedFrom ? { redirectedFrom: details.redirectedFrom } : {}) };
      log.push(entry);
      if (log.length > settings.logSize) log.shift();
      blockedTotal += 1;
      const item: BlockRecord = { entry, seq: ++seq, page: details.page, popup: kind === 'navigation' && details.page === null, reported: false };
      if (kind === 'navigation') {
        recent.push(item);
        if (recent.length > RECENT_LIMIT) recent.shift();
        if (item.popup) popupsAwaitingPage.push(item);
      }
      host.log.info(`blocked ${kind} ${url}${details.redirectedFrom ? ` (redirected from ${details.redirectedFrom})` : ''}`);
      return item;
    }

    const withoutFragment = (url: string) => url.split('#')[0]!;

    function expect(url: string, page: Page): void {
      let done!: () => void;
      const settled = new Promise<void>((resolve) => (done = resolve));
      const waiting = inFlight.get(url) ?? [];
      waiting.push({ page, done, settled });
      inFlight.set(url, waiting);
      const timer = setTimeout(() => landed(url, page), ANNOUNCED_SETTLE_MS);
      timer.unref();
    }

    function landed(url: string, page: Page): void {
      const waiting = inFlight.get(url);
      const index = waiting ? waiting.findIndex((item) => item.page === page) : -1;
      if (index < 0) return;
      waiting![index]!.done();
      waiting!.splice(index, 1);
      if (waiting!.length === 0) inFlight.delete(url);
    }

    /** Records a tab's blocked navigation unless it was recorded when the browser announced it. */
    function recordForTab(url: string, page: Page): void {
      landed(withoutFragment(url), page);
      const list = announced.get(page);
      const index = list ? list.indexOf(withoutFragment(url)) : -1;
      if (index >= 0) list!.splice(index, 1);
      else record(url, 'navigation', { page });
    }

    // ------------------------------------------------------------------------------ refusing calls
    function refuseUrl(url: unknown): void {
      if (typeof url !== 'string' || url.length === 0) return;
      if (!navigationVerdict(navigation, url).allowed) {
        throw new ActionError('NAVIGATION_BLOCKED', navigationBlockedMessage(url, { inResources: onlyAResource(url), detail: 'Nothing was loaded.' }));
      }
    }

    function refuseCall(call: ActionCall): void {
      for (const field of URL_PARAMS[call.action] ?? []) refuseUrl(call.params[field]);
      for (const field of RESOURCE_URL_PARAMS[call.action] ?? []) {
        const url = call.params[field];
        if (typeof url === 'string' && url.length > 0 && !resourceVerdict(resources, url).allowed) {
          throw new ActionError('NAVIGATION_BLOCKED', resourceBlockedMessage(url));
        }
      }
    }

    // --------------------------------------------------------------------- requests: route + redirects
    function isTopLevel(request: Request): boolean {
      if (!request.isNavigationRequest()) return false;
      try {
        return request.frame().parentFrame() === null;
      } catch {
        // A popup's first navigation is issued before its frame exists.
        return true;
      }
    }

    function pageOf(request: Request): Page | null {
      try {
        return request.frame().page();
      } catch {
        return null;
      }
    }

    async function guardRoute(route: Route): Promise<void> {
      const request = route.request();
      const kind: RequestKind = isTopLevel(request) ? 'navigation' : 'resource';
      if (verdictFor(kind, request.url()).allowed) return route.fallback();
      const page = pageOf(request);
      if (kind === 'navigation' && page) recordForTab(request.url(), page);
      else record(request.url(), kind, { page });
      // A 204 answer cancels a navigation and leaves the page where it was; an aborted one would
      // show an error page. A popup is aborted: Playwright reports a popup only once it committed something.
      if (kind === 'navigation' && page) return route.fulfill({ status: 204 });
      return route.abort('blockedbyclient');
    }

    /** Routes see only the first request of a redirect chain; the request event sees every hop. */
    function noticeRedirect(request: Request): void {
      const from = request.redirectedFrom();
      if (!from) return;
      const kind: RequestKind = isTopLevel(request) ? 'navigation' : 'resource';
      if (verdictFor(kind, request.url()).allowed) return;
      const page = pageOf(request);
      record(request.url(), kind, { page, redirectedFrom: from.url() });
      if (kind === 'navigation' && page) redirectBlocked.add(page);
      if (kind === 'resource' && request.isNavigationRequest()) {
        try {
          framesRedirectBlocked.add(request.frame());
        } catch {
          // No frame: nothing to take back.
        }
      }
    }

    // ------------------------------------------------------------------------ taking pages back
    function restore(page: Page): Promise<void> {
      const running = restoring.get(page);
      if (running) return running;
      const work = (async () => {
        try {
          const previous = lastAllowed.get(page);
          if (previous && previous !== 'about:blank' && (await stepBack(page))) return;
          if (!page.isClosed()) await page.goto('about:blank', { timeout: RESTORE_TIMEOUT_MS });
        } catch (error) {
          if (!page.isClosed()) host.log.warn(`could not take the tab back from ${page.url()}: ${(error as Error).message.split('\n')[0]}`);
        }
      })().finally(() => restoring.delete(page));
      restoring.set(page, work);
      return work;
    }

    /** Goes back in the tab's history; true when that lands on an allowed page. */
    async function stepBack(page: Page): Promise<boolean> {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await page.goBack({ waitUntil: 'commit', timeout: RESTORE_TIMEOUT_MS });
          return !page.isClosed() && navigationVerdict(navigation, page.url()).allowed;
        } catch (error) {
          // Right after an error page commits, the tab is still switching renderer processes.
          if (page.isClosed() || !/not attached/i.test((error as Error).message)) return false;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      return false;
    }

    /** Ties the oldest recent popup block (its request had no page yet) to this new tab. */
    function claimPopup(page: Page): boolean {
      while (popupsAwaitingPage.length > 0 && Date.now() - Date.parse(popupsAwaitingPage[0]!.entry.at) > POPUP_CLAIM_WINDOW_MS) popupsAwaitingPage.shift();
      const item = popupsAwaitingPage.shift();
      if (!item) return false;
      item.page = page;
      return true;
    }

    function onMainFrameCommit(page: Page, url: string): void {
      if (!url) return;
      const fresh = !lastAllowed.has(page);
      if (url.startsWith('chrome-error://')) {
        if (redirectBlocked.delete(page) || (fresh && claimPopup(page))) void restore(page);
        return;
      }
      if (navigationVerdict(navigation, url).allowed) {
        lastAllowed.set(page, url);
        redirectBlocked.delete(page);
        return;
      }
      // data: and blob: documents come from the page itself; Chromium refuses file: and chrome: to web content.
      if (/^(data|blob|about):/i.test(url)) return;
      if (!redirectBlocked.delete(page) && !(fresh && claimPopup(page))) recordForTab(url, page);
      void restore(page);
    }

    function onSubframeCommit(frame: Frame, url: string): void {
      if (!/^https?:/i.test(url) || resourceVerdict(resources, url).allowed) return;
      if (!framesRedirectBlocked.has(frame)) record(url, 'resource', { page: frame.page() });
      framesRedirectBlocked.delete(frame);
      void frame.goto('about:blank', { timeout: RESTORE_TIMEOUT_MS }).catch(() => undefined);
    }

    /**
     * A script or link navigation reaches the route only after the browser started it, which can be
     * after the action that caused it answered. The DevTools event that the page asked to navigate
     * arrives before that answer, so the block is recorded then (the route still does the blocking).
     */
    async function watchRequestedNavigations(page: Page): Promise<void> {
      const session = await page.context().newCDPSession(page);
      let mainFrameId = (await session.send('Page.getFrameTree')).frameTree.frame.id;
      session.on('Page.frameNavigated', ({ frame }) => {
        if (!frame.parentId) mainFrameId = frame.id;
      });
      session.on('Page.frameRequestedNavigation', ({ frameId, url, disposition }) => {
        if (frameId !== mainFrameId || disposition !== 'currentTab' || !/^https?:/i.test(url)) return;
        if (navigationVerdict(navigation, url).allowed) return;
        const list = announced.get(page) ?? [];
        list.push(withoutFragment(url));
        if (list.length > ANNOUNCED_LIMIT) list.shift();
        announced.set(page, list);
        expect(withoutFragment(url), page);
        record(url, 'navigation', { page });
      });
      await session.send('Page.enable');
    }

    function watchPage(page: Page): void {
      const starting = watchRequestedNavigations(page)
        .catch((error: Error) => {
          if (!page.isClosed()) host.log.debug(`cannot watch navigations of ${page.url()}: ${error.message}`);
        })
        .finally(() => watchersStarting.delete(starting));
      watchersStarting.add(starting);
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) onMainFrameCommit(page, frame.url());
        else onSubframeCommit(frame, frame.url());
      });
      // A popup can be reported with its first document (or error page) already committed.
      onMainFrameCommit(page, page.url());
    }

    /** Waits for the tabs being taken back, so an answer describes where they ended up. */
    async function settle(): Promise<void> {
      await Promise.allSettled([...watchersStarting]);
      await Promise.all([...inFlight.values()].flat().map((item) => item.settled));
      for (let round = 0; round < 3 && restoring.size > 0; round++) await Promise.allSettled([...restoring.values()]);
    }

    // ---------------------------------------------------------------------- answering NAVIGATION_BLOCKED
    function takeUnreported(since: number): BlockRecord[] {
      const found = recent.filter((item) => item.seq > since && !item.reported);
      for (const item of found) item.reported = true;
      return found;
    }

    function blockedDuring(action: string, blocked: BlockRecord[], cause?: unknown): ActionError {
      const first = blocked[0]!;
      const how = first.entry.redirectedFrom
        ? `a server redirect from ${first.entry.redirectedFrom}`
        : first.popup
          ? 'a popup (window.open or a target=_blank link)'
          : 'a link, form, script or redirect';
      const where = first.popup
        ? 'The popup tab stays at about:blank (it is the active tab now).'
        : first.page && !first.page.isClosed()
          ? `The tab stays at ${first.page.url()}.`
          : '';
      const more =
        blocked.length > 1
          ? ` ${blocked.length - 1} more navigation(s) were blocked meanwhile: ${blocked
              .slice(1, 4)
              .map((item) => item.entry.url)
              .join(', ')}${blocked.length > 4 ? ', …' : ''}.`
          : '';
      const detail = `"${action}" led there through ${how}. ${where}${more}`.trim();
      return new ActionError(
        'NAVIGATION_BLOCKED',
        navigationBlockedMessage(first.entry.url, { inResources: onlyAResource(first.entry.url), detail }),
        cause === undefined ? undefined : { cause },
      );
    }

    const ownAction = (action: string) => action.startsWith(`${host.name}:`) || action === 'close';

    // ----------------------------------------------------------------------------------- hooks
    host.hooks.beforeLaunch.tap(host.name, (plan: LaunchPlan) => {
      if (!settings.dnsBackstop) return plan;
      if (plan.cdpPort || plan.cdpUrl || plan.wsEndpoint) {
        backstop = `off: the browser is attached ${plan.wsEndpoint ? 'through a Playwright server' : 'over CDP'} (launched elsewhere), so its launch flags cannot be set`;
        return plan;
      }
      if (plan.args.some((arg) => arg.startsWith('--host-resolver-rules'))) {
        backstop = 'off: the launch args already set --host-resolver-rules';
        host.log.warn(`dnsBackstop skipped: ${backstop}`);
        return plan;
      }
      const proxyHost = plan.proxy ? hostOfProxy(plan.proxy.server) : null;
      const rules = resolverRules([navigation, resources], proxyHost ? [proxyHost] : []);
      if (!rules) {
        backstop = 'off: a list allows every host ("*")';
        return plan;
      }
      backstop = plan.proxy ? 'on, but requests go through a proxy, which resolves host names itself' : 'on';
      return { ...plan, args: [...plan.args, `--host-resolver-rules=${rules}`] };
    });

    host.hooks.context.tapPromise(host.name, async (context: BrowserContext) => {
      await context.route('**/*', (route) =>
        guardRoute(route).catch((error: Error) => host.log.debug(`route for ${route.request().url()} failed: ${error.message}`)),
      );
      if (settings.serviceWorkers === 'block') await context.addInitScript({ content: NO_SERVICE_WORKERS });
      context.on('request', noticeRedirect);
    });

    host.hooks.page.tap(host.name, watchPage);

    // Last, so it sees the call as other plugins rewrote it.
    host.hooks.beforeAction.tap({ name: host.name, stage: STAGE.LATE }, (call: ActionCall) => {
      refuseCall(call);
      callStarts.set(call.id, seq);
      return call;
    });

    // After the built-ins, which wait for popups to become tabs.
    host.hooks.afterAction.tapPromise({ name: host.name, stage: STAGE.LATE }, async (result, call) => {
      const since = callStarts.get(call.id);
      callStarts.delete(call.id);
      if (since === undefined || ownAction(call.action)) return result;
      await settle();
      const blocked = takeUnreported(since);
      if (blocked.length > 0) throw blockedDuring(call.action, blocked);
      return result;
    });

    // A navigating action (navigate, reload, back…) fails when the guard cut its navigation short: answer why.
    host.hooks.afterError.tapPromise({ name: host.name, stage: STAGE.LATE }, async (error, call) => {
      const since = callStarts.get(call.id);
      callStarts.delete(call.id);
      if (since === undefined || ownAction(call.action)) return error;
      await settle();
      const blocked = takeUnreported(since);
      return blocked.length > 0 ? blockedDuring(call.action, blocked, error) : error;
    });

    // --------------------------------------------------------------------------------- actions
    host.addAction(
      defineAction({
        name: 'domain-guard:status',
        summary: 'The allowed hosts for navigation and for sub-resources, and the requests blocked lately (newest last).',
        params: z.object({}),
        handler: () => ({
          navigation: describeList(navigation),
          resources: describeList(resources),
          resourcesFrom: settings.resources ? 'resources option' : 'navigation list (no resources option)',
          serviceWorkers: settings.serviceWorkers,
          dnsBackstop: backstop,
          blocked: log.map((entry) => ({ ...entry })),
          blockedTotal,
        }),
      }),
    );

    host.addAction(
      defineAction({
        name: 'domain-guard:check',
        summary: 'Whether a URL may be opened as a page (navigation) and loaded as a sub-resource, and which rule decides.',
        params: z.object({ url: z.string().min(1).describe('An absolute URL, e.g. https://cdn.example.com/app.js') }),
        handler({ url }) {
          const asPage = navigationVerdict(navigation, url);
          const asResource = resourceVerdict(resources, url);
          const advice: string[] = [];
          if (!asPage.allowed) advice.push(navigationBlockedMessage(url, { inResources: onlyAResource(url) }));
          if (!asResource.allowed) advice.push(`As a sub-resource: ${asResource.reason}. ${resourceAdvice(url)}`);
          return { url, navigation: asPage, resource: asResource, ...(advice.length > 0 ? { advice: advice.join(' ') } : {}) };
        },
      }),
    );
  },
});

function hostOfProxy(server: string): string | null {
  try {
    const hostname = new URL(server.includes('://') ? server : `http://${server}`).hostname;
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return null;
  }
}
