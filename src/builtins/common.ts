import fs from 'node:fs/promises';
import path from 'node:path';
import { ActionError } from '../protocol/errors.js';
import type { ActionContext } from '../host/types.js';

/** The URL page-derived data came from (0.19 adds `origin` to read results). */
export async function origin(ctx: ActionContext): Promise<string> {
  return (await ctx.page()).url();
}

/** Playwright's timeouts, by class or by message. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || /Timeout \d+ms exceeded/.test(error.message));
}

/** Runs a wait; a Playwright timeout becomes `TIMEOUT: Timed out after <limit> ms <what>` (other errors pass). */
export async function withinTimeout<T>(limit: number, what: () => string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isTimeout(error)) throw error;
    throw new ActionError('TIMEOUT', `Timed out after ${limit} ms ${what()}`, { cause: error });
  }
}

/** A script's own error as EVALUATION_FAILED (a closed page or browser keeps its own error). */
export function scriptError(error: unknown, prefix: string): unknown {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (/has been closed|disconnected/i.test(message)) return error;
  return new ActionError('EVALUATION_FAILED', `${prefix}: ${message.replace(/^((page|frame)\.\w+|Protocol error \([\w.]+\)): /, '')}`, { cause: error });
}

/** An absolute path for a file an action writes, its folder created. */
export async function prepareFile(target: string): Promise<string> {
  const file = path.resolve(target);
  await fs.mkdir(path.dirname(file), { recursive: true });
  return file;
}
