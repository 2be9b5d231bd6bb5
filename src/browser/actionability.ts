import type { Locator } from 'playwright-core';
import { ActionError, type ErrorCode } from '../protocol/errors.js';
import type { ElementNeed } from '../host/types.js';

export type { ElementNeed };

/**
 * What an action needs of its target before it may act. The daemon checks it in the page first
 * (`ensureActionable`) so that a target that exists but cannot take the action is refused within
 * the short grace, with its reason, instead of after Playwright's full auto-wait.
 */

/** Where a click lands: the centre of the element's first box, that box, and the element's tag. */
export interface ClickPoint {
  x: number;
  y: number;
  box: [number, number, number, number];
  tag: string;
}

/**
 * A target that may take the action. For a click in a top-level, unzoomed page it carries the point
 * to press; for a fill of a text input or textarea the element already has the focus and its text
 * selected. The quick paths (`quick-actions.ts`) act on these without asking the page again.
 */
export interface Ready {
  state: 'ok';
  point?: ClickPoint;
  focused?: boolean;
}

/** The state `inspectTarget` finds, in the page. */
type Inspection =
  | Ready
  | { state: 'none' }
  | { state: 'many'; count: number }
  | { state: 'detached' }
  | { state: 'hidden' }
  | { state: 'disabled' }
  | { state: 'readonly' }
  | { state: 'wrong-kind'; element: string }
  | { state: 'covered'; by: string }
  | { state: 'outside' };

export interface ActionabilityOptions {
  /** How long a target that exists but cannot take the action is re-checked (ms). */
  graceMs: number;
  /** How long a selector with no match is waited for (ms). */
  timeout: number;
  /** Ends the wait when the request is cancelled. */
  signal?: AbortSignal;
  /**
   * Set for a ref bound to an element: no match never means "not yet". Called then; it throws
   * STALE_REF when the element has gone, or resolves with the locator that finds it again.
   */
  gone?: () => Promise<Locator>;
  /** The action as the client named it (`type` checks as `fill`), for the refusal's text. */
  action?: string;
}

/** What `ensureActionable` found ready, per locator, for the quick path that acts next. */
const readyTargets = new WeakMap<Locator, Ready>();

/** The readiness `ensureActionable` found for `locator`, once (the next action must check again). */
export function takeReady(locator: Locator): Ready | undefined {
  const ready = readyTargets.get(locator);
  readyTargets.delete(locator);
  return ready;
}

/** States that re-checking cannot change within a grace. */
const FINAL = new Set<Inspection['state']>(['many', 'wrong-kind', 'detached']);

/**
 * Waits for `target` to match (selectors only, up to the timeout), then re-checks what `need`
 * requires for up to the grace; throws the refusal with its code when the target still cannot
 * take the action. One call into the page per check; when it passes, the quick paths find what it
 * saw with `takeReady` on the locator it resolves with (another one when a ref was found again).
 */
