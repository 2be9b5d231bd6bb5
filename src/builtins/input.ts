import type { Locator, Page } from 'playwright-core';
import { injectKeyboard, injectMouse, injectTouch } from '../browser/cdp-input.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError, stripAnsi } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/input.js';

/**
 * Low-level input: keyboard and mouse primitives, touch taps, synthetic events, drag and drop,
 * highlighting, and the live view's input injection. Every selector field goes through
 * `ctx.element`, so refs work and failures get advice.
 */

/** Playwright's "Unknown key" as a parameter error an agent can fix. */
async function withKeys<T>(keys: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = stripAnsi((error as Error).message ?? '');
    const unknown = /Unknown key: "([^"]*)"/.exec(message)?.[1];
    if (unknown !== undefined) {
      throw new ActionError(
        'INVALID_PARAMS',
        `Unknown key "${unknown}" in "${keys}". Use key names such as Enter, Tab, Escape, Backspace, ArrowDown, PageUp, F5, a, or chords such as Control+a and Shift+Tab.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Taps like a finger. Playwright's `tap` needs a touch-enabled context (`device` with a phone
 * gives one); on a desktop context the same touch sequence is sent through CDP after the usual
 * actionability checks, so the page sees pointerdown/touchstart/touchend/pointerup/click with
 * pointerType "touch" either way.
 */
async function tapElement(page: Page, element: Locator): Promise<void> {
  try {
    await element.tap();
    return;
  } catch (error) {
    if (!/does not support tap/.test((error as Error).message ?? '')) throw error;
  }
  await element.click({ trial: true }); // waits until visible, stable, enabled and not covered; scrolls it into view
  const box = await element.boundingBox();
  if (!box) throw new Error('element is not visible');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await injectTouch(page, { type: 'touchStart', touchPoints: [{ x, y }] });
  await injectTouch(page, { type: 'touchEnd', touchPoints: [] });
}

/** Outlines an element for a few seconds; restores its own outline afterwards. */
function outline(node: Element): void {
  const element = node as HTMLElement;
  const w = window as unknown as { __agentBrowserHighlights?: Map<Element, { outline: string; offset: string; timer: number }> };
  const active = (w.__agentBrowserHighlights ??= new Map());
  const previous = active.get(element);
  if (previous) clearTimeout(previous.timer);
  const original = previous ?? { outline: element.style.outline, offset: element.style.outlineOffset, timer: 0 };
  element.style.outline = '3px solid #ff3b30';
  element.style.outlineOffset = '2px';
  element.setAttribute('data-agent-browser-highlight', '');
  original.timer = window.setTimeout(() => {
    element.style.outline = original.outline;
    element.style.outlineOffset = original.offset;
    element.removeAttribute('data-agent-browser-highlight');
    active.delete(element);
  }, 3000);
  active.set(element, original);
}

export default definePlugin({
  name: 'agent-browser:input',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.keyboard,
        handler: async ({ subaction, keys, text, delay }, ctx) => {
          const page = await ctx.page();
          if (subaction === 'type' || subaction === 'insertText') {
            const value = text ?? keys;
            if (value === undefined) throw new ActionError('INVALID_PARAMS', `Missing 'text' parameter for keyboard ${subaction}.`);
            if (subaction === 'type') {
              await withKeys(value, () => page.keyboard.type(value, { delay }));
              return { typed: true, text: value };
            }
            await page.keyboard.insertText(value);
            return { inserted: true, text: value };
          }
          const chord = keys ?? text;
          if (!chord) throw new ActionError('INVALID_PARAMS', 'Missing \'keys\' parameter for keyboard press (e.g. "Enter" or "Control+a").');
          await withKeys(chord, () => page.keyboard.press(chord, { delay }));
          return { pressed: chord };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.keydown,
        handler: async ({ key }, ctx) => {
          const page = await ctx.page();
          await withKeys(key, () => page.keyboard.down(key));
          return { down: true, key };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.keyup,
        handler: async ({ key }, ctx) => {
          const page = await ctx.page();
          await withKeys(key, () => page.keyboard.up(key));
          return { up: true, key };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.inserttext,
        handler: async ({ text }, ctx) => {
          await (await ctx.page()).keyboard.insertText(text);
          return { inserted: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.mousemove,
        handler: async ({ x, y }, ctx) => {
          await (await ctx.page()).mouse.move(x, y);
          return { moved: true, x, y };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.mousedown,
        handler: async ({ button }, ctx) => {
          await (await ctx.page()).mouse.down({ button: button ?? 'left' });
          return { down: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.mouseup,
        handler: async ({ button }, ctx) => {
          await (await ctx.page()).mouse.up({ button: button ?? 'left' });
          return { up: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.wheel,
        handler: async ({ deltaX, deltaY, selector }, ctx) => {
          const page = await ctx.page();
          if (selector) await ctx.element(selector, (el) => el.hover({ signal: ctx.signal }), 'hover');
          await page.mouse.wheel(deltaX ?? 0, deltaY ?? 0);
          return { scrolled: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.tap,
        handler: async ({ selector }, ctx) => {
          const page = await ctx.page();
          await ctx.element(selector, (el) => tapElement(page, el), 'click');
          return { tapped: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.dispatch,
        handler: async ({ selector, event, eventInit }, ctx) => {
          await ctx.element(selector, async (el) => {
            // Playwright builds a plain Event for types it does not know, which drops `detail`;
            // a custom event with a detail is what pages listening for it expect.
            const custom = eventInit !== undefined && 'detail' in eventInit && (await el.evaluate((node, type) => !(`on${type}` in node), event));
            if (!custom) return el.dispatchEvent(event, eventInit);
            await el.evaluate(
              (node, [type, init]) => {
                node.dispatchEvent(new CustomEvent(type as string, { bubbles: true, cancelable: true, composed: true, ...(init as CustomEventInit) }));
              },
              [event, eventInit] as const,
            );
          });
          return { dispatched: event };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.drag,
        handler: async ({ source, target }, ctx) => {
          const to = await ctx.element(target, async (el) => el, 'hover');
          await ctx.element(source, (el) => el.dragTo(to, { signal: ctx.signal }), 'hover');
          return { dragged: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.highlight,
        handler: async ({ selector }, ctx) => {
          await ctx.element(selector, async (el) => {
            await el.scrollIntoViewIfNeeded();
            await el.evaluate(outline);
          });
          return { highlighted: true };
        },
      }),
    );

    // §2.12: raw input for streaming viewers (oqto's live view), straight to Chromium's Input domain.
    host.addAction(
      defineAction({
        ...contracts.input_mouse,
        handler: async (event, ctx) => {
          await injectMouse(await ctx.page(), event);
          return { injected: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.input_keyboard,
        handler: async (event, ctx) => {
          await injectKeyboard(await ctx.page(), event);
          return { injected: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.input_touch,
        handler: async (event, ctx) => {
          await injectTouch(await ctx.page(), event);
          return { injected: true };
        },
      }),
    );
  },
});
