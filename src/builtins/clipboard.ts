import type { Page } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError, stripAnsi } from '../protocol/errors.js';
import { grant } from './permission-grants.js';
import * as contracts from '../protocol/actions/clipboard.js';

/** Grants clipboard access to the active page's origin (every origin for about:blank and the like). */
async function clipboardReady(ctx: ActionContext, page: Page): Promise<void> {
  let origin: string | undefined;
  try {
    const url = new URL(page.url());
    if (url.origin !== 'null') origin = url.origin;
  } catch {
    origin = undefined;
  }
  await grant(ctx, ['clipboard-read', 'clipboard-write'], origin);
  // The async clipboard API answers only a focused document.
  await page.bringToFront();
}

async function clipboardCall<T>(page: Page, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = stripAnsi((error as Error).message ?? '');
    if (/navigator\.clipboard|reading 'readText'|reading 'writeText'/.test(message)) {
      throw new ActionError(
        'NOT_SUPPORTED',
        `The clipboard API is not available on ${page.url()}: browsers offer it only to secure pages (https, localhost, 127.0.0.1). Open the page over https, or use 'clipboard copy'/'paste' (keyboard shortcuts).`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The clipboard: copy the selection or text, paste into the focused element, read and write text. */
export default definePlugin({
  name: 'agent-browser:clipboard',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.clipboard,
        handler: async ({ operation, text }, ctx) => {
          const page = await ctx.page();
          await clipboardReady(ctx, page);
          switch (operation) {
            case 'write': {
              if (text === undefined) throw new ActionError('INVALID_PARAMS', "Missing 'text' parameter for clipboard write");
              await clipboardCall(page, () => page.evaluate((value) => navigator.clipboard.writeText(value), text));
              return { written: text };
            }
            case 'read': {
              const read = await clipboardCall(page, () => page.evaluate(() => navigator.clipboard.readText()));
              return { text: read };
            }
            case 'copy': {
              if (text !== undefined) await clipboardCall(page, () => page.evaluate((value) => navigator.clipboard.writeText(value), text));
              else await page.keyboard.press('ControlOrMeta+c');
              return { copied: true };
            }
            case 'paste': {
              await page.keyboard.press('ControlOrMeta+v');
              return { pasted: true };
            }
          }
        },
      }),
    );
  },
});
