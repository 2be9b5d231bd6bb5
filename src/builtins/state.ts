import fs from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import * as params from '../protocol/params/state.js';
import { none } from '../protocol/schemas.js';

/** The browser context, launching the browser first (cookies and credentials live on it). */
async function context(ctx: ActionContext): Promise<BrowserContext> {
  await ctx.page();
  return ctx.browser.context!;
}

type StorageKind = 'local' | 'session';

/** Runs in the page: reads one key, or every key, of local or session storage. */
function readStorage([kind, key]: [StorageKind, string | null]): { value: string | null; data: Record<string, string> } {
  const store = kind === 'local' ? window.localStorage : window.sessionStorage;
  if (key !== null) return { value: store.getItem(key), data: {} };
  const data: Record<string, string> = {};
  for (let i = 0; i < store.length; i += 1) {
    const name = store.key(i);
    if (name !== null) data[name] = store.getItem(name) ?? '';
  }
  return { value: null, data };
}

/** Page errors about storage (opaque origins such as about:blank or data: URLs) as advice. */
function storageError(error: unknown, url: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (/SecurityError|Access is denied|denied for this document/i.test(message)) {
    return new ActionError('NOT_SUPPORTED', `This page (${url || 'about:blank'}) has no storage of its own (an opaque origin such as about:blank or a data: URL). Open a page of the site first, e.g. 'agent-browser open <url>'.`, { cause: error });
  }
  return error;
}

async function inFrame<T>(ctx: ActionContext, work: (frame: Awaited<ReturnType<ActionContext['frame']>>) => Promise<T>): Promise<T> {
  const frame = await ctx.frame();
  try {
    return await work(frame);
  } catch (error) {
    throw storageError(error, frame.url());
  }
}

/** A storage state as `state save` writes it: `{cookies: [...], origins: [...]}`. */
async function checkStateFile(file: string): Promise<void> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ActionError('FILE_NOT_FOUND', `State file not found: ${file}`);
    throw new ActionError('INVALID_PARAMS', `Cannot read state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const hint = `Expected JSON {"cookies": [...], "origins": [...]} as written by 'agent-browser state save <path>'.`;
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file: it is not JSON. ${hint}`);
  }
  const record = state as { cookies?: unknown; origins?: unknown } | null;
  const shaped =
    typeof record === 'object' &&
    record !== null &&
    !Array.isArray(record) &&
    (record.cookies !== undefined || record.origins !== undefined) &&
    (record.cookies === undefined || Array.isArray(record.cookies)) &&
    (record.origins === undefined || Array.isArray(record.origins));
  if (!shaped) throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file. ${hint}`);
  const cookies = (record.cookies ?? []) as unknown[];
  if (cookies.some((c) => typeof c !== 'object' || c === null || typeof (c as { name?: unknown }).name !== 'string' || typeof (c as { value?: unknown }).value !== 'string')) {
    throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file: every cookie needs a string name and value. ${hint}`);
  }
}

export default definePlugin({
  name: 'agent-browser:state',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'cookies_get',
        summary: 'The browser’s cookies, all of them or those that apply to the given URLs.',
        params: params.cookiesGet,
        async handler({ urls }, ctx) {
          return { cookies: await (await context(ctx)).cookies(urls) };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'cookies_set',
        summary: 'Set cookies; one without url, domain and path applies to the current page’s URL.',
        params: params.cookiesSet,
        async handler({ cookies }, ctx) {
          const page = await ctx.page();
          const pageUrl = page.url();
          const prepared = cookies.map((cookie) => {
            if (cookie.url || cookie.domain) return cookie.domain && !cookie.url ? { path: '/', ...cookie } : cookie;
            if (!/^https?:/.test(pageUrl)) {
              throw new ActionError('INVALID_PARAMS', `Cookie "${cookie.name}" has no url or domain and the current page (${pageUrl || 'about:blank'}) is not a web page. Open the site first, or give a url (CLI: --url https://example.com).`);
            }
            const url = new URL(pageUrl);
            if (cookie.path) return { ...cookie, domain: url.hostname };
            return { ...cookie, url: url.origin };
          });
          try {
            await page.context().addCookies(prepared);
          } catch (error) {
            const message = (error instanceof Error ? error.message : String(error)).replace(/^browserContext\.addCookies:\s*/, '');
            throw new ActionError('INVALID_PARAMS', `Could not set the cookie(s): ${message.split('\n')[0]}`, { cause: error });
          }
          return { set: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'cookies_clear',
        summary: 'Delete every cookie of the browser.',
        params: none,
        async handler(_, ctx) {
          await (await context(ctx)).clearCookies();
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'storage_get',
        summary: 'Read localStorage or sessionStorage of the active frame: one key, or all of it.',
        params: params.storageGet,
        async handler({ type, key }, ctx) {
          const read = await inFrame(ctx, (frame) => frame.evaluate(readStorage, [type, key ?? null] as [StorageKind, string | null]));
          return key !== undefined ? { key, value: read.value } : { data: read.data };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'storage_set',
        summary: 'Set a key of localStorage or sessionStorage in the active frame.',
        params: params.storageSet,
        async handler({ type, key, value }, ctx) {
          await inFrame(ctx, (frame) =>
            frame.evaluate(([kind, k, v]) => (kind === 'local' ? window.localStorage : window.sessionStorage).setItem(k, v), [type, key, value] as const),
          );
          return { set: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'storage_clear',
        summary: 'Empty localStorage or sessionStorage of the active frame.',
        params: params.storageClear,
        async handler({ type }, ctx) {
          await inFrame(ctx, (frame) => frame.evaluate((kind) => (kind === 'local' ? window.localStorage : window.sessionStorage).clear(), type));
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'state_save',
        summary: 'Save cookies and localStorage of every origin to a JSON file (for state_load).',
        params: params.statePath,
        async handler({ path }, ctx) {
          await (await context(ctx)).storageState({ path });
          return { path };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'state_load',
        summary: 'Replace cookies and localStorage with a file saved by state_save; open tabs reload.',
        params: params.statePath,
        async handler({ path }, ctx) {
          await checkStateFile(path);
          await ctx.browser.recreateContext({ storageState: path });
          return { loaded: true, path };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'credentials',
        summary: 'Answer HTTP authentication (Basic/Digest) challenges with this user name and password.',
        params: params.credentials,
        async handler({ username, password }, ctx) {
          const browserContext = await context(ctx);
          await browserContext.setHTTPCredentials({ username, password });
          // Kept for a context that is created anew (state_load, emulation changes).
          ctx.browser.contextOptions.httpCredentials = { username, password };
          return { set: true };
        },
      }),
    );
  },
});
