import { ensureOptions } from '../browser/actionability.js';
import { quickClick, quickFill } from '../browser/quick-actions.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/interaction.js';

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
        ...contracts.click,
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
        ...contracts.dblclick,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, (el) => el.dblclick({ signal: ctx.signal }), 'click');
          return { clicked: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.fill,
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
        ...contracts.type,
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
        ...contracts.press,
        handler: async ({ key, selector }, ctx) => {
          if (selector) await ctx.element(selector, (el) => el.press(key));
          else await (await ctx.page()).keyboard.press(key);
          return { pressed: true };
        },
      }),
    );
    const simple = [
      [contracts.hover, { hovered: true }, 'hover', 'hover'],
      [contracts.focus, { focused: true }, 'focus', undefined],
      [contracts.check, { checked: true }, 'check', 'check'],
      [contracts.uncheck, { unchecked: true }, 'uncheck', 'check'],
      [contracts.scrollintoview, { scrolled: true }, 'scrollIntoViewIfNeeded', undefined],
    ] as const;
    for (const [contract, result, method, need] of simple) {
      host.addAction(
        defineAction({
          ...contract,
          handler: async ({ selector }, ctx) => {
            await ctx.element(selector, (el) => el[method]({ signal: ctx.signal }), need);
            return { ...result };
          },
        }),
      );
    }
    host.addAction(
      defineAction({
        ...contracts.select,
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
        ...contracts.scroll,
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
