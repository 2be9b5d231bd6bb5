import type { Frame, Locator, Page } from 'playwright-core';
import { ActionError } from '../protocol/errors.js';
import { inMainWorld } from './playwright.js';
import { callInFrame } from './page-session.js';
import type { RefEntry } from './snapshot-format.js';

/** A ref as the daemon keeps it: what the snapshot showed, and how to find that element again. */
interface BoundRef {
  role: string;
  name: string;
  frame: Frame;
  /** The element's Playwright `aria-ref` in `frame` (refs from the accessibility tree). */
  ariaRef?: string;
  /** Cursor refs: a CSS selector, and the element's text when the snapshot was taken. */
  selector?: string;
}

/** What a ref resolves to: a locator that matches that element and no other, and what it was. */
export interface ResolvedRef {
  locator: Locator;
  /** `button "Delete"`: how the snapshot showed the element, for messages. */
  was: string;
  /** True for refs bound to an element (their locator never matches another one). */
  bound: boolean;
}

const DOCUMENT_KEY = 'agent-browser.document';
const RENAMES_KEY = 'agent-browser.renamed-aria-refs';

/**
 * The refs of one tab. A ref is bound to the element the snapshot showed: it is looked up by the
 * element's Playwright `aria-ref` (kept on the element itself, stable across snapshots of the same
 * document), never by role and name again, so it can only ever match that element. The same
 * element keeps its ref across snapshots; a new element gets a number not used before in the
 * document. A new document (navigation, reload) starts over at e1; refs from before it fail with
 * STALE_REF until a snapshot of the new document defines them again.
 */
export class RefStore {
  private refs = new Map<string, BoundRef>();
  /** Per frame: the element's `aria-ref` → its ref, so a later snapshot reuses the number. */
  private byAriaRef = new Map<Frame, Map<string, string>>();
  /** The document each frame's refs were taken in (a token the page keeps, see `documentToken`). */
  private documents = new Map<Frame, string>();
  /** Refs of the documents this tab has left: kept only to say what a stale ref was. */
  private previous = new Map<string, BoundRef>();
  private counter = 0;
  private snapshots = 0;
  /** Frames that navigated since their refs were taken: their document is checked before a ref is used. */
  private navigated = new Set<Frame>();
  /** Refs the snapshot being taken bound; those the `snapshot` hook drops stop resolving. */
  private boundNow = new Set<string>();
  /** How many navigations each frame has had: a snapshot taken across one is taken again. */
  private navigations = new WeakMap<Frame, number>();

  constructor(
    private readonly tabLabel: () => string,
    /** Names another tab whose snapshot defines `ref` (refs belong to the tab they were taken in). */
    private readonly ownerElsewhere: (ref: string) => string | null = () => null,
  ) {}

  /** Called for every frame navigation (same-document ones too); the document is checked at next use. */
  noteNavigation(frame: Frame): void {
    this.navigations.set(frame, (this.navigations.get(frame) ?? 0) + 1);
    if (this.documents.has(frame)) this.navigated.add(frame);
  }

  has(ref: string): boolean {
    return this.refs.has(ref);
  }

  /** The document `frame` showed at its last snapshot (undefined before one). */
  documentOf(frame: Frame): string | undefined {
    return this.documents.get(frame);
  }

  /**
   * Takes a snapshot of `frame` with `take` and learns which document it was taken in, in one more
   * call into each frame after the tree: the document's token (a new document, or a frame seen for
   * the first time, drops that frame's refs; a new main document drops every ref), the elements
   * the tree gave a new `aria-ref` (they keep their ref), and the main frame's title. A navigation
   * of the frame while the tree was taken makes it take the tree again, so a tree is never paired
   * with another document's token.
   */
  async capture<T>(frame: Frame, take: () => Promise<T>): Promise<{ tree: T; title: string | null }> {
    for (let attempt = 1; ; attempt++) {
      const navigations = this.navigations.get(frame) ?? 0;
      this.boundNow.clear();
      const tree = await take();
      const states = await statesAfterTree(frame);
      const main = states[0];
      const raced = (this.navigations.get(frame) ?? 0) !== navigations;
      if ((raced || !isPageState(main)) && attempt < 3 && !frame.isDetached()) continue;
      if (!isPageState(main)) throw main;
      this.navigated.delete(frame);
      const known = this.documents.get(frame);
      if (known !== main.token) {
        if (known !== undefined) this.forgetFrame(frame, frame === frame.page().mainFrame());
        this.documents.set(frame, main.token);
      }
      this.applyRenames(frame, renamesIn(states));
      return { tree, title: frame === frame.page().mainFrame() ? main.title : null };
    }
  }

