import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as schema from '../protocol/schemas.js';

export default definePlugin({
  name: 'agent-browser:scripting',
  apply(host) {
    host.addAction(
      defineAction({
        name: 'wait',
        summary: 'Wait for an element (state), for text to appear, for a number of ms, or for the load event.',
        params: schema.wait,
        async handler({ selector, timeout, state, text }, ctx) {
          const frame = await ctx.frame();
          const limit = timeout ?? ctx.timeout;
          try {
            if (selector) await (await ctx.locator(selector)).first().waitFor({ state: state ?? 'visible', timeout: limit });
            else if (text) await frame.waitForFunction((needle) => (document.body?.innerText ?? '').includes(needle), text, { timeout: limit });
            else if (timeout) await frame.page().waitForTimeout(timeout);
            else await frame.waitForLoadState('load', { timeout: limit });
          } catch (error) {
            if ((error as Error).name !== 'TimeoutError') throw error;
            const what = selector ? `${JSON.stringify(selector)} to be ${state ?? 'visible'}` : text ? `the text ${JSON.stringify(text)} to appear` : 'the page to load';
            throw new ActionError('TIMEOUT', `Timed out after ${limit} ms waiting for ${what}. Run 'snapshot' to see the page as it is now.`, { cause: error });
          }
          return { waited: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'waitforurl',
        summary: 'Wait until the active tab’s URL matches a glob (**/done), a /regex/ or an exact URL.',
        params: schema.waitforurl,
        async handler({ url, timeout }, ctx) {
          const page = await ctx.page();
          const limit = timeout ?? ctx.timeout;
          const regex = /^\/(.+)\/([a-z]*)$/.exec(url);
          try {
            await page.waitForURL(regex ? new RegExp(regex[1]!, regex[2]) : url, { timeout: limit, waitUntil: 'commit' });
          } catch (error) {
            if ((error as Error).name !== 'TimeoutError') throw error;
            throw new ActionError('TIMEOUT', `Timed out after ${limit} ms waiting for the URL to match ${JSON.stringify(url)}; it is ${page.url()}.`, { cause: error });
          }
          return { url: page.url() };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'waitforloadstate',
        summary: 'Wait until the active frame reaches a load state: load, domcontentloaded or networkidle.',
        params: schema.waitforloadstate,
        async handler({ state, timeout }, ctx) {
          const limit = timeout ?? ctx.timeout;
          try {
            await (await ctx.frame()).waitForLoadState(state, { timeout: limit });
          } catch (error) {
            if ((error as Error).name !== 'TimeoutError') throw error;
            throw new ActionError('TIMEOUT', `Timed out after ${limit} ms waiting for "${state}". A page that keeps connections open never reaches networkidle; wait for an element or text instead.`, { cause: error });
          }
          return { state };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'waitforfunction',
        summary: 'Wait until a JavaScript expression evaluated in the page is truthy.',
        params: schema.waitforfunction,
        async handler({ expression, timeout }, ctx) {
          const limit = timeout ?? ctx.timeout;
          try {
            await (await ctx.frame()).waitForFunction(expression, undefined, { timeout: limit });
          } catch (error) {
            if ((error as Error).name === 'TimeoutError') {
              throw new ActionError('TIMEOUT', `Timed out after ${limit} ms waiting for ${JSON.stringify(expression)} to be truthy.`, { cause: error });
            }
            const message = (error as Error).message.split('\n')[0] ?? '';
            if (/has been closed|disconnected/i.test(message)) throw error;
            throw new ActionError('EVALUATION_FAILED', `The expression threw: ${message.replace(/^(page|frame)\.waitForFunction: /, '')}`, { cause: error });
          }
          return { waited: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        name: 'evaluate',
        summary: 'Evaluate a JavaScript expression in the page and return its (JSON-serialisable) result.',
        params: schema.evaluate,
        async handler({ script }, ctx) {
          const frame = await ctx.frame();
          let result: unknown;
          try {
            result = await frame.evaluate(script);
          } catch (error) {
            const message = (error as Error).message.split('\n')[0] ?? '';
            if (/has been closed|disconnected/i.test(message)) throw error;
            throw new ActionError('EVALUATION_FAILED', `The script threw: ${message.replace(/^page\.evaluate: |^frame\.evaluate: /, '')}`, { cause: error });
          }
          return { result: result ?? null, origin: frame.url() };
        },
      }),
    );
  },
});
