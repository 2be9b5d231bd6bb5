import type { Browser, Dialog, Frame, Page } from 'playwright-core';
import { friendlyElementError } from '../browser/element-errors.js';
import { pageTitle } from '../browser/page-session.js';
import { sessionTab } from '../browser/session.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { BrowserTab, SessionBrowser } from '../host/session-browser.js';
import type { ActionContext } from '../host/types.js';
import { ActionError, isActionError, stripAnsi } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/tabs.js';

/** One dialog as an action's answer reports it (`data.dialogs`). */
export interface DialogRecord {
  type: string;
  message: string;
  defaultValue?: string;
  handled: 'accepted' | 'dismissed';
  by: 'policy' | 'dialog action';
}

interface ArmedResponse {
  response: 'accept' | 'dismiss';
  promptText?: string;
}

function invalidIndex(index: number, count: number): ActionError {
  const available = count === 1 ? '0' : `0-${count - 1}`;
  return new ActionError('TAB_NOT_FOUND', `Invalid tab index: ${index}. Available: ${available}. Run 'tab list' (tab_list) to see the tabs.`);
}

function tabAt(ctx: ActionContext, index: number): BrowserTab {
  const tab = ctx.browser.tabs[index];
  if (!tab) throw invalidIndex(index, ctx.browser.tabs.length);
  return tab;
}

async function titleOf(page: Page): Promise<string> {
  return pageTitle(page).catch(() => '');
}

/**
 * Opens a tab (it becomes the active one) and, with a URL, loads it there through the `navigate`
 * action, so policy plugins see the navigation. A navigation they refuse closes the tab again.
 */
async function openTab(ctx: ActionContext, url: string | undefined): Promise<number> {
  const tab = await ctx.browser.newTab();
  const index = ctx.browser.tabs.indexOf(tab);
  if (url) {
    try {
      await ctx.run('navigate', { url, waitUntil: 'domcontentloaded' });
    } catch (error) {
      if (isActionError(error) && error.code === 'NAVIGATION_BLOCKED') {
        await ctx.browser.closeTab(tab).catch(() => undefined);
        throw error;
      }
      const code = isActionError(error) ? error.code : 'NAVIGATION_FAILED';
      throw new ActionError(
        code,
        `Opened tab ${index} (now active), but loading ${url} failed: ${firstLine(error).replace(/[.\s]*$/, '.')} Check the URL, or use 'open <url>' to retry in this tab.`,
        { cause: error },
      );
    }
  }
  return index;
}