  /** The ref of the element with `ariaRef` in `frame`: the one it had, or the next number. */
  bind(frame: Frame, ariaRef: string, role: string, name: string): string {
    let numbers = this.byAriaRef.get(frame);
    if (!numbers) this.byAriaRef.set(frame, (numbers = new Map()));
    let ref = numbers.get(ariaRef);
    if (!ref) {
      ref = `e${++this.counter}`;
      numbers.set(ariaRef, ref);
    }
    this.refs.set(ref, { role, name, frame, ariaRef });
    this.boundNow.add(ref);
    return ref;
  }

  /**
   * After a tree of `frame`: elements whose role or name changed got a new `aria-ref` from
   * Playwright; they keep their ref under the new `aria-ref`.
   */
  private applyRenames(frame: Frame, renames: ReadonlyArray<[string, string]>): void {
    const numbers = this.byAriaRef.get(frame);
    if (!numbers) return;
    for (const [before, after] of renames) {
      const ref = numbers.get(before);
      if (!ref) continue;
      numbers.set(after, ref);
      const entry = this.refs.get(ref);
      if (entry?.ariaRef === before) entry.ariaRef = after;
    }
  }

  /** A number for a ref that is not in the accessibility tree (cursor refs). */
  nextRef(): string {
    return `e${++this.counter}`;
  }

  /**
   * After a snapshot of `frame` (and the `snapshot` hook): keeps refs the hook added or changed.
   * Bound refs were recorded by `bind` already.
   */
  record(refs: Record<string, RefEntry>, frame: Frame): void {
    this.snapshots += 1;
    for (const ref of this.boundNow) if (!Object.hasOwn(refs, ref)) this.refs.delete(ref);
    this.boundNow.clear();
    for (const [ref, entry] of Object.entries(refs)) {
      const known = this.refs.get(ref);
      if (entry.ariaRef) {
        if (!known || known.ariaRef !== entry.ariaRef) this.refs.set(ref, { role: entry.role, name: entry.name, frame, ariaRef: entry.ariaRef });
      } else if (entry.selector) {
        this.refs.set(ref, { role: entry.role, name: entry.name, frame, selector: entry.selector });
      }
      const number = /^e(\d+)$/.exec(ref);
      if (number) this.counter = Math.max(this.counter, Number(number[1]));
    }
  }

  /**
   * The element `ref` names, or a STALE_REF / UNKNOWN_REF error at once. The locator matches that
   * element only; whether it is still attached is checked by `ensureAttached`.
   */
  async resolve(page: Page, ref: string, asTyped: string): Promise<ResolvedRef> {
    const entry = this.refs.get(ref);
    if (!entry) {
      const gone = this.previous.get(ref);
      if (gone) throw staleRef(ref, describe(gone), `the page it was on has gone (this tab navigated or reloaded, now at ${page.url()})`);
      throw this.unknown(ref, asTyped);
    }
    if (entry.frame.isDetached()) throw staleRef(ref, describe(entry), 'the frame it was in has gone (reloaded or removed)');
    if (this.navigated.has(entry.frame)) {
      const token = await documentToken(entry.frame).catch(() => null);
      if (token !== this.documents.get(entry.frame)) {
        this.forgetFrame(entry.frame, entry.frame === page.mainFrame());
        throw staleRef(
          ref,
          describe(entry),
          `the ${entry.frame === page.mainFrame() ? 'page' : 'frame'} it was on has gone (it navigated or reloaded, now at ${entry.frame.url() || page.url()})`,
        );
      }
      this.navigated.delete(entry.frame);
    }
    const locator = entry.ariaRef ? inMainWorld(entry.frame, entry.frame.locator(`aria-ref=${entry.ariaRef}`)) : entry.frame.locator(entry.selector!);
    return { locator, was: describe(entry), bound: entry.ariaRef !== undefined };
  }

