import fs from 'node:fs/promises';
import os from 'node:os';
import nodePath from 'node:path';
import type { BrowserContext, Download, Page, Request, Response, Route } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import { looksLikeJson } from '../protocol/json-text.js';
import { VERSION } from '../version.js';
import { isTimeout } from './common.js';
import * as contracts from '../protocol/actions/network.js';

const PLUGIN = 'agent-browser:network';
/** How many requests `requests` keeps (the oldest go first). */
const LOG_LIMIT = 1000;
/** How many requests one HAR recording keeps. */
const HAR_LIMIT = 20_000;

/** One request as `requests` lists it (reference shape). */
interface RequestEntry {
  url: string;
  method: string;
  headers: Record<string, string>;
  timestamp: number;
  resourceType: string;
}

/** What the plugin knows about one request: its listing entry and, as they arrive, its outcome. */
interface Seen {
  request: Request;
  entry: RequestEntry;
  response?: Response;
  finished: boolean;
  failure?: string;
}

interface RouteSpec {
  url: string;
  abort?: boolean;
  response?: { status?: number; body?: string; contentType?: string; headers?: Record<string, string> };
}

async function context(ctx: ActionContext): Promise<BrowserContext> {
  await ctx.page();
  return ctx.browser.context!;
}

/** `promise`'s value, or `fallback` when it fails or takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

async function writeFile(file: string, text: string): Promise<void> {
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

type HarHeader = { name: string; value: string };

function harCookies(headers: HarHeader[], kind: 'request' | 'response'): Array<{ name: string; value: string }> {
  const cookies: Array<{ name: string; value: string }> = [];
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (kind === 'request' && name === 'cookie') {
      for (const part of header.value.split(/;\s*/)) {
        const eq = part.indexOf('=');
        if (eq > 0) cookies.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1) });
      }
    } else if (kind === 'response' && name === 'set-cookie') {
      for (const line of header.value.split('\n')) {
        const pair = line.split(';')[0] ?? '';
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.push({ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1) });
      }
    }
  }
  return cookies;
}

