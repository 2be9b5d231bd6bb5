import type { ElementHandle, Locator } from 'playwright-core';
import { ActionError, type ErrorCode } from '../protocol/errors.js';

/**
 * What an action needs of its target before it may act. The daemon checks it in the page first
 * (`ensureActionable`) so that a target that exists but cannot take the action is refused within
 * the short grace, with its reason, instead of after Playwright's full auto-wait.
 */
export type ElementNeed = 'click' | 'hover' | 'check' | 'fill' | 'select' | 'upload';

/** The state `inspectTarget` finds, in the page. */
type Inspection =
  | { state: 'ok' }
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
  /** True for a ref bound to an element: no match means the element has gone, never "not yet". */
  bound: boolean;
}

/** Locators of refs bound to an element (`aria-ref=`), which only Playwright's utility world resolves. */
/**
 * Locators of refs bound to an element (`aria-ref=`), which only Playwright's utility world
 * resolves; each gets one element handle, taken on first use and released by `releaseTarget`.
 */
const boundLocators = new WeakMap<Locator, Promise<ElementHandle | null> | null>();

/** Marks a ref's locator: page functions reach its element through a handle (see `evaluateTarget`). */
export function markBound(locator: Locator): Locator {
  boundLocators.set(locator, null);
  return locator;
}

/** The bound locator's element handle (null when its element has gone). */
function handleOf(locator: Locator): Promise<ElementHandle | null> {
  let handle = boundLocators.get(locator);
  if (!handle) {
    handle = locator.elementHandle({ timeout: 1000 }).catch(() => null);
    boundLocators.set(locator, handle);
  }
  return handle;
}

/** Releases the element handle a bound locator took, if any. */
export function releaseTarget(locator: Locator): void {
  const handle = boundLocators.get(locator);
  if (!handle) return;
  boundLocators.set(locator, null);
  void handle.then((taken) => taken?.dispose()).catch(() => undefined);
}

/**
 * Runs `fn` in the page on the locator's matches: one `evaluateAll` call for a selector; for a
 * bound ref, one call on its element's handle (an element that has gone counts as no match).
 */
export async function evaluateTarget<R, A>(locator: Locator, fn: (elements: Element[], arg: A) => R, arg: A): Promise<R> {
  type PageFunction = Parameters<Locator['evaluateAll']>[0];
  if (!boundLocators.has(locator)) return (await locator.evaluateAll(fn as unknown as PageFunction, arg)) as R;
  const handle = await handleOf(locator);
  if (!handle) return fn([], arg);
  const single = new Function('element', 'arg', `return (${fn.toString()})([element], arg);`) as unknown as Parameters<ElementHandle['evaluate']>[0];
  return (await handle.evaluate(single, arg)) as R;
}

/** States that re-checking cannot change within a grace. */
const FINAL = new Set<Inspection['state']>(['many', 'wrong-kind', 'detached']);

/**
 * Waits for `locator` to match (selectors only, up to the timeout), then re-checks what `need`
 * requires for up to the grace; throws the refusal with its code when the target still cannot
 * take the action. Returns when the action may go ahead.
 */