  /**
   * Fails with STALE_REF unless the ref's element is still on the page. Playwright finds an
   * `aria-ref` among the elements of its frame's last AI snapshot; when another snapshot (a scoped
   * one, say) left this element out, a fresh snapshot of the frame finds it again under the same
   * `aria-ref`, because the element itself carries it.
   */
  async ensureAttached(resolved: ResolvedRef, ref: string): Promise<void> {
    const entry = this.refs.get(ref);
    if (!entry) return;
    if (!entry.selector && (await resolved.locator.count()) > 0) return;
    await this.findAgain(resolved, ref);
  }

  /**
   * For a ref whose locator matches nothing: returns once a fresh snapshot of its frame finds the
   * element again, or throws STALE_REF. Cursor refs are checked against the element's text.
   */
  async findAgain(resolved: ResolvedRef, ref: string): Promise<void> {
    const entry = this.refs.get(ref);
    if (!entry) return;
    if (entry.selector) {
      const count = await resolved.locator.count();
      if (
        count === 1 &&
        (await resolved.locator.evaluate((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 100).trim()).catch(() => null)) ===
          entry.name
      )
        return;
      throw staleRef(ref, resolved.was, count === 0 ? 'it is no longer on the page' : 'its selector now finds another element');
    }
    // A new document numbers its elements afresh: its `aria-ref`s name other elements.
    const token = await documentToken(entry.frame).catch(() => null);
    if (token !== this.documents.get(entry.frame)) {
      const page = entry.frame.page();
      this.forgetFrame(entry.frame, entry.frame === page.mainFrame());
      throw staleRef(ref, resolved.was, `the ${entry.frame === page.mainFrame() ? 'page' : 'frame'} it was on has gone (it navigated or reloaded)`);
    }
    await inMainWorld(entry.frame, entry.frame.locator(':root'))
      .ariaSnapshotJSON({ mode: 'ai', timeout: 5000 })
      .catch(() => undefined);
    const before = entry.ariaRef;
    this.applyRenames(entry.frame, renamesIn(await statesAfterTree(entry.frame)));
    const locator = entry.ariaRef === before ? resolved.locator : inMainWorld(entry.frame, entry.frame.locator(`aria-ref=${entry.ariaRef}`));
    if ((await locator.count()) > 0) {
      resolved.locator = locator;
      return;
    }
    throw staleRef(ref, resolved.was, 'it is no longer on the page');
  }

  /** Drops a frame's refs (a new main document drops every ref, and numbering starts over). */
  private forgetFrame(frame: Frame, wholePage: boolean): void {
    if (wholePage) {
      this.previous = this.refs;
      this.refs = new Map();
      this.byAriaRef.clear();
      this.documents.clear();
      this.navigated.clear();
      this.counter = 0;
      return;
    }
    for (const [ref, entry] of this.refs) {
      if (entry.frame === frame) {
        this.previous.set(ref, entry);
        this.refs.delete(ref);
      }
    }
    this.byAriaRef.delete(frame);
    this.documents.delete(frame);
    this.navigated.delete(frame);
  }

  private unknown(ref: string, asTyped: string): ActionError {
    const owner = this.ownerElsewhere(ref);
    if (owner) {
      const index = /^tab (\d+)$/.exec(owner)?.[1];
      const back = index !== undefined ? `switch back with 'tab ${index}' (tab_switch {"index":${index}}) to use it, or ` : '';
      return new ActionError(
        'UNKNOWN_REF',
        `Ref "${asTyped}" belongs to the snapshot of ${owner}, but ${this.tabLabel()} is active: ${back}run 'snapshot' here for this tab's refs.`,
      );
    }
    if (this.snapshots === 0) {
      return new ActionError(
        'UNKNOWN_REF',
        `Unknown ref "${asTyped}": no snapshot has been taken in ${this.tabLabel()} yet. Run 'snapshot' first, then use the refs it prints.`,
      );
    }
    const known = [...this.refs.keys()].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const range = known.length === 0 ? 'it has none' : `it has ${known[0]}–${known[known.length - 1]}`;
    return new ActionError(
      'UNKNOWN_REF',
      `Unknown ref "${asTyped}" (${ref}): no snapshot of ${this.tabLabel()} defined it (${range}). Run 'snapshot' again to get current refs.`,
    );
  }
}

