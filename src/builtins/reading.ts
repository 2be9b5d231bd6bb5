import { defineAction, definePlugin } from '../host/define.js';
import * as schema from '../protocol/schemas.js';
import { onElement, origin } from './common.js';

export default definePlugin({
  name: 'agent-browser:reading',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'gettext',
        summary: 'The visible text of an element.',
        params: schema.element,
        handler: async ({ selector }, ctx) => {
          const text = await onElement(ctx, selector, async (el) => (await el.innerText().catch(notHtmlElement)) ?? (await el.textContent()) ?? '');
          return { text, origin: await origin(ctx) };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'getattribute',
        summary: 'The value of an element’s attribute (null when absent).',
        params: schema.getattribute,
        handler: async ({ selector, attribute }, ctx) => {
          const value = await onElement(ctx, selector, (el) => el.getAttribute(attribute));
          return { attribute, value, origin: await origin(ctx) };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'inputvalue',
        summary: 'The current value of an input, textarea or select.',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ value: await onElement(ctx, selector, (el) => el.inputValue()), origin: await origin(ctx) }),
      }),
    );
    host.addAction(
      defineAction({
        name: 'innerhtml',
        summary: 'The inner HTML of an element.',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ html: await onElement(ctx, selector, (el) => el.innerHTML()), origin: await origin(ctx) }),
      }),
    );
    host.addAction(
      defineAction({
        name: 'isvisible',
        summary: 'Whether an element is visible (does not wait).',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ visible: await onElement(ctx, selector, (el) => el.isVisible()) }),
      }),
    );
    host.addAction(
      defineAction({
        name: 'isenabled',
        summary: 'Whether an element is enabled.',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ enabled: await onElement(ctx, selector, (el) => el.isEnabled()) }),
      }),
    );
    host.addAction(
      defineAction({
        name: 'ischecked',
        summary: 'Whether a checkbox or radio button is checked.',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ checked: await onElement(ctx, selector, (el) => el.isChecked()) }),
      }),
    );
    host.addAction(
      defineAction({
        name: 'count',
        summary: 'How many elements match a selector.',
        params: schema.element,
        handler: async ({ selector }, ctx) => ({ count: await (await ctx.locator(selector)).count() }),
      }),
    );
  },
});

/** innerText() fails on non-HTML elements (SVG…), which fall back to textContent(); a timeout must not be waited out twice. */
function notHtmlElement(error: unknown): null {
  if ((error as Error).name === 'TimeoutError') throw error;
  return null;
}