export async function ensureActionable(target: Locator, selector: string, need: ElementNeed, options: ActionabilityOptions): Promise<Locator> {
  let locator = target;
  const deadline = Date.now() + options.graceMs;
  let found: Inspection;
  let recovered = false;
  for (;;) {
    throwIfAborted(options.signal);
    found = await locator.evaluateAll(inspectTarget, need);
    if (found.state === 'ok') {
      readyTargets.set(locator, found);
      return locator;
    }
    if (found.state === 'none') {
      if (!options.gone) {
        // Not there yet: the one case that waits for the full timeout.
        await locator.first().waitFor({ state: 'attached', timeout: options.timeout, signal: options.signal });
        continue;
      }
      if (recovered) break;
      locator = await options.gone();
      recovered = true;
      continue;
    }
    if (FINAL.has(found.state) || Date.now() >= deadline) break;
    await delay(Math.min(30, Math.max(1, deadline - Date.now())), options.signal);
  }
  throw refusal(found, selector, need, options.graceMs, options.action ?? need);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new ActionError('CANCELLED', 'The request was cancelled.');
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

const KIND_NEEDED: Record<ElementNeed, string> = {
  click: '',
  hover: '',
  check: 'a checkbox, radio button or switch',
  fill: 'an <input>, <textarea> or contenteditable element',
  select: 'a <select> element',
  upload: 'an <input type="file">',
};

/** The error for a target that cannot take the action, with what to do next. */
function refusal(found: Inspection, selector: string, need: ElementNeed, graceMs: number, action: string): ActionError {
  const shown = `"${selector}"`;
  const still = graceMs > 0 ? ` (still so after ${graceMs} ms)` : '';
  const fail = (code: ErrorCode, message: string) => new ActionError(code, message);
  switch (found.state) {
    case 'none':
      return fail('STALE_REF', `Element ${shown} is no longer on the page. Run 'snapshot' for current refs.`);
    case 'detached':
      return fail('STALE_REF', `Element ${shown} was removed from the page while the action ran. Run 'snapshot' for current refs.`);
    case 'many':
      return fail(
        'AMBIGUOUS_SELECTOR',
        `Selector ${shown} matched ${found.count} elements. Run 'snapshot' to get updated refs, or use a more specific CSS selector.`,
      );
    case 'hidden':
      return fail(
        'ELEMENT_NOT_VISIBLE',
        `Element ${shown} is not visible${still}. Scroll or open what contains it (a menu, tab or <details>), or 'wait' for it to show, then retry.`,
      );
    case 'disabled':
      return fail(
        'ELEMENT_DISABLED',
        `Element ${shown} is disabled${still}. Fill in what the form needs first, or 'wait' until the page enables it; 'snapshot' shows the form's state.`,
      );
    case 'readonly':
      return fail('ELEMENT_NOT_EDITABLE', `Element ${shown} is read-only${still}. Run 'snapshot' to find the field that takes input.`);
    case 'wrong-kind':
      return fail(
        'WRONG_ELEMENT',
        `Element ${shown} is ${found.element}, and ${action} needs ${KIND_NEEDED[need]}. Run 'snapshot' and pick the right element${need === 'fill' ? " (or use 'click' then 'keyboard type' for custom widgets)" : ''}.`,
      );
    case 'covered':
      return fail(
        'ELEMENT_BLOCKED',
        `Element ${shown} is covered by another element (${found.by} is on top of it)${still}, likely a modal, banner or overlay. Dismiss or close it first, or 'wait' for it to go, then retry.`,
      );
    case 'outside':
      return fail(
        'ELEMENT_OUTSIDE_VIEWPORT',
        `Element ${shown} is outside the viewport and cannot be scrolled into it${still}. Try 'scroll' or a larger viewport ('set viewport').`,
      );
    default:
      return fail('INTERNAL', `Element ${shown} cannot take the action.`);
  }
}

// ------------------------------------------------------------------------------ in the page
// Runs through evaluateAll, so it is self-contained plain DOM code: no imports, no outer names.

/** What stands between `elements` (the locator's matches) and the action `need`. */
function inspectTarget(elements: Element[], need: ElementNeed): Inspection {
  if (elements.length === 0) return { state: 'none' };
  if (elements.length > 1) return { state: 'many', count: elements.length };
  let element = elements[0]!;
  if (!element.isConnected) return { state: 'detached' };
  const tagOf = (node: Element): string => {
    let text = `<${node.localName}`;
    if (node.id) text += ` id="${node.id}"`;
    const className = node.getAttribute('class');
    if (className) text += ` class="${className.trim().split(/\s+/).slice(0, 3).join(' ')}"`;
    const role = node.getAttribute('role');
    if (role) text += ` role="${role}"`;
    return `${text}>`;
  };
  // fill, select, upload and check act on a label's control, as Playwright's actions do.
  if (need !== 'click' && need !== 'hover' && element instanceof HTMLLabelElement && element.control) element = element.control;
  const role = (element.getAttribute('role') ?? '').trim().toLowerCase();
  if (need === 'fill') {
    const blocked = ['checkbox', 'radio', 'file', 'button', 'submit', 'reset', 'image', 'range', 'color', 'hidden'];
    const fillable =
      (element instanceof HTMLInputElement && !blocked.includes(element.type.toLowerCase())) ||
      element instanceof HTMLTextAreaElement ||
      (element instanceof HTMLElement && element.isContentEditable);
    if (!fillable)
      return { state: 'wrong-kind', element: element instanceof HTMLInputElement ? `an <input type="${element.type}">` : `a ${tagOf(element)} element` };
  }
  if (need === 'select' && !(element instanceof HTMLSelectElement)) return { state: 'wrong-kind', element: `a ${tagOf(element)} element` };
  if (need === 'upload') {
    return element instanceof HTMLInputElement && element.type.toLowerCase() === 'file'
      ? { state: 'ok' }
      : { state: 'wrong-kind', element: `a ${tagOf(element)} element` };
  }
  if (need === 'check') {
    const native = element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type.toLowerCase());
    const aria = ['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'].includes(role);
    if (!native && !aria)
      return { state: 'wrong-kind', element: element instanceof HTMLInputElement ? `an <input type="${element.type}">` : `a ${tagOf(element)} element` };
  }
  const visibleBox = (node: Element): DOMRect | null => {
    if (!node.checkVisibility({ visibilityProperty: true })) return null;
    const box = node.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? box : null;
  };
  // display: contents has no box of its own; Playwright's own checks judge it.
  if (getComputedStyle(element).display === 'contents') return { state: 'ok' };
  let box = visibleBox(element);
  if (!box) return { state: 'hidden' };
  if (need !== 'hover') {
    const disabled = element.matches(':disabled') || element.closest('[aria-disabled="true"]') !== null;
    if (disabled) return { state: 'disabled' };
  }
  if (need === 'fill') {
    const readOnly = (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) && element.readOnly;
    if (readOnly || element.getAttribute('aria-readonly') === 'true') return { state: 'readonly' };
    // A text input or textarea is made ready as Playwright's fill leaves it: focused, its text selected.
    const typed = ['', 'email', 'password', 'search', 'tel', 'text', 'url'];
    const textField = (element instanceof HTMLInputElement && typed.includes(element.type.toLowerCase())) || element instanceof HTMLTextAreaElement;
    if (!textField || element.closest('[inert]')) return { state: 'ok' };
    const field = element as HTMLInputElement | HTMLTextAreaElement;
    field.focus();
    field.select();
    return field.ownerDocument.activeElement === field ? { state: 'ok', focused: true } : { state: 'ok' };
  }
  if (need === 'select') return { state: 'ok' };
  // Pointer actions: the point Playwright clicks must reach the element, not something on top.
  const inView = (rect: DOMRect) => rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight && rect.right <= window.innerWidth;
  let first = element.getClientRects()[0] ?? box;
  if (!inView(first)) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    box = element.getBoundingClientRect();
    first = element.getClientRects()[0] ?? box;
  }
  const x = first.left + first.width / 2;
  const y = first.top + first.height / 2;
  if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return { state: 'outside' };
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  let reaches = !hit;
  for (let node: Node | null = hit; node && !reaches; node = node.parentNode ?? (node as ShadowRoot).host ?? null) reaches = node === element;
  // A label that forwards the click to this control counts as the control.
  const label = hit?.closest('label');
  if (!reaches && label && (label as HTMLLabelElement).control === element) reaches = true;
  if (!reaches) return { state: 'covered', by: tagOf(hit!) };
  // The quick click needs the top-level page at scale 1 and the hit element itself; Playwright's click does the rest.
  const viewport = window.visualViewport;
  const unzoomed = !viewport || (viewport.scale === 1 && viewport.offsetLeft === 0 && viewport.offsetTop === 0);
  const quick =
    window.top === window && unzoomed && hit !== null && !element.closest('[inert], [aria-disabled]') && first.width > 0 && first.height > 0 && inView(first);
  return quick ? { state: 'ok', point: { x, y, box: [first.left, first.top, first.width, first.height], tag: element.localName } } : { state: 'ok' };
}

