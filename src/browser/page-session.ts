import type { CDPSession, Frame, Page } from 'playwright-core';
import { ActionError } from '../protocol/errors.js';

const sessions = new WeakMap<Page, Promise<CDPSession>>();
/** The media type (`print`, `screen`, '' for none) emulated on each page, for `keepMediaType`. */
const mediaTypes = new WeakMap<Page, string>();

/**
 * The page's DevTools session (Chromium only), kept for the page's life: Chromium tracks touch
 * sequences per session, and a viewer sends touchStart and touchEnd as separate messages. The
 * live view's screencast, the click's navigation watch and `pageTitle` use the same session.
 */
export async function pageSession(page: Page): Promise<CDPSession> {
  let pending = sessions.get(page);
  if (!pending) {
    pending = page
      .context()
      .newCDPSession(page)
      .then(async (session) => {
        sendDirectly(session);
        const media = mediaTypes.get(page);
        if (media) await session.send('Emulation.setEmulatedMedia', { media }).catch(() => undefined);
        return session;
      });
    sessions.set(page, pending);
    pending.catch(() => sessions.delete(page));
  }
  try {
    return await pending;
  } catch (error) {
    throw new ActionError('NOT_SUPPORTED', `This needs a Chromium page with the DevTools protocol: ${(error as Error).message.split('\n')[0]}`, {
      cause: error,
    });
  }
}

/** The in-process server side of a Playwright CDP session: what its `send` ends up calling. */
interface ServerSession {
  _send(method: string, params?: object): Promise<unknown>;
}

/**
 * Makes `session.send` call Playwright's server-side session directly when Playwright runs in this
 * process (a launched browser, or `connectOverCDP`). A client call crosses Playwright's dispatcher
 * twice each way, ~0.3 ms of a ~0.9 ms round trip here. Events still come through the client
 * object. Without an in-process server (`chromium.connect`, or a Playwright whose internals moved)
 * the session is left as it is.
 */
function sendDirectly(session: CDPSession): void {
  let server: ServerSession | undefined;
  try {
    const connection = (session as unknown as { _connection?: { toImpl?: (object: unknown) => unknown } })._connection;
    server = connection?.toImpl?.(session) as ServerSession | undefined;
  } catch {
    return;
  }
  if (typeof server?._send !== 'function') return;
  const direct = server;
  (session as { send: (method: string, params?: object) => Promise<unknown> }).send = (method, params) =>
    direct._send(method, params).then(
      (value) => afterPendingEvents(() => value),
      (error: unknown) =>
        afterPendingEvents(() => {
          throw asClientError(error);
        }),
    );
}

/**
 * Settles one event-loop turn later, as Playwright's client does: events the server emitted before
 * this answer (a navigation) reach the client first, so a caller that checks for a navigation
 * after the answer sees it.
 */
function afterPendingEvents<T>(settle: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setImmediate(() => {
      try {
        resolve(settle());
      } catch (error) {
        reject(error);
      }
    }),
  );
}

/** The server's error for a closed or crashed target, in the words Playwright's client uses for it. */
function asClientError(error: unknown): unknown {
  const { type, message } = (error ?? {}) as { type?: string; message?: string };
  if (type === 'closed' || type === 'crashed' || !message || /session closed|target closed/i.test(message)) {
    return new Error('Target page, context or browser has been closed', { cause: error });
  }
  return error;
}

/**
 * The main frame's title in one call into the page. Playwright's `page.title()` first injects its
 * utility script into a new document, which costs ~10 ms after every navigation.
 */
export async function pageTitle(page: Page): Promise<string> {
  try {
    const session = await pageSession(page);
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', { expression: 'document.title', returnByValue: true });
    if (!exceptionDetails && typeof result.value === 'string') return result.value;
  } catch {
    // No DevTools session (a page of another browser), or the document went away mid-call.
  }
  return page.title();
}

/**
 * A viewport screenshot in one call to Chromium's compositor: Playwright's adds four more (fonts,
 * hiding the text caret, layout metrics, showing the caret again), ~12 ms here. Same pixels
 * otherwise; a blinking caret may show. Null when the page has no DevTools session: the caller
 * takes Playwright's screenshot then.
 */
export async function captureViewport(page: Page, type: 'png' | 'jpeg', quality: number | undefined): Promise<Buffer | null> {
  let session: CDPSession;
  try {
    session = await pageSession(page);
  } catch {
    return null;
  }
  const { data } = await session.send('Page.captureScreenshot', { format: type, ...(type === 'jpeg' && quality !== undefined ? { quality } : {}) });
  return Buffer.from(data, 'base64');
}

/**
 * Records the media type `page.emulateMedia` set (undefined: unchanged; null: none) and sets the
 * same on the page's DevTools session. While a second session is attached to a page, Chromium
 * drops the media type Playwright's session emulates at the page's next navigation (a reload shows
 * `screen` again) unless that session emulates it too; other media features are kept.
 */
export async function keepMediaType(page: Page, media: string | null | undefined): Promise<void> {
  if (media === undefined) return;
  mediaTypes.set(page, media ?? '');
  const pending = sessions.get(page);
  if (!pending) return;
  await pending.then((session) => session.send('Emulation.setEmulatedMedia', { media: media ?? '' })).catch(() => undefined);
}

/**
 * `fn(arg)` in `frame`'s main world, its JSON value back: Playwright's `frame.evaluate(fn, arg)`,
 * but for a main frame with a DevTools session in one `Runtime.evaluate` (~0.5 ms less a call).
 * `fn` runs in the page, so it must not use anything from its module; `arg` and the value must be
 * JSON. Rejects with the thrown value's description.
 */
export async function callInFrame<A, R>(frame: Frame, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const session = frame.parentFrame() === null ? await pageSession(frame.page()).catch(() => null) : null;
  if (!session) return frame.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
    returnByValue: true,
    awaitPromise: true,
    userGesture: true,
  });
  if (exceptionDetails) {
    const thrown = exceptionDetails.exception;
    throw new Error(thrown?.description ?? (thrown && 'value' in thrown ? String(thrown.value) : exceptionDetails.text));
  }
  return result.value as R;
}
