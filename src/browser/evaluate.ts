import type { Frame } from 'playwright-core';
import { ActionError } from '../protocol/errors.js';
import { callInFrame } from './page-session.js';

/** What the page throws when `args` came with a script whose value is not a function. */
const ARGS_NEED_A_FUNCTION = 'agent-browser: args need a function';

/**
 * The script's value as JSON, computed in the page: what `JSON.stringify` would keep, with DOM
 * objects as `"ref: <Node>"` (`<Document>`, `<Window>`), a BigInt as its decimal string, a cycle as
 * `"[Circular]"`, an invalid Date as null and an Error as `{name, message}`. With `args`, the
 * script's value must be a function and is called with them. A promise is awaited. Runs inside the
 * page, so it uses nothing from this module.
 */
function evaluateAsJson([expression, args, notAFunction]: [string, unknown[] | null, string]): unknown {
  const toJson = (value: unknown, ancestors: object[]): unknown => {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value + 0 : null;
      case 'bigint':
        return value.toString();
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (value === null) return null;
    const object = value as Record<string, unknown>;
    if (typeof Window === 'function' && object instanceof Window) return 'ref: <Window>';
    if (typeof Document === 'function' && object instanceof Document) return 'ref: <Document>';
    if (typeof Node === 'function' && object instanceof Node) return 'ref: <Node>';
    if (ancestors.includes(object)) return '[Circular]';
    const kind = Object.prototype.toString.call(object);
    if (kind === '[object Date]') return Number.isNaN((object as unknown as Date).getTime()) ? null : (object as unknown as Date).toISOString();
    if (kind === '[object URL]') return (object as unknown as URL).href;
    if (object instanceof Error) return { name: object.name, message: object.message };
    const inner = [...ancestors, object];
    if (Array.isArray(object)) {
      return Array.from({ length: object.length }, (_, index) => {
        const item = toJson(object[index], inner);
        return item === undefined ? null : item;
      });
    }
    const keys = Object.keys(object);
    if (keys.length === 0 && typeof object.toJSON === 'function') return toJson((object.toJSON as () => unknown)(), ancestors);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (key === '__proto__') continue;
      let item: unknown;
      try {
        item = object[key];
      } catch {
        continue;
      }
      const json = toJson(item, inner);
      if (json !== undefined) out[key] = json;
    }
    return out;
  };
  const finish = (value: unknown): unknown => {
    try {
      return toJson(value, []) ?? null;
    } catch {
      return null;
    }
  };
  // Indirect eval, as Playwright's evaluate of a string: statement lists work and `this` is the window.
  let value: unknown = globalThis.eval(expression);
  if (args) {
    if (typeof value !== 'function') throw new TypeError(`${notAFunction}: the script's value is ${value === null ? 'null' : `of type ${typeof value}`}`);
    value = (value as (...values: unknown[]) => unknown)(...args);
  }
  const thenable = value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
  return thenable ? (async () => finish(await value))() : finish(value);
}

/**
 * Evaluates `script` in `frame` and resolves to its value as JSON (see `evaluateAsJson`); with
 * `args` (JSON values), the script must be a function and is called with them. Rejects with the
 * thrown value's description, or `INVALID_PARAMS` when `args` came with a script that is not a
 * function.
 */
export async function evaluateJson(frame: Frame, script: string, args: unknown[] | undefined): Promise<unknown> {
  let expression = script.trim();
  if (/^(async)?\s*function(\s|\()/.test(expression)) expression = `(${expression})`;
  const input: [string, unknown[] | null, string] = [expression, args && args.length > 0 ? args : null, ARGS_NEED_A_FUNCTION];
  try {
    return (await callInFrame(frame, evaluateAsJson, input)) ?? null;
  } catch (error) {
    const message = (error as Error).message ?? '';
    const at = message.indexOf(ARGS_NEED_A_FUNCTION);
    if (at < 0) throw error;
    const what = message.slice(at + ARGS_NEED_A_FUNCTION.length).split('\n')[0];
    throw new ActionError(
      'INVALID_PARAMS',
      `"args" are passed to a function, but${what.replace(/^:/, '')}. Send the script as a function, e.g. "(a, b) => a + b", or leave out "args".`,
    );
  }
}
