import type { CDPSession, Locator, Page } from 'playwright-core';
import { takeReady, type ClickPoint } from './actionability.js';
import { pageSession } from './page-session.js';

/**
 * Fast paths for `click` and `fill`. Playwright's own actions spend most of their time waiting:
 * resolving the target polls on animation frames, and the stability check takes two more. The
 * daemon's check before an action (`ensureActionable`) already found, in one pass of the page, one
 * match that is visible, enabled (editable for fill), hit at its click point; these paths act on
 * what it found (`takeReady`), after one more check that the element's box stayed put over an
 * animation frame (taken while the mouse moves there). When the check left nothing to act on (an
 * iframe, a zoomed page, a contenteditable) they return false and the caller runs Playwright's
 * action, which waits and reports as it always did.
 */

interface ClickOptions {
  button?: 'left' | 'right' | 'middle';
  clickCount?: number;
  delay?: number;
}

/** Longest wait for the animation frame that shows the element stable; past it, Playwright's path decides. */
const FRAME_WAIT_MS = 250;

export async function quickClick(page: Page, target: Locator, options: ClickOptions, timeout: number): Promise<boolean> {
  const point = takeReady(target)?.point;
  if (!point) return false;
  const watch = await navigationWatch(page);
  if (!watch) return false;
  // The page is asked by point, not by selector: resolving a selector again costs as much as the
  // first time (role selectors scan the page), and the box and tag identify the element well enough.
  const [, stable] = await Promise.all([
    page.mouse.move(point.x, point.y),
    page.evaluate(confirmClick, { point, frameWaitMs: FRAME_WAIT_MS }).catch(() => false),
  ]);
  if (!stable) return false;
  const { button, clickCount = 1, delay } = options;
  watch.arm();
  if (delay) {
    for (let count = 1; count <= clickCount; count++) {
      await page.mouse.down({ button, clickCount: count });
      await new Promise((resolve) => setTimeout(resolve, delay));
      await page.mouse.up({ button, clickCount: count });
      if (count < clickCount) await new Promise((resolve) => setTimeout(resolve, delay));
    }
  } else {
    // Sent together, as Playwright's own mouse.click does; they reach the page in this order.
    const presses: Array<Promise<void>> = [];
    for (let count = 1; count <= clickCount; count++)
      presses.push(page.mouse.down({ button, clickCount: count }), page.mouse.up({ button, clickCount: count }));
    await Promise.all(presses);
  }
  await watch.settle(timeout);
  return true;
}

/** Types `value` over the selected text of the text field the check focused; false when it focused none. */
export async function quickFill(page: Page, target: Locator, value: string): Promise<boolean> {
  if (!takeReady(target)?.focused) return false;
  if (value) await page.keyboard.insertText(value);
  else await page.keyboard.press('Delete');
  return true;
}

// ------------------------------------------------------------------------------ in the page
// Runs through page.evaluate, so it is self-contained plain DOM code.

/**
 * At the next animation frame: the point still hits an element with the target's tag and box (or
 * a descendant of it), so the element neither moved nor got covered.
 */
function confirmClick({ point, frameWaitMs }: { point: ClickPoint; frameWaitMs: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), frameWaitMs);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      let hit = document.elementFromPoint(point.x, point.y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(point.x, point.y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
        if (!(node instanceof Element) || node.localName !== point.tag) continue;
        const box = node.getClientRects()[0];
        if (box && box.left === point.box[0] && box.top === point.box[1] && box.width === point.box[2] && box.height === point.box[3]) {
          resolve(true);
          return;
        }
      }
      resolve(false);
    });
  });
}

// ------------------------------------------------------------------------------ navigations

/**
 * Waits, after a click, for a navigation the click started in the page's main frame, as
 * Playwright's click does: the next command must see the new document, and refs must be stale.
 */
class NavigationWatch {
  private mainFrameId = '';
  private requested = false;
  private settled = false;
  private onSettled: (() => void) | null = null;

  constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
  ) {
    session.on('Page.frameRequestedNavigation', (event) => {
      if (event.frameId === this.mainFrameId && event.disposition === 'currentTab') this.requested = true;
    });
    // An aborted navigation (204, download, cancelled) never commits; the frame stops loading instead.
    session.on('Page.frameStoppedLoading', (event) => {
      if (event.frameId === this.mainFrameId) this.markSettled();
    });
    session.on('Page.frameNavigated', (event) => {
      if (!event.frame.parentId) this.mainFrameId = event.frame.id;
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.markSettled();
    });
  }

  async start(): Promise<void> {
    await this.session.send('Page.enable');
    this.mainFrameId = (await this.session.send('Page.getFrameTree')).frameTree.frame.id;
  }

  arm(): void {
    this.requested = false;
    this.settled = false;
  }

  async settle(timeout: number): Promise<void> {
    // A command the renderer answers after the input events: events the click caused arrive first.
    try {
      await this.session.send('Page.enable');
    } catch {
      // The session is gone (the page crashed or closed); the next click makes a new one.
      watches.delete(this.page);
      return;
    }
    if (!this.requested || this.settled || this.page.isClosed()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, timeout);
      const closed = () => finish();
      this.page.once('close', closed);
      function finish(): void {
        clearTimeout(timer);
        resolve();
      }
      this.onSettled = () => {
        this.page.off('close', closed);
        finish();
      };
    });
    this.onSettled = null;
  }

  private markSettled(): void {
    this.settled = true;
    this.onSettled?.();
  }
}

const watches = new WeakMap<Page, Promise<NavigationWatch | null>>();

/** The page's navigation watch (on the page's DevTools session), made on first use; null where CDP is unavailable. */
function navigationWatch(page: Page): Promise<NavigationWatch | null> {
  let watch = watches.get(page);
  if (!watch) {
    watch = (async () => {
      try {
        const result = new NavigationWatch(page, await pageSession(page));
        await result.start();
        return result;
      } catch {
        return null;
      }
    })();
    watches.set(page, watch);
  }
  return watch;
}
