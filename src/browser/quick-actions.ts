import type { CDPSession, Locator, Page } from 'playwright-core';
import { evaluateTarget } from './actionability.js';

/**
 * Fast paths for `click` and `fill`. Playwright's own actions spend most of their time waiting:
 * resolving the target polls on animation frames, and the stability check takes two more. These
 * paths do the same checks in a single pass of the page — one match, visible, enabled (editable
 * for fill), not inert, the click point hitting the element, the element's box unchanged over one
 * animation frame (taken while the mouse moves there) — and act only when every check passes at
 * once. Otherwise they return false and the caller runs Playwright's action, which waits and
 * reports as it always did.
 */

interface ClickOptions {
  button?: 'left' | 'right' | 'middle';
  clickCount?: number;
  delay?: number;
}

/** Where to click: the centre of the element's first box, that box, and the element's tag. */
interface Target {
  x: number;
  y: number;
  box: [number, number, number, number];
  tag: string;
}

/** Longest wait for the animation frame that shows the element stable; past it, Playwright's path decides. */
const FRAME_WAIT_MS = 250;

export async function quickClick(page: Page, target: Locator, options: ClickOptions, timeout: number): Promise<boolean> {
  const watch = await navigationWatch(page);
  if (!watch) return false;
  const point = await evaluateTarget(target, probeClick, undefined).catch(() => null);
  if (!point) return false;
  // The page is asked by point, not by selector: resolving a selector again costs as much as the
  // first time (role selectors scan the page), and the box and tag identify the element well enough.
  const [, stable] = await Promise.all([page.mouse.move(point.x, point.y), page.evaluate(confirmClick, { point, frameWaitMs: FRAME_WAIT_MS }).catch(() => false)]);
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
    for (let count = 1; count <= clickCount; count++) presses.push(page.mouse.down({ button, clickCount: count }), page.mouse.up({ button, clickCount: count }));
    await Promise.all(presses);
  }
  await watch.settle(timeout);
  return true;
}

export async function quickFill(page: Page, target: Locator, value: string): Promise<boolean> {
  const ready = await evaluateTarget(target, probeFill, undefined).catch(() => false);
  if (!ready) return false;
  if (value) await page.keyboard.insertText(value);
  else await page.keyboard.press('Delete');
  return true;
}

// ------------------------------------------------------------------------------ in the page
// These run in the page through evaluateAll, so each is self-contained plain DOM code.

/**
 * The click target if the locator matches exactly one element of the top-level document that is
 * visible, enabled, not inert, in the viewport (scrolled there if needed) and hit at the centre of
 * its first box; null otherwise.
 */
function probeClick(elements: Element[]): Target | null {
  if (elements.length !== 1 || window.top !== window) return null;
  const element = elements[0]!;
  const viewport = window.visualViewport;
  if (viewport && (viewport.scale !== 1 || viewport.offsetLeft !== 0 || viewport.offsetTop !== 0)) return null;
  if (!element.isConnected || !element.checkVisibility({ visibilityProperty: true })) return null;
  if (element.closest('[disabled], [aria-disabled], [inert]') || element.matches(':disabled')) return null;
  const inView = (box: DOMRect) => box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight;
  let box = element.getClientRects()[0];
  if (!box || box.width === 0 || box.height === 0) return null;
  if (!inView(box)) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    box = element.getClientRects()[0];
    if (!box || !inView(box)) return null;
  }
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === element) return { x, y, box: [box.left, box.top, box.width, box.height], tag: element.localName };
  }
  return null;
}

/**
 * At the next animation frame: the point still hits an element with the target's tag and box (or
 * a descendant of it), so the element neither moved nor got covered.
 */
function confirmClick({ point, frameWaitMs }: { point: Target; frameWaitMs: number }): Promise<boolean> {
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

/**
 * For fill: true once the only match, a visible, enabled, editable text input or textarea, has
 * its text selected and the focus, as Playwright's fill leaves it before typing.
 */
function probeFill(elements: Element[]): boolean {
  if (elements.length !== 1) return false;
  const element = elements[0]!;
  const typed = ['', 'email', 'password', 'search', 'tel', 'text', 'url'];
  const isInput = element instanceof HTMLInputElement;
  if (!isInput && !(element instanceof HTMLTextAreaElement)) return false;
  if (isInput && !typed.includes(element.type.toLowerCase())) return false;
  if (!element.isConnected || !element.checkVisibility({ visibilityProperty: true })) return false;
  const box = element.getClientRects()[0];
  if (!box || box.width === 0 || box.height === 0) return false;
  if (element.readOnly || element.matches(':disabled') || element.closest('[disabled], [aria-disabled], [aria-readonly], [inert]')) return false;
  if (isInput) {
    element.select();
    element.focus();
  } else {
    element.selectionStart = 0;
    element.selectionEnd = element.value.length;
    element.focus();
  }
  return element.ownerDocument.activeElement === element;
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

/** The page's navigation watch (its own CDP session), made on first use; null where CDP is unavailable. */
function navigationWatch(page: Page): Promise<NavigationWatch | null> {
  let watch = watches.get(page);
  if (!watch) {
    watch = (async () => {
      try {
        const result = new NavigationWatch(page, await page.context().newCDPSession(page));
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
