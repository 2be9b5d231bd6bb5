import { ensureOptions } from '../browser/actionability.js';
import { quickClick, quickFill } from '../browser/quick-actions.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as schema from '../protocol/schemas.js';

/** Typing continues after existing text, as it does for a person who clicks into a filled field. */
function placeCaretAtEnd(node: Element): void {
  if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
    try {
      node.setSelectionRange(node.value.length, node.value.length);
    } catch {
      // input types without a selection (email, number) keep the browser's caret
    }
  }
}

const SCROLL_DIRECTIONS = { up: [0, -1], down: [0, 1], left: [-1, 0], right: [1, 0] } as const;

export default definePlugin({
  name: 'agent-browser:interaction',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'click',
        summary: 'Click an element; with newTab, open a link in a new tab instead.',
        params: schema.click,
        handler: async ({ selector, button, clickCount, delay, newTab }, ctx) => {
          if (newTab) {
            if ((button && button !== 'left') || clickCount !== undefined || delay !== undefined) {
              throw new ActionError('INVALID_PARAMS', 'newTab opens the link instead of clicking it: button, clickCount and delay cannot go with it.');
            }
            const href = await ctx.element(selector, (el) =>
              el.evaluate((node) => (node.getAttribute('href') ? new URL(node.getAttribute('href')!, document.baseURI).href : '')),
            );
            if (!href) throw new ActionError('WRONG_ELEMENT', `Element '${selector}' does not have an href attribute. --new-tab only works on links.`);
            const { index } = await ctx.run('tab_new', { url: href });
            return { clicked: true, newTab: true, url: ctx.browser.tabs[index as number]?.page.url() ?? href };
          }
          const page = await ctx.page();
          await ctx.element(
            selector,
            async (el) => {
              if (!(await quickClick(page, el, { button, clickCount, delay }, ctx.timeout))) await el.click({ button, clickCount, delay, signal: ctx.signal });
            },
            'click',
          );
          return { clicked: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'dblclick',
        summary: 'Double-click an element.',
        params: schema.element,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => el.dblclick({ signal: ctx.signal }), 'click');
          return { clicked: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'fill',
        summary: 'Clear an input and fill it with a value.',
        params: schema.fill,
        handler: async ({ selector, value }, ctx) => {
          const page = await ctx.page();
          await ctx.element(
            selector,
            async (el) => {
              if (!(await quickFill(page, el, value))) await el.fill(value, { signal: ctx.signal });
            },
            'fill',
          );
          return { filled: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'type',
        summary: 'Type text into an element key by key (clear: true empties it first).',
        params: schema.type,
        handler: async ({ selector, text, delay, clear }, ctx) => {
          await ctx.element(
            selector,
            async (el) => {
              if (clear) await el.fill('', { signal: ctx.signal });
              else {
                // pressSequentially moves the caret to the start of a field it has to focus first.
                await el.focus({ signal: ctx.signal });
                await el.evaluate(placeCaretAtEnd);
              }
              await el.pressSequentially(text, { delay, signal: ctx.signal });
            },
            'fill',
          );
          return { typed: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'press',
        summary: 'Press a key or chord (Enter, Control+a), on an element or the focused one.',
        params: schema.press,
        handler: async ({ key, selector }, ctx) => {
          if (selector) await ctx.element(selector, (el) => el.press(key));
          else await (await ctx.page()).keyboard.press(key);
          return { pressed: true };
        },
      }),
    );
    const simple = [
      ['hover', 'Hover over an element.', { hovered: true }, 'hover', 'hover'],
      ['focus', 'Focus an element.', { focused: true }, 'focus', undefined],
      ['check', 'Check a checkbox or radio button.', { checked: true }, 'check', 'check'],
      ['uncheck', 'Uncheck a checkbox.', { unchecked: true }, 'uncheck', 'check'],
      ['scrollintoview', 'Scroll an element into view.', { scrolled: true }, 'scrollIntoViewIfNeeded', undefined],
    ] as const;
    for (const [name, summary, result, method, need] of simple) {
      host.addAction(
        defineAction({
          name,
          summary,
          params: schema.element,
          handler: async ({ selector }, ctx) => {
            await ctx.element(selector, (el) => el[method]({ signal: ctx.signal }), need);
            return { ...result };
          },
        }),
      );
    }
    host.addAction(
      defineAction({
        name: 'select',
        summary: 'Select one or more options of a <select> by value or label.',
        params: schema.select,
        handler: async ({ selector, values }, ctx) => {
          const wanted = Array.isArray(values) ? values : [values];
          await ctx.element(
            selector,
            async (el) => {
              await ensureOptions(el, selector, wanted);
              await el.selectOption(wanted, { signal: ctx.signal });
            },
            'select',
          );
          return { selected: wanted };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'scroll',
        summary: 'Scroll the page (direction and amount, or x/y), or an element into view and by x/y.',
        params: schema.scroll,
        handler: async ({ selector, x, y, direction, amount }, ctx) => {
          let dx = x ?? 0;
          let dy = y ?? 0;
          if (direction) {
            const [ux, uy] = SCROLL_DIRECTIONS[direction];
            dx = ux * (amount ?? 100);
            dy = uy * (amount ?? 100);
          }
          if (selector) {
            await ctx.element(selector, async (el) => {
              await el.scrollIntoViewIfNeeded();
              if (dx !== 0 || dy !== 0) await el.evaluate((node, [sx, sy]) => node.scrollBy(sx!, sy!), [dx, dy]);
            });
          } else {
            await (await ctx.frame()).evaluate(([sx, sy]) => window.scrollBy(sx!, sy!), [dx, dy]);
          }
          return { scrolled: true };
        },
      }),
    );
  },
});
