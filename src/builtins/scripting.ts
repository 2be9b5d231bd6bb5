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