/**
 * Refuses at once with OPTION_NOT_FOUND when a wanted value matches no option of the <select>
 * (by value or label, as Playwright's selectOption matches), naming the options there are, and
 * with INVALID_PARAMS when several values are wanted of a single-choice <select>.
 * Playwright itself would wait the whole timeout for such an option to appear.
 */
export async function ensureOptions(locator: Locator, selector: string, wanted: readonly string[]): Promise<void> {
  const found = await locator.evaluate((node) => {
    const select = node instanceof HTMLLabelElement && node.control ? node.control : node;
    if (!(select instanceof HTMLSelectElement)) return null;
    return { multiple: select.multiple, options: [...select.options].map((option) => ({ value: option.value, label: option.label })) };
  });
  if (!found) return;
  // Playwright would select the first of them and report success.
  if (!found.multiple && wanted.length > 1)
    throw new ActionError(
      'INVALID_PARAMS',
      `"${selector}" is a single-choice <select> (no "multiple" attribute), so it takes one value; got ${wanted.length}: ${wanted.map((value) => JSON.stringify(value)).join(', ')}. Pass one value.`,
    );
  const { options } = found;
  const missing = wanted.filter((value) => !options.some((option) => option.value === value || option.label === value));
  if (missing.length === 0) return;
  const listed = options
    .slice(0, 20)
    .map((option) =>
      option.label === option.value ? JSON.stringify(option.value) : `${JSON.stringify(option.label)} (value ${JSON.stringify(option.value)})`,
    );
  const more = options.length > 20 ? `, … ${options.length - 20} more` : '';
  throw new ActionError(
    'OPTION_NOT_FOUND',
    `"${selector}" has no option ${missing.map((value) => JSON.stringify(value)).join(', ')}; its options are ${listed.join(', ') || 'none'}${more}. Pass one of those values or labels.`,
  );
}
