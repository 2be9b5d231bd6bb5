import type { Frame } from 'playwright-core';
import { ActionError } from '../protocol/errors.js';
import { callInFrame } from './page-session.js';

/** What the page throws when `args` came with a script whose value is not a function. */
const ARGS_NEED_A_FUNCTION = 'agent-browser: args need a function';
/** What the page throws when the script's value cannot be written as JSON (too deep, a throwing proxy). */
const NOT_JSON = 'agent-browser: not JSON';

/**
 * The script's value as JSON, computed in the page: what `JSON.stringify` would keep (`toJSON`
 * included, boxed primitives unwrapped), with DOM objects as `"ref: <Node>"` (`<Document>`,
 * `<Window>`), a BigInt as its decimal string, a cycle as `"[Circular]"`, an invalid Date as null
 * and an Error as `{name, message}`. With `args`, the script's value must be a function and is
 * called with them. A promise is awaited. Runs inside the page, so it uses nothing from this
 * module, and plain loops rather than built-ins a page may have replaced (`Array.from`).
 */
function evaluateAsJson([expression, args, notAFunction, notJson]: [string, unknown[] | null, string, string]): unknown {
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
    for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === object) return '[Circular]';
    const kind = Object.prototype.toString.call(object);
    if (kind === '[object Date]') return Number.isNaN((object as unknown as Date).getTime()) ? null : (object as unknown as Date).toISOString();
    if (kind === '[object URL]') return (object as unknown as URL).href;
    if (kind === '[object Number]' || kind === '[object String]' || kind === '[object Boolean]' || kind === '[object BigInt]') {
      return toJson((object as { valueOf(): unknown }).valueOf(), ancestors);
    }
    if (object instanceof Error) return { name: object.name, message: object.message };
    if (typeof object.toJSON === 'function') return toJson((object.toJSON as () => unknown).call(object), ancestors);
    const inner = ancestors.concat([object]);
    if (Array.isArray(object)) {
      const items: unknown[] = [];
      for (let index = 0; index < object.length; index++) {
        const item = toJson(object[index], inner);
        items.push(item === undefined ? null : item);
      }
      return items;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (key === '__proto__') continue;
      let item: unknown;
      try {
        item = object[key];
      } catch {
        continue; // A getter that throws: JSON has nothing to show for it.
      }
      const json = toJson(item, inner);
      if (json !== undefined) out[key] = json;
    }
    return out;
  };
  const finish = (value: unknown): unknown => {
    try {
      return toJson(value, []) ?? null;
    } catch (error) {
      throw new Error(`${notJson}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  };
  // Indirect eval, as Playwright's evaluate of a string: statement lists work and `this` is the window.
  let value: unknown = (0, eval)(expression);
  if (args) {
    if (typeof value !== 'function') throw new TypeError(`${notAFunction}: the script's value is ${value === null ? 'null' : `of type ${typeof value}`}`);
    value = (value as (...values: unknown[]) => unknown)(...args);
  }
  const thenable = value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
  return thenable ? (async () => finish(await value))() : finish(value);
}

/**
 * Evaluates `script` in `frame` and resolves to its value as JSON (see `evaluateAsJson`); with a
 * non-empty `args` (JSON values), the script must be a function and is called with them. Rejects
 * with the thrown value's description; with `INVALID_PARAMS` when `args` came with a script that is
 * not a function, and `EVALUATION_FAILED` when the value cannot be written as JSON (both after the
 * script ran).
 */
export async function evaluateJson(frame: Frame, script: string, args: unknown[] | undefined): Promise<unknown> {
  let expression = script.trim();
  if (/^(async)?\s*function(\s|\()/.test(expression)) expression = `(${expression})`;
  const input: [string, unknown[] | null, string, string] = [expression, args && args.length > 0 ? args : null, ARGS_NEED_A_FUNCTION, NOT_JSON];
  try {
    return (await callInFrame(frame, evaluateAsJson, input)) ?? null;
  } catch (error) {
    const message = (error as Error).message ?? '';
    const detail = (marker: string) => message.slice(message.indexOf(marker) + marker.length + 2).split('\n')[0];
    if (message.includes(ARGS_NEED_A_FUNCTION)) {
      throw new ActionError(
        'INVALID_PARAMS',
        `"args" are passed to a function, but ${detail(ARGS_NEED_A_FUNCTION)} (the script has run). Send the script as a function, e.g. "(a, b) => a + b", or leave out "args".`,
      );
    }
    if (message.includes(NOT_JSON)) {
      throw new ActionError(
        'EVALUATION_FAILED',
        `The script ran, but its value could not be written as JSON (${detail(NOT_JSON)}). Return plain data: strings, numbers, arrays and objects of them.`,
      );
    }
    throw error;
  }
}