function describe(entry: BoundRef): string {
  return entry.name ? `${entry.role} ${JSON.stringify(entry.name)}` : entry.role;
}

function staleRef(ref: string, was: string, why: string): ActionError {
  return new ActionError('STALE_REF', `@${ref} was ${was}; ${why}. Run 'snapshot' for current refs.`);
}

/** What `pageRefState` answers. */
interface PageState {
  token: string;
  renames: Array<[string, string]>;
  title: string;
}

function isPageState(value: unknown): value is PageState {
  return typeof value === 'object' && value !== null && typeof (value as PageState).token === 'string';
}

/**
 * After a tree of `frame`: the page state of it and of each frame inside it, taking the renames
 * noted there. The frame's own failure is kept in its place (the caller decides); a failed
 * descendant counts for nothing.
 */
function statesAfterTree(frame: Frame): Promise<unknown[]> {
  return Promise.all([frame, ...descendants(frame)].map((each, index) => pageState(each, true).catch((error: unknown) => (index === 0 ? error : null))));
}

function renamesIn(states: readonly unknown[]): Array<[string, string]> {
  return states.flatMap((state) => (isPageState(state) ? state.renames : []));
}

/** A token for the document `frame` shows now: a new document (navigation, reload) has another one. */
export function documentToken(frame: Frame): Promise<string> {
  return pageState(frame, false).then((state) => state.token);
}

/** The frame's document token and title; with `take`, also the renames noted since the last take. */
function pageState(frame: Frame, take: boolean): Promise<PageState> {
  return callInFrame(frame, pageRefState, { key: DOCUMENT_KEY, renamesKey: RENAMES_KEY, take });
}

/**
 * In the page: the document's token (kept under a registered symbol; same-document navigations
 * keep it), its title, and the elements that got a new `aria-ref`. Playwright keeps an element's
 * `aria-ref` on the element (`_ariaRef`, in the main world, where snapshots are taken) and gives it
 * a new one when its role or name changed. An accessor on Element.prototype notes those
 * replacements, so the element keeps its ref. Installed after a document's first tree, it first
 * moves the plain `_ariaRef` properties that tree left on elements behind it, since they would
 * hide it.
 */
function pageRefState({ key, renamesKey, take }: { key: string; renamesKey: string; take: boolean }): PageState {
  const holder = window as unknown as Record<symbol, unknown>;
  const renames = Symbol.for(renamesKey);
  if (!holder[renames]) {
    const list: Array<[string, string]> = [];
    holder[renames] = list;
    const value = Symbol('ariaRef');
    try {
      Object.defineProperty(Element.prototype, '_ariaRef', {
        configurable: true,
        get(this: Record<symbol, unknown>) {
          return this[value];
        },
        set(this: Record<symbol, { ref?: string } | undefined>, next: { ref?: string } | undefined) {
          const prior = this[value];
          if (prior?.ref && next?.ref && prior.ref !== next.ref && list.length < 10_000) list.push([prior.ref, next.ref]);
          this[value] = next;
        },
      });
      const adopt = (root: Document | ShadowRoot): void => {
        for (const element of root.querySelectorAll('*')) {
          if (Object.hasOwn(element, '_ariaRef')) {
            const own = element as unknown as { _ariaRef: unknown };
            const ariaRef = own._ariaRef;
            delete (own as { _ariaRef?: unknown })._ariaRef;
            own._ariaRef = ariaRef;
          }
          if (element.shadowRoot) adopt(element.shadowRoot);
        }
      };
      adopt(document);
    } catch {
      // A page that froze Element.prototype: renamed elements get new refs there.
    }
  }
  const symbol = Symbol.for(key);
  const token = (holder[symbol] ??= `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`) as string;
  return { token, renames: take ? (holder[renames] as Array<[string, string]>).splice(0) : [], title: document.title };
}

function descendants(frame: Frame): Frame[] {
  return frame.childFrames().flatMap((child) => [child, ...descendants(child)]);
}