function firstLine(error: unknown): string {
  return stripAnsi(error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .trim();
}

/** `name "pay" at https://…` for frame listings in errors. */
function describeFrames(page: Page): string {
  const frames = page.frames().filter((frame) => frame !== page.mainFrame());
  if (frames.length === 0) return 'This page has no frames.';
  const shown = frames.slice(0, 8).map((frame) => `${frame.name() ? `name "${frame.name()}"` : '(no name)'} at ${frame.url() || 'about:blank'}`);
  return `Frames on this page: ${shown.join('; ')}${frames.length > 8 ? `; and ${frames.length - 8} more` : ''}.`;
}

/** Glob as Playwright's URL matching reads it: `**` any characters, `*` anything but `/`, `?` one character. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

async function frameBySelector(ctx: ActionContext, selector: string): Promise<Frame> {
  const tab = await ctx.tab();
  const inFrame = tab.activeFrame
    ? ` The lookup ran inside the current frame (${tab.activeFrame.url()}); run 'frame main' (mainframe) first to pick a frame of the main page.`
    : '';
  const locator = await ctx.locator(selector);
  let handle;
  try {
    handle = await locator.elementHandle({ timeout: ctx.timeout });
  } catch (error) {
    const friendly = friendlyElementError(error, selector);
    if (isActionError(friendly) && friendly.code === 'ELEMENT_NOT_FOUND') {
      throw new ActionError('FRAME_NOT_FOUND', `Frame not found: ${selector}. No element matches it.${inFrame} ${describeFrames(tab.page)}`, { cause: error });
    }
    throw friendly;
  }
  if (!handle) throw new ActionError('FRAME_NOT_FOUND', `Frame not found: ${selector}.${inFrame} ${describeFrames(tab.page)}`);
  try {
    const frame = await handle.contentFrame();
    if (!frame) {
      const tag = await handle.evaluate((node) => node.nodeName.toLowerCase()).catch(() => 'element');
      throw new ActionError(
        'FRAME_NOT_FOUND',
        `Element is not a frame: ${selector} (it is a <${tag}>). Point 'frame' at an <iframe> or <frame> element. ${describeFrames(tab.page)}`,
      );
    }
    return frame;
  } finally {
    await handle.dispose().catch(() => undefined);
  }
}

function frameByName(page: Page, name: string): Frame {
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame() && candidate.name() === name);
  if (!frame) throw new ActionError('FRAME_NOT_FOUND', `Frame not found with name: ${name}. ${describeFrames(page)}`);
  return frame;
}

function frameByUrl(page: Page, url: string): Frame {
  const frames = page.frames().filter((candidate) => candidate !== page.mainFrame());
  const glob = /[*?]/.test(url) ? globToRegExp(url) : null;
  const frame =
    frames.find((candidate) => candidate.url() === url) ??
    (glob ? frames.find((candidate) => glob.test(candidate.url())) : undefined) ??
    frames.find((candidate) => candidate.url().includes(url));
  if (!frame) throw new ActionError('FRAME_NOT_FOUND', `Frame not found with URL: ${url}. ${describeFrames(page)}`);
  return frame;
}

export default definePlugin({
  name: 'agent-browser:tabs',
  apply(host) {
    // ---------------------------------------------------------------------------------------- dialogs
    /** Responses armed by the `dialog` action, per page (the reference installs a persistent handler). */
    const armed = new WeakMap<Page, ArmedResponse>();
    /** Dialogs handled since the last answer; the next answer (of any action) reports them. */
    const pending: DialogRecord[] = [];

    const handleDialog = async (page: Page, dialog: Dialog) => {
      const type = dialog.type();
      const choice: ArmedResponse & { by: DialogRecord['by'] } =
        type === 'beforeunload'
          ? { response: 'accept', by: 'policy' }
          : armed.has(page)
            ? { ...armed.get(page)!, by: 'dialog action' }
            : { response: host.config.dialogs, by: 'policy' };
      const record: DialogRecord = {
        type,
        message: dialog.message(),
        ...(type === 'prompt' ? { defaultValue: dialog.defaultValue() } : {}),
        handled: choice.response === 'accept' ? 'accepted' : 'dismissed',
        by: choice.by,
      };
      pending.push(record);
      try {
        if (choice.response === 'accept') await dialog.accept(type === 'prompt' ? (choice.promptText ?? dialog.defaultValue()) : undefined);
        else await dialog.dismiss();
      } catch (error) {
        host.log.debug(`handling a ${type} dialog failed: ${firstLine(error)}`);
      }
    };

    host.hooks.page.tap(host.name, (page) => {
      page.on('dialog', (dialog) => void handleDialog(page, dialog));
    });

    // ----------------------------------------------------------------------------------------- popups
    /**
     * A click that opens a popup answers before Playwright has set the new page up, so the popup
     * would become a tab (and the active one) in the middle of the next action. The browser's page
     * targets are counted as Chromium reports them (target discovery, so no round trip per action);
     * while there are more than tabs after an action, the answer waits (up to 2 s) for the new tabs
     * to be adopted.
     */
    let session: SessionBrowser | null = null;
    let targets: { browser: Browser; pages: Set<string>; ready: Promise<void> } | null = null;
    let ignoredSurplus = 0;
    host.hooks.browserReady.tap(host.name, (browser) => {
      session = browser;
      targets = null;
      ignoredSurplus = 0;
    });
    const watchTargets = (browser: Browser) => {
      const pages = new Set<string>();
      const ready = (async () => {
        const cdp = await browser.newBrowserCDPSession();
        cdp.on('Target.targetCreated', ({ targetInfo }) => {
          if (targetInfo.type === 'page') pages.add(targetInfo.targetId);
        });
        cdp.on('Target.targetDestroyed', ({ targetId }) => pages.delete(targetId));
        // Answered after the events for the targets that exist already.
        await cdp.send('Target.setDiscoverTargets', { discover: true });
      })();
      return { browser, pages, ready };
    };
    const settlePopups = async () => {
      const browser = session?.browser;
      if (!session || !browser || !session.launched) return;
      try {
        if (!targets || targets.browser !== browser) targets = watchTargets(browser);
        await targets.ready;
        const { pages } = targets;
        const surplus = pages.size - session.tabs.length;
        if (surplus <= 0 || surplus <= ignoredSurplus) {
          ignoredSurplus = Math.min(ignoredSurplus, Math.max(0, surplus));
          return;
        }
        const deadline = Date.now() + 2000;
        while (session.tabs.length < pages.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
        // Pages that never become tabs (not ours) must not slow every later answer down.
        ignoredSurplus = Math.max(0, pages.size - session.tabs.length);
      } catch (error) {
        targets = null;
        host.log.debug(`counting page targets failed: ${firstLine(error)}`);
      }
    };

    host.hooks.afterAction.tapPromise(host.name, async (result, call) => {
      if (call.action !== 'close') await settlePopups();
      if (pending.length === 0) return result;
      const dialogs = pending.splice(0);
      const earlier = Array.isArray(result.dialogs) ? (result.dialogs as DialogRecord[]) : [];
      return { ...result, dialogs: [...earlier, ...dialogs] };
    });

    host.addAction(
      defineAction({
        ...contracts.dialog,
        async handler({ response, promptText }, ctx) {
          const page = await ctx.page();
          armed.set(page, { response, ...(promptText !== undefined ? { promptText } : {}) });
          return { handler: 'set', response };
        },
      }),
    );

    // ------------------------------------------------------------------------------------------- tabs
    host.addAction(
      defineAction({
        ...contracts.tab_new,
        async handler({ url }, ctx) {
          const index = await openTab(ctx, url);
          return { index, total: ctx.browser.tabs.length };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.tab_list,
        async handler(_, ctx) {
          await ctx.tab();
          const { tabs, activeIndex } = ctx.browser;
          const list = await Promise.all(
            tabs.map(async (tab, index) => ({ index, url: tab.page.url(), title: await titleOf(tab.page), active: index === activeIndex })),
          );
          return { tabs: list, active: activeIndex };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.tab_switch,
        async handler({ index }, ctx) {
          await ctx.tab();
          const tab = tabAt(ctx, index);
          ctx.browser.activate(tab);
          return { index, url: tab.page.url(), title: await titleOf(tab.page) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.tab_close,
        async handler({ index }, ctx) {
          await ctx.tab();
          const target = index ?? ctx.browser.activeIndex;
          const tab = tabAt(ctx, target);
          if (ctx.browser.tabs.length === 1) throw new ActionError('NOT_SUPPORTED', 'Cannot close the last tab. Use "close" to close the browser.');
          await ctx.browser.closeTab(tab);
          const active = ctx.browser.tabs[ctx.browser.activeIndex];
          if (active) ctx.browser.activate(active);
          return { closed: target, remaining: ctx.browser.tabs.length };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.window_new,
        async handler({ viewport }, ctx) {
          const tab = await ctx.browser.newWindow({ viewport });
          return { index: ctx.browser.tabs.indexOf(tab), total: ctx.browser.tabs.length };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.bringtofront,
        async handler(_, ctx) {
          await (await ctx.page()).bringToFront();
          return { focused: true };
        },
      }),
    );

    // ----------------------------------------------------------------------------------------- frames
    host.addAction(
      defineAction({
        ...contracts.frame,
        async handler({ selector, name, url }, ctx) {
          const tab = await ctx.tab();
          // A frame that vanished was reported (or is moot now): the lookup starts from the main frame.
          if (sessionTab(tab).frameGone !== null) tab.selectFrame(null);
          let frame: Frame;
          if (selector) frame = await frameBySelector(ctx, selector);
          else if (name) frame = frameByName(tab.page, name);
          else if (url) frame = frameByUrl(tab.page, url);
          else
            throw new ActionError(
              'INVALID_PARAMS',
              'Validation error for "frame": give selector (the <iframe> element, CSS or ref), name or url. To go back to the page itself use "mainframe".',
            );
          tab.selectFrame(frame);
          return { switched: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.mainframe,
        async handler(_, ctx) {
          const tab = await ctx.tab();
          tab.selectFrame(null);
          return { switched: true };
        },
      }),
    );
  },
});
