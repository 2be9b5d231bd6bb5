import type { Frame, Page } from 'playwright-core';
import { pageTitle } from '../browser/page-session.js';
import { definePlugin, defineAction } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import { isTimeout, origin } from './common.js';
import * as contracts from '../protocol/actions/navigation.js';

/** Scoped extra headers: only requests to the navigated URL's host get them (reference `navigate.headers`). */
async function scopeHeaders(page: Page, url: string, headers: Record<string, string>): Promise<void> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return;
  }
  await page.route(`**://${host}/**`, (route) => route.continue({ headers: { ...route.request().headers(), ...headers } }));
}

function navigationError(error: unknown, url: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const netError = /net::(ERR_[A-Z_]+)/.exec(message)?.[1];
  if (netError) {
    const hints: Record<string, string> = {
      ERR_CONNECTION_REFUSED: ' Is the server running and listening on that port?',
      ERR_NAME_NOT_RESOLVED: ' Check the host name.',
      ERR_INVALID_AUTH_CREDENTIALS:
        " The server asks for a login: set one with 'agent-browser set credentials <user> <password>' (action credentials), then open the page again.",
      ERR_INTERNET_DISCONNECTED: " The browser is offline: 'agent-browser set offline off'.",
    };
    const hint = hints[netError] ?? '';
    return new ActionError('NAVIGATION_FAILED', `Could not open ${url}: ${netError}.${hint}`, { cause: error });
  }
  if (isTimeout(error)) {
    const waited = /waiting until "(\w+)"/.exec(message)?.[1] ?? 'load';
    return new ActionError(
      'TIMEOUT',
      `Timed out opening ${url}: the page did not reach "${waited}" in time. If it is slow or keeps connections open, try waitUntil "domcontentloaded" (CLI: --wait-until domcontentloaded); otherwise check that the server answers.`,
      { cause: error },
    );
  }
  if (/Cannot navigate to invalid URL|invalid url/i.test(message)) {
    return new ActionError(
      'NAVIGATION_FAILED',
      `Cannot open "${url}": not a valid URL. Include the scheme, e.g. https://example.com or http://127.0.0.1:3000.`,
      { cause: error },
    );
  }
  return error;
}

/**
 * After a network error Chromium commits its error page only once goto() has already failed; a
 * goto sent before that commit is "interrupted by another navigation", and repeating the same URL
 * then keeps failing (playwright#35944). The watcher is set before goto so the commit is not missed.
 */
function watchErrorPage(page: Page): { settle(error: unknown): Promise<void>; dispose(): void } {
  let committed = false;
  let notify = () => {};
  const listener = (frame: Frame) => {
    if (frame !== page.mainFrame() || !frame.url().startsWith('chrome-error:')) return;
    committed = true;
    notify();
  };
  page.on('framenavigated', listener);
  return {
    async settle(error) {
      const message = error instanceof Error ? error.message : String(error);
      if (committed || !/net::ERR_/.test(message) || message.includes('net::ERR_ABORTED')) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    dispose: () => page.off('framenavigated', listener),
  };
}

export default definePlugin({
  name: 'agent-browser:navigation',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.navigate,
        async handler({ url, waitUntil, headers }, ctx) {
          const page = await ctx.page();
          if (headers) await scopeHeaders(page, url, headers);
          const errorPage = watchErrorPage(page);
          try {
            await page.goto(url, { waitUntil: waitUntil ?? 'load', timeout: ctx.timeout });
          } catch (error) {
            await errorPage.settle(error);
            throw navigationError(error, url);
          } finally {
            errorPage.dispose();
          }
          return { url: page.url(), title: await pageTitle(page) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.back,
        handler: async (_, ctx) => historyStep(await ctx.page(), 'back'),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.forward,
        handler: async (_, ctx) => historyStep(await ctx.page(), 'forward'),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.reload,
        async handler(_, ctx) {
          const page = await ctx.page();
          await page.reload();
          return { url: page.url() };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.pause,
        async handler(_, ctx) {
          const page = await ctx.page();
          if (ctx.browser.plan?.headless !== false) {
            throw new ActionError(
              'NOT_SUPPORTED',
              'pause opens the Playwright Inspector, which needs a visible browser: start the session with --headed (or headless: false in .agentbrowserrc).',
            );
          }
          await page.pause();
          return { paused: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.url,
        handler: async (_, ctx) => ({ url: (await ctx.page()).url() }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.title,
        handler: async (_, ctx) => ({ title: await pageTitle(await ctx.page()) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.content,
        async handler({ selector }, ctx) {
          const html = selector ? await (await ctx.locator(selector)).innerHTML() : await (await ctx.frame()).content();
          return { html, origin: await origin(ctx) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.setcontent,
        async handler({ html }, ctx) {
          await (await ctx.frame()).setContent(html, { timeout: ctx.timeout });
          return { set: true };
        },
      }),
    );
  },
});

async function historyStep(page: Page, direction: 'back' | 'forward') {
  if (direction === 'back') await page.goBack();
  else await page.goForward();
  return { url: page.url() };
}
