import type { CursorElement } from './snapshot-format.js';

/**
 * Runs in the page: `page.evaluate(cursorScan, { rootSelector, roles })`, `roles` being the
 * snapshot's INTERACTIVE_ROLES (their elements get refs anyway). Finds elements that look
 * clickable or focusable but have no interactive tag or role (§3.5): `cursor: pointer` (unless the parent has
 * it too, i.e. it is only inherited), an `onclick` attribute or handler, or a `tabindex` ≥ 0; with
 * text and a non-empty, visible box. Each comes with a CSS selector that matches only it.
 *
 * Self-contained on purpose: no imports, no module-scope references, no named inner functions
 * (a bundler's keep-names helper would not exist in the page).
 */
export function cursorScan({ rootSelector, roles: interactiveRoles }: { rootSelector: string | null; roles: string[] }): CursorElement[] {
  const results: CursorElement[] = [];
  let root: Element | null = null;
  try {
    root = rootSelector ? document.querySelector(rootSelector) : document.body;
  } catch {
    root = null;
  }
  if (!root) return results;

  const interactiveTags = ['a', 'button', 'input', 'select', 'textarea', 'details', 'summary'];

  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i] as HTMLElement;
    if (interactiveTags.indexOf(el.localName.toLowerCase()) >= 0) continue;
    const role = (el.getAttribute('role') || '').trim().toLowerCase().split(/\s+/)[0];
    if (role && interactiveRoles.indexOf(role) >= 0) continue;

    const style = getComputedStyle(el);
    const hasCursor = style.cursor === 'pointer';
    const hasOnclick = el.hasAttribute('onclick') || typeof el.onclick === 'function';
    const hasTabindex = el.hasAttribute('tabindex') && el.tabIndex >= 0;
    if (!hasCursor && !hasOnclick && !hasTabindex) continue;
    if (hasCursor && !hasOnclick && !hasTabindex && el.parentElement && getComputedStyle(el.parentElement).cursor === 'pointer') continue;

    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 100).trim();
    if (!text) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || style.visibility !== 'visible') continue;

    let selector = '';
    const testId = el.getAttribute('data-testid');
    if (testId !== null) {
      const candidate = '[data-testid="' + CSS.escape(testId) + '"]';
      if (document.querySelectorAll(candidate).length === 1) selector = candidate;
    }
    if (!selector && el.id) {
      const candidate = '#' + CSS.escape(el.id);
      if (document.querySelectorAll(candidate).length === 1) selector = candidate;
    }
    if (!selector) {
      const parts: string[] = [];
      let current: Element | null = el;
      for (let level = 0; current && level < 10; level++) {
        if (current !== el && current.id && document.querySelectorAll('#' + CSS.escape(current.id)).length === 1) {
          parts.unshift('#' + CSS.escape(current.id));
          selector = parts.join(' > ');
          break;
        }
        let part = CSS.escape(current.localName);
        if (current.classList.length > 0) part += '.' + CSS.escape(current.classList[0]);
        const parent: Element | null = current.parentElement;
        if (parent) {
          let sameTag = 0;
          let index = 0;
          for (let c = 0; c < parent.children.length; c++) {
            const sibling = parent.children[c];
            if (sibling.localName === current.localName && sibling.namespaceURI === current.namespaceURI) {
              sameTag++;
              if (sibling === current) index = sameTag;
            }
          }
          if (sameTag > 1) part += ':nth-of-type(' + index + ')';
        }
        parts.unshift(part);
        selector = parts.join(' > ');
        if (document.querySelectorAll(selector).length === 1) break;
        current = parent;
      }
    }

    const reasons: CursorElement['reasons'] = [];
    if (hasCursor) reasons.push('cursor:pointer');
    if (hasOnclick) reasons.push('onclick');
    if (hasTabindex) reasons.push('tabindex');
    results.push({ text, selector, reasons, kind: hasCursor || hasOnclick ? 'clickable' : 'focusable' });
  }
  return results;
}