function headerValue(headers: HarHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** One HAR 1.2 entry from what was seen of a request. */
async function harEntry(seen: Seen): Promise<Record<string, unknown>> {
  const { request, response } = seen;
  const requestHeaders = await within(
    request.headersArray(),
    1000,
    Object.entries(request.headers()).map(([name, value]) => ({ name, value })),
  );
  const responseHeaders = response
    ? await within(
        response.headersArray(),
        1000,
        Object.entries(response.headers()).map(([name, value]) => ({ name, value })),
      )
    : [];
  const sizes = seen.finished ? await within(request.sizes(), 1000, null) : null;
  // content.size is the decoded body; sizes report what went over the wire (chunked, compressed).
  const body = seen.finished && response ? await within(response.body(), 2000, null) : null;
  const timing = request.timing();
  const span = (from: number, to: number) => (from >= 0 && to >= 0 && to >= from ? to - from : -1);
  const dns = span(timing.domainLookupStart, timing.domainLookupEnd);
  const connect = span(timing.connectStart, timing.connectEnd);
  const ssl = span(timing.secureConnectionStart, timing.connectEnd);
  const wait = Math.max(0, span(timing.requestStart, timing.responseStart));
  const receive = Math.max(0, span(timing.responseStart, timing.responseEnd));
  const timings = { blocked: -1, dns, connect, ssl, send: 0, wait, receive };
  const time = [dns, connect, wait, receive].filter((t) => t > 0).reduce((a, b) => a + b, 0);
  let queryString: HarHeader[] = [];
  try {
    queryString = [...new URL(request.url()).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    queryString = [];
  }
  const postData = request.postData();
  const requestBodySize = sizes?.requestBodySize ?? (postData ? Buffer.byteLength(postData) : 0);
  const mimeType = headerValue(responseHeaders, 'content-type') ?? '';
  const entry: Record<string, unknown> = {
    startedDateTime: new Date(seen.entry.timestamp).toISOString(),
    time,
    request: {
      method: request.method(),
      url: request.url(),
      httpVersion: 'HTTP/1.1',
      headers: requestHeaders,
      queryString,
      cookies: harCookies(requestHeaders, 'request'),
      headersSize: sizes?.requestHeadersSize ?? -1,
      bodySize: requestBodySize,
      ...(postData ? { postData: { mimeType: headerValue(requestHeaders, 'content-type') ?? '', text: postData } } : {}),
    },
    response: {
      status: response?.status() ?? 0,
      statusText: response?.statusText() ?? '',
      httpVersion: 'HTTP/1.1',
      headers: responseHeaders,
      cookies: harCookies(responseHeaders, 'response'),
      content: { size: body?.length ?? sizes?.responseBodySize ?? 0, mimeType },
      redirectURL: headerValue(responseHeaders, 'location') ?? '',
      headersSize: sizes?.responseHeadersSize ?? -1,
      bodySize: sizes?.responseBodySize ?? -1,
      ...(seen.failure ? { _error: seen.failure } : {}),
    },
    cache: {},
    timings,
    _resourceType: request.resourceType(),
  };
  return entry;
}

export default definePlugin({
  name: PLUGIN,
  apply(host) {
    const log: Seen[] = [];
    let har: Seen[] | null = null;
    const byRequest = new WeakMap<Request, Seen>();
    const watched = new WeakSet<Page>();
    /** Routes by URL pattern, installed on every context the session uses (state_load makes new ones). */
    const routes = new Map<string, RouteSpec>();
    const installed = new WeakMap<BrowserContext, Map<string, (route: Route) => Promise<void>>>();

    function record(request: Request): void {
      if (byRequest.has(request)) return;
      const seen: Seen = {
        request,
        entry: { url: request.url(), method: request.method(), headers: request.headers(), timestamp: Date.now(), resourceType: request.resourceType() },
        finished: false,
      };
      byRequest.set(request, seen);
      log.push(seen);
      if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
      if (har) {
        har.push(seen);
        if (har.length > HAR_LIMIT) har.splice(0, har.length - HAR_LIMIT);
      }
    }

    async function install(target: BrowserContext, spec: RouteSpec): Promise<void> {
      let handlers = installed.get(target);
      if (!handlers) installed.set(target, (handlers = new Map()));
      const previous = handlers.get(spec.url);
      if (previous) await target.unroute(spec.url, previous);
      const handler = async (route: Route) => {
        try {
          if (spec.abort) await route.abort();
          else if (spec.response) {
            const { status, body, contentType, headers } = spec.response;
            await route.fulfill({ status: status ?? 200, body: body ?? '', contentType: contentType ?? 'text/plain', headers });
          } else await route.fallback();
        } catch {
          // the page or request went away meanwhile
        }
      };
      handlers.set(spec.url, handler);
      await target.route(spec.url, handler);
    }

    async function uninstall(target: BrowserContext, url: string): Promise<void> {
      const handlers = installed.get(target);
      const handler = handlers?.get(url);
      if (!handlers || !handler) return;
      handlers.delete(url);
      await target.unroute(url, handler).catch(() => undefined);
    }

    host.hooks.page.tap(PLUGIN, (page) => {
      if (watched.has(page)) return;
      watched.add(page);
      page.on('request', record);
      page.on('response', (response) => {
        const seen = byRequest.get(response.request());
        if (seen) seen.response = response;
      });
      page.on('requestfinished', (request) => {
        const seen = byRequest.get(request);
        if (seen) seen.finished = true;
      });
      page.on('requestfailed', (request) => {
        const seen = byRequest.get(request);
        if (seen) seen.failure = request.failure()?.errorText ?? 'failed';
      });
      // A context created anew (state_load, emulation) gets the session's routes again.
      const pageContext = page.context();
      if (routes.size > 0 && !installed.has(pageContext)) {
        installed.set(pageContext, new Map());
        for (const spec of routes.values()) void install(pageContext, spec).catch(() => undefined);
      }
    });

    host.addAction(
      defineAction({
        ...contracts.route,
        async handler({ url, response, abort, body }, ctx) {
          if (body !== undefined) {
            if (abort) throw new ActionError('INVALID_PARAMS', `route: "body" answers the requests and "abort" fails them; send one of them.`);
            if (response?.body !== undefined && response.body !== body)
              throw new ActionError('INVALID_PARAMS', 'route: "body" and "response.body" differ; send the body once.');
            response = { ...response, body, contentType: response?.contentType ?? (looksLikeJson(body) ? 'application/json' : undefined) };
          }
          const spec: RouteSpec = { url, abort, response };
          routes.set(url, spec);
          await install(await context(ctx), spec);
          return { routed: url };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.unroute,
        async handler({ url }, ctx) {
          const target = await context(ctx);
          const urls = url === undefined ? [...routes.keys()] : [url];
          for (const pattern of urls) {
            routes.delete(pattern);
            await uninstall(target, pattern);
          }
          return { unrouted: url ?? 'all' };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.requests,
        async handler({ filter, clear }) {
          if (clear) {
            log.length = 0;
            return { cleared: true };
          }
          return { requests: log.filter((seen) => !filter || seen.entry.url.includes(filter)).map((seen) => seen.entry) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.headers,
        async handler({ headers }, ctx) {
          await (await context(ctx)).setExtraHTTPHeaders(headers);
          ctx.browser.keepContextOptions({ extraHTTPHeaders: headers });
          return { set: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.offline,
        async handler({ offline }, ctx) {
          await (await context(ctx)).setOffline(offline);
          ctx.browser.keepContextOptions({ offline });
          return { offline };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.responsebody,
        async handler({ url }, ctx) {
          const target = await context(ctx);
          let response: Response;
          try {
            response = await target.waitForEvent('response', { predicate: (r) => r.url().includes(url), timeout: ctx.timeout });
          } catch (error) {
            if (!isTimeout(error)) throw error;
            throw new ActionError(
              'TIMEOUT',
              `No response whose URL contains "${url}" arrived within ${ctx.timeout} ms. responsebody waits for the next matching response: send it before the action that makes the request (from another connection), or raise timeout.`,
              { cause: error },
            );
          }
          const text = await response.text().catch(() => '');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
          return { url: response.url(), status: response.status(), body };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.download,
        async handler({ selector, path }, ctx) {
          const page = await ctx.page();
          const waiting = page.waitForEvent('download', { timeout: ctx.timeout });
          waiting.catch(() => undefined);
          await ctx.element(selector, (el) => el.click({ timeout: ctx.timeout, signal: ctx.signal }), 'click');
          let download: Download;
          try {
            download = await waiting;
          } catch (error) {
            if (!isTimeout(error)) throw error;
            throw new ActionError(
              'TIMEOUT',
              `Clicking "${selector}" started no download within ${ctx.timeout} ms. Check that it is a download link or button (a link with a download attribute, or a response with Content-Disposition: attachment).`,
              { cause: error },
            );
          }
          await save(download, path);
          return { path, suggestedFilename: download.suggestedFilename() };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.waitfordownload,
        async handler({ path }, ctx) {
          const page = await ctx.page();
          let download: Download;
          try {
            download = await page.waitForEvent('download', { timeout: ctx.timeout });
          } catch (error) {
            if (!isTimeout(error)) throw error;
            throw new ActionError(
              'TIMEOUT',
              `No download started within ${ctx.timeout} ms. Send waitfordownload before the click that starts it (from another connection), use the download action, or raise timeout.`,
              { cause: error },
            );
          }
          const saved = path ? (await save(download, path), path) : await temporaryCopy(download);
          return { path: saved, filename: download.suggestedFilename(), url: download.url() };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.har_start,
        async handler(_, ctx) {
          await ctx.page();
          har = [];
          return { started: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.har_stop,
        async handler({ path }) {
          if (!har)
            throw new ActionError(
              'NOT_STARTED',
              'No HAR recording is running. Start one with har_start (CLI: agent-browser network har start), then stop it with a path.',
            );
          const recorded = har;
          har = null;
          const entries = await Promise.all(recorded.map((seen) => harEntry(seen)));
          const file = { log: { version: '1.2', creator: { name: 'agent-browser', version: VERSION }, pages: [], entries } };
          await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
          return { path, requestCount: entries.length };
        },
      }),
    );
  },
});

/**
 * Where a download without a path is: the browser's own temporary file, or, for a browser in
 * another process (a shared or remote browser, whose files this daemon cannot read), a copy in a
 * temporary folder of the daemon's (left to the system's clean-up of temporary files).
 */
async function temporaryCopy(download: Download): Promise<string> {
  try {
    return await download.path();
  } catch (error) {
    if (!/connecting remotely/i.test((error as Error).message)) throw error;
  }
  const folder = await fs.mkdtemp(nodePath.join(os.tmpdir(), 'agent-browser-download-'));
  const file = nodePath.join(folder, nodePath.basename(download.suggestedFilename()) || 'download');
  await save(download, file);
  return file;
}

async function save(download: Download, path: string): Promise<void> {
  const failure = await download.failure();
  if (failure) throw new ActionError('NAVIGATION_FAILED', `The download of ${download.url()} failed: ${failure}.`);
  await fs.mkdir(nodePath.dirname(path), { recursive: true });
  await download.saveAs(path);
}
