import type { Frame, Locator, Page } from 'playwright-core';
import { ActionError } from '../protocol/errors.js';
import type { RefEntry } from './snapshot-format.js';

/**
 * The refs of one tab's last snapshot. A ref is a recipe (role, exact name, nth) evaluated
 * lazily inside the snapshot's scope; it goes stale when the tab loads a new document or
 * moves to another path.
 */
export class RefStore {
  private refs: Record<string, RefEntry> = {};
  private scope: Locator | null = null;
  private frame: Frame | null = null;
  private takenAt = -1;
  private navigations = 0;
  private lastUrl = '';

  constructor(
    private readonly tabLabel: () => string,
    /** Names another tab whose last snapshot defines `ref` (refs belong to the tab they were taken in). */
    private readonly ownerElsewhere: (ref: string) => string | null = () => null,
  ) {}

  /** Called for main-frame navigations; hash-only changes keep refs valid. */
  noteNavigation(url: string, newDocument: boolean): void {
    const withoutHash = url.split('#')[0] ?? url;
    if (newDocument || withoutHash !== this.lastUrl) this.navigations += 1;
    this.lastUrl = withoutHash;
  }

  /** Stores a snapshot's refs; they resolve in `frame` (the main frame when null) and inside `scope`. */
  replace(refs: Record<string, RefEntry>, scope: Locator | null, frame: Frame | null = null): void {
    this.refs = refs;
    this.scope = scope;
    this.frame = frame && frame !== frame.page().mainFrame() ? frame : null;
    this.takenAt = this.navigations;
  }

  has(ref: string): boolean {
    return Object.hasOwn(this.refs, ref);
  }

  resolve(page: Page, ref: string, asTyped: string): Locator {
    const entry = Object.hasOwn(this.refs, ref) ? this.refs[ref] : undefined;
    if (!entry) throw this.unknown(ref, asTyped);
    if (this.takenAt !== this.navigations) {
      throw new ActionError('STALE_REF', `Ref "${asTyped}" is from a snapshot taken before this tab navigated (now at ${page.url()}). Run 'snapshot' again and use the new refs.`);
    }
    if (this.frame?.isDetached()) {
      throw new ActionError('STALE_REF', `Ref "${asTyped}" belongs to a frame that is gone (it was reloaded or removed). Run 'snapshot' again and use the new refs.`);
    }
    const root = this.frame ?? page.mainFrame();
    if (entry.selector) return root.locator(entry.selector);
    let byRole = root.getByRole(entry.role as Parameters<Frame['getByRole']>[0], { name: entry.name, exact: true });
    // A scoped snapshot lists the scope element itself, which scope.getByRole() would not search.
    if (this.scope) byRole = byRole.and(this.scope.or(this.scope.locator('*')));
    return entry.nth !== undefined ? byRole.nth(entry.nth) : byRole;
  }

  private unknown(ref: string, asTyped: string): ActionError {
    const owner = this.ownerElsewhere(ref);
    if (owner) {
      const index = /^tab (\d+)$/.exec(owner)?.[1];
      const back = index !== undefined ? `switch back with 'tab ${index}' (tab_switch {"index":${index}}) to use it, or ` : '';
      return new ActionError('UNKNOWN_REF', `Ref "${asTyped}" belongs to the snapshot of ${owner}, but ${this.tabLabel()} is active: ${back}run 'snapshot' here for this tab's refs.`);
    }
    if (this.takenAt < 0) {
      return new ActionError('UNKNOWN_REF', `Unknown ref "${asTyped}": no snapshot has been taken in ${this.tabLabel()} yet. Run 'snapshot' first, then use the refs it prints.`);
    }
    const known = Object.keys(this.refs);
    const range = known.length === 0 ? 'it had no refs' : `it has ${known[0]}–${known[known.length - 1]}`;
    return new ActionError('UNKNOWN_REF', `Unknown ref "${asTyped}" (${ref}): the last snapshot of ${this.tabLabel()} does not define it (${range}). Run 'snapshot' again to get current refs.`);
  }
}
