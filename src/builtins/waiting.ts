import { defineAction, definePlugin } from '../host/define.js';
import type { ActionError } from '../protocol/errors.js';
import { scriptError, withinTimeout } from './common.js';
import * as contracts from '../protocol/actions/waiting.js';

export default definePlugin({
  name: 'agent-browser:waiting',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.wait,
        async handler({ selector, timeout, state, text }, ctx) {
          const frame = await ctx.frame();
          const limit = timeout ?? ctx.timeout;
          const what = selector
            ? `${JSON.stringify(selector)} to be ${state ?? 'visible'}`
            : text
              ? `the text ${JSON.stringify(text)} to appear`
              : 'the page to load';
          await withinTimeout(
            limit,
            () => `waiting for ${what}. Run 'snapshot' to see the page as it is now.`,
            async () => {
              if (selector) await (await ctx.locator(selector)).first().waitFor({ state: state ?? 'visible', timeout: limit });
              else if (text) await frame.waitForFunction((needle) => (document.body?.innerText ?? '').includes(needle), text, { timeout: limit });
              else if (timeout) await frame.page().waitForTimeout(timeout);
              else await frame.waitForLoadState('load', { timeout: limit });
            },
          );
          return { waited: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.waitforurl,
        async handler({ url, timeout }, ctx) {
          const page = await ctx.page();
          const limit = timeout ?? ctx.timeout;
          const regex = /^\/(.+)\/([a-z]*)$/.exec(url);
          await withinTimeout(
            limit,
            () => `waiting for the URL to match ${JSON.stringify(url)}; it is ${page.url()}.`,
            () => page.waitForURL(regex ? new RegExp(regex[1]!, regex[2]) : url, { timeout: limit, waitUntil: 'commit' }),
          );
          return { url: page.url() };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.waitforloadstate,
        async handler({ state, timeout }, ctx) {
          const limit = timeout ?? ctx.timeout;
          const frame = await ctx.frame();
          await withinTimeout(
            limit,
            () => `waiting for "${state}". A page that keeps connections open never reaches networkidle; wait for an element or text instead.`,
            () => frame.waitForLoadState(state, { timeout: limit }),
          );
          return { state };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.waitforfunction,
        async handler({ expression, timeout }, ctx) {
          const limit = timeout ?? ctx.timeout;
          const frame = await ctx.frame();
          await withinTimeout(
            limit,
            () => `waiting for ${JSON.stringify(expression)} to be truthy.`,
            () => frame.waitForFunction(expression, undefined, { timeout: limit }),
          ).catch((error: unknown) => {
            throw (error as ActionError).code === 'TIMEOUT' ? error : scriptError(error, 'The expression threw');
          });
          return { waited: true };
        },
      }),
    );
  },
});
