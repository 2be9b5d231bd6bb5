import { defineAction, definePlugin } from '../host/define.js';
import { origin } from './common.js';
import * as contracts from '../protocol/actions/reading.js';

export default definePlugin({
  name: 'agent-browser:reading',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.gettext,
        handler: async ({ selector }, ctx) => {
          const text = await ctx.element(selector, async (el) => (await el.innerText().catch(notHtmlElement)) ?? (await el.textContent()) ?? '');
          return { text, origin: await origin(ctx) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.getattribute,
        handler: async ({ selector, attribute }, ctx) => {
          const value = await ctx.element(selector, (el) => el.getAttribute(attribute));
          return { attribute, value, origin: await origin(ctx) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.inputvalue,
        handler: async ({ selector }, ctx) => ({ value: await ctx.element(selector, (el) => el.inputValue()), origin: await origin(ctx) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.innerhtml,
        handler: async ({ selector }, ctx) => ({ html: await ctx.element(selector, (el) => el.innerHTML()), origin: await origin(ctx) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.isvisible,
        handler: async ({ selector }, ctx) => ({ visible: await ctx.element(selector, (el) => el.isVisible()) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.isenabled,
        handler: async ({ selector }, ctx) => ({ enabled: await ctx.element(selector, (el) => el.isEnabled()) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.ischecked,
        handler: async ({ selector }, ctx) => ({ checked: await ctx.element(selector, (el) => el.isChecked()) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.count,
        handler: async ({ selector }, ctx) => ({ count: await (await ctx.locator(selector)).count() }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.innertext,
        handler: async ({ selector }, ctx) => ({ text: await ctx.element(selector, (el) => el.innerText({ timeout: ctx.timeout })) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.boundingbox,
        handler: async ({ selector }, ctx) => ({ box: await ctx.element(selector, (el) => el.boundingBox({ timeout: ctx.timeout })) }),
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.styles,
        handler: async ({ selector }, ctx) => {
          const elements = await ctx.element(selector, async (el) => {
            // Wait (within the action timeout) for a first match, so a missing element fails with advice instead of [].
            await el.first().waitFor({ state: 'attached', timeout: ctx.timeout });
            return el.evaluateAll(readStyles);
          });
          return { elements };
        },
      }),
    );
  },
});

interface StyledElement {
  tag: string;
  text: string | null;
  box: { x: number; y: number; width: number; height: number };
  styles: {
    fontSize: string;
    fontWeight: string;
    fontFamily: string;
    color: string;
    backgroundColor: string;
    borderRadius: string;
    border: string | null;
    boxShadow: string | null;
    padding: string;
  };
}

/** Runs in the page: the reference's `styles` summary of each element. */
function readStyles(elements: Element[]): StyledElement[] {
  return elements.map((element) => {
    const s = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ');
    const hasBorder = s.borderStyle !== 'none' && s.borderStyle !== '' && parseFloat(s.borderWidth) > 0;
    return {
      tag: element.tagName.toLowerCase(),
      text: text ? text.slice(0, 100) : null,
      // Whole pixels, as the reference answers: the agent-browser CLIs read integers.
      box: { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) },
      styles: {
        fontSize: s.fontSize,
        fontWeight: s.fontWeight,
        fontFamily: s.fontFamily,
        color: s.color,
        backgroundColor: s.backgroundColor,
        borderRadius: s.borderRadius,
        border: hasBorder ? s.border || `${s.borderWidth} ${s.borderStyle} ${s.borderColor}` : null,
        boxShadow: s.boxShadow && s.boxShadow !== 'none' ? s.boxShadow : null,
        padding: s.padding,
      },
    };
  });
}

/** innerText() fails on non-HTML elements (SVG…), which fall back to textContent(); a timeout must not be waited out twice. */
function notHtmlElement(error: unknown): null {
  if ((error as Error).name === 'TimeoutError') throw error;
  return null;
}