export async function ensureActionable(locator: Locator, selector: string, need: ElementNeed, options: ActionabilityOptions): Promise<void> {
  const deadline = Date.now() + options.graceMs;
  let found: Inspection;
  for (;;) {
    throwIfAborted(options.signal);
    found = await evaluateTarget(locator, inspectTarget, need);
    if (found.state === 'ok') return;
    if (found.state === 'none' && !options.bound) {
      // Not there yet: the one case that waits for the full timeout.
      await locator.first().waitFor({ state: 'attached', timeout: options.timeout, signal: options.signal });
      continue;
    }
    if (found.state === 'none' || FINAL.has(found.state) || Date.now() >= deadline) break;
    await delay(Math.min(30, Math.max(1, deadline - Date.now())), options.signal);
  }
  throw refusal(found, selector, need, options.graceMs);
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
function refusal(found: Inspection, selector: string, need: ElementNeed, graceMs: number): ActionError {
  const shown = `"${selector}"`;
  const still = graceMs > 0 ? ` (still so after ${graceMs} ms)` : '';
  const fail = (code: ErrorCode, message: string) => new ActionError(code, message);
  switch (found.state) {
    case 'none':
      return fail('STALE_REF', `Element ${shown} is no longer on the page. Run 'snapshot' for current refs.`);
    case 'detached':
      return fail('STALE_REF', `Element ${shown} was removed from the page while the action ran. Run 'snapshot' for current refs.`);
    case 'many':
      return fail('AMBIGUOUS_SELECTOR', `Selector ${shown} matched ${found.count} elements. Run 'snapshot' to get updated refs, or use a more specific CSS selector.`);
    case 'hidden':
      return fail('ELEMENT_NOT_VISIBLE', `Element ${shown} is not visible${still}. Scroll or open what contains it (a menu, tab or <details>), or 'wait' for it to show, then retry.`);
    case 'disabled':
      return fail('ELEMENT_DISABLED', `Element ${shown} is disabled${still}. Fill in what the form needs first, or 'wait' until the page enables it; 'snapshot' shows the form's state.`);
    case 'readonly':
      return fail('ELEMENT_NOT_EDITABLE', `Element ${shown} is read-only${still}. Run 'snapshot' to find the field that takes input.`);
    case 'wrong-kind':
      return fail('WRONG_ELEMENT', `Element ${shown} is ${found.element}, and ${need} needs ${KIND_NEEDED[need]}. Run 'snapshot' and pick the right element${need === 'fill' ? " (or use 'click' then 'keyboard type' for custom widgets)" : ''}.`);
    case 'covered':
      return fail('ELEMENT_BLOCKED', `Element ${shown} is covered by another element (${found.by} is on top of it)${still}, likely a modal, banner or overlay. Dismiss or close it first, or 'wait' for it to go, then retry.`);
    case 'outside':
      return fail('ELEMENT_OUTSIDE_VIEWPORT', `Element ${shown} is outside the viewport and cannot be scrolled into it${still}. Try 'scroll' or a larger viewport ('set viewport').`);
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
    if (!fillable) return { state: 'wrong-kind', element: element instanceof HTMLInputElement ? `an <input type="${element.type}">` : `a ${tagOf(element)} element` };
  }
  if (need === 'select' && !(element instanceof HTMLSelectElement)) return { state: 'wrong-kind', element: `a ${tagOf(element)} element` };
  if (need === 'upload') {
    return element instanceof HTMLInputElement && element.type.toLowerCase() === 'file' ? { state: 'ok' } : { state: 'wrong-kind', element: `a ${tagOf(element)} element` };
  }
  if (need === 'check') {
    const native = element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type.toLowerCase());
    const aria = ['checkbox', 'radio', 'switch', 'menuitemcheckbox', 'menuitemradio', 'option', 'treeitem'].includes(role);
    if (!native && !aria) return { state: 'wrong-kind', element: element instanceof HTMLInputElement ? `an <input type="${element.type}">` : `a ${tagOf(element)} element` };
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
    return { state: 'ok' };
  }
  if (need === 'select') return { state: 'ok' };
  // Pointer actions: the point Playwright clicks must reach the element, not something on top.
  const inView = (rect: DOMRect) => rect.top >= 0 && rect.left >= 0 && rect.bottom <= window.innerHeight && rect.right <= window.innerWidth;
  const centre = (rect: DOMRect) => [rect.left + rect.width / 2, rect.top + rect.height / 2] as const;
  let [x, y] = centre(box);
  if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight || !inView(box)) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    box = element.getBoundingClientRect();
    [x, y] = centre(box);
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return { state: 'outside' };
  }
  let hit = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  if (!hit) return { state: 'ok' };
  for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === element) return { state: 'ok' };
  }
  // A label that forwards the click to this control counts as the control.
  const label = hit.closest('label');
  if (label && (label as HTMLLabelElement).control === element) return { state: 'ok' };
  return { state: 'covered', by: tagOf(hit) };
}

/**
 * Refuses at once with OPTION_NOT_FOUND when a wanted value matches no option of the <select>
 * (by value or label, as Playwright's selectOption matches), naming the options there are.
 * Playwright itself would wait the whole timeout for such an option to appear.
 */
export async function ensureOptions(locator: Locator, selector: string, wanted: readonly string[]): Promise<void> {
  const options = await locator.evaluate((node) => {
    const select = node instanceof HTMLLabelElement && node.control ? node.control : node;
    return select instanceof HTMLSelectElement ? [...select.options].map((option) => ({ value: option.value, label: option.label })) : null;
  });
  if (!options) return;
  const missing = wanted.filter((value) => !options.some((option) => option.value === value || option.label === value));
  if (missing.length === 0) return;
  const listed = options.slice(0, 20).map((option) => (option.label === option.value ? JSON.stringify(option.value) : `${JSON.stringify(option.label)} (value ${JSON.stringify(option.value)})`));
  const more = options.length > 20 ? `, … ${options.length - 20} more` : '';
  throw new ActionError(
    'OPTION_NOT_FOUND',
    `"${selector}" has no option ${missing.map((value) => JSON.stringify(value)).join(', ')}; its options are ${listed.join(', ') || 'none'}${more}. Pass one of those values or labels.`,
  );
}
