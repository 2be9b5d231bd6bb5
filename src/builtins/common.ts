import type { Locator } from 'playwright-core';
import { friendlyElementError } from '../browser/element-errors.js';
import type { ActionContext } from '../host/types.js';

/** Resolves a selector field (refs included) and runs `work` on it, rewriting element errors into advice. */
export async function onElement<T>(ctx: ActionContext, selector: string, work: (locator: Locator) => Promise<T>): Promise<T> {
  const locator = await ctx.locator(selector);
  try {
    return await work(locator);
  } catch (error) {
    throw friendlyElementError(error, selector);
  }
}

/** The URL page-derived data came from (0.19 adds `origin` to read results). */
export async function origin(ctx: ActionContext): Promise<string> {
  return (await ctx.page()).url();
}
