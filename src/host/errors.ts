import { ActionError, isActionError } from '../protocol/errors.js';

/** A plugin's tap threw: the error names the plugin and the hook (webpack's HookWebpackError). */
export class HookError extends ActionError {
  readonly plugin: string;
  readonly hook: string;

  constructor(plugin: string, hook: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('PLUGIN_FAILED', `Plugin "${plugin}" failed in hook "${hook}": ${reason}`, { cause });
    this.name = 'HookError';
    this.plugin = plugin;
    this.hook = hook;
  }
}

/**
 * Attributes an error thrown by a tap. Typed errors (an ActionError a plugin threw on purpose,
 * such as a veto) and errors of trusted built-in taps pass unchanged.
 */
export function attributeError(error: unknown, plugin: string, hook: string, trusted: boolean): unknown {
  if (trusted || isActionError(error)) return error;
  return new HookError(plugin, hook, error);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a waterfall hook's tap must return besides `undefined` (keep the value), as a check that
 * names what was wrong: the value flows on to other plugins and the client, so a wrong shape is
 * the returning plugin's fault, reported at the point it returns.
 */
const RESULT_CHECKS: Record<string, (value: unknown) => string | null> = {
  beforeAction: (value) =>
    isObject(value) && typeof value.action === 'string' && isObject(value.params) ? null : 'a call { id, action, params } (or nothing to keep the call)',
  afterAction: (value) => (isObject(value) ? null : "the result's data object (or nothing to keep it)"),
  afterError: (value) => (value instanceof Error ? null : 'an Error (or nothing to keep the error)'),
  snapshot: (value) =>
    isObject(value) && typeof value.tree === 'string' && isObject(value.refs) ? null : 'a snapshot { tree: string, refs: object } (or nothing to keep it)',
  beforeLaunch: (value) =>
    isObject(value) && Array.isArray(value.args) && isObject(value.viewport) && typeof value.headless === 'boolean'
      ? null
      : 'a launch plan like the one it received (or nothing to keep it)',
};

/** Throws when a plugin's tap returned something its hook cannot pass on. */
function checkResult(hook: string, value: unknown): void {
  if (value === undefined) return;
  const expected = RESULT_CHECKS[hook]?.(value);
  if (expected) throw new Error(`returned ${describeValue(value)} where the hook expects ${expected}`);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 5).join(', ') || '(none)'}`;
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

/**
 * Hooks that run while the browser starts: a plugin's tap that never settles there would hang
 * every action waiting for the browser, so it gets the `pluginTimeout` like `apply` does.
 */
export const TIME_LIMITED_HOOKS: ReadonlySet<string> = new Set(['beforeLaunch', 'browserReady']);

/** Rejects with `timeoutError()` when `work` has not settled within `ms`. */
export function withinTime<T>(work: Promise<T>, ms: number | undefined, timeoutError: () => Error): Promise<T> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

const notSettled = (ms: number) => () =>
  new Error(`its tap did not settle within ${ms} ms (pluginTimeout; raise it in your config if the plugin needs longer)`);

interface TapLike {
  type: 'sync' | 'async' | 'promise';
  name: string;
  fn: (...args: unknown[]) => unknown;
}

/**
 * Wraps every tap registered on `hook` so its errors carry the plugin's and the hook's names; a
 * plugin's async tap of a hook given `timeLimit` fails once it has not settled within that many ms.
 */
export function guardHook<H extends object>(hook: H, hookName: string, isTrusted: (plugin: string) => boolean, timeLimit?: () => number): H {
  const interceptable = hook as unknown as { intercept(interceptor: { register(tap: TapLike): TapLike }): void };
  interceptable.intercept({
    register(tap) {
      const original = tap.fn;
      const trusted = isTrusted(tap.name);
      const blame = (error: unknown) => attributeError(error, tap.name, hookName, trusted);
      // A plugin's result is checked where it returns, so the failure names that plugin.
      const checked = (value: unknown) => {
        if (!trusted) checkResult(hookName, value);
        return value;
      };
      const limit = trusted ? undefined : timeLimit?.();
      if (tap.type === 'promise') {
        tap.fn = async (...args: unknown[]) => {
          try {
            return checked(await withinTime(Promise.resolve(original(...args)), limit, notSettled(limit ?? 0)));
          } catch (error) {
            throw blame(error);
          }
        };
      } else if (tap.type === 'async') {
        tap.fn = (...args: unknown[]) => {
          const settle = args.pop() as (error?: unknown, result?: unknown) => void;
          let settled = false;
          const timer = limit === undefined ? undefined : setTimeout(() => callback(blame(notSettled(limit)())), limit);
          const callback = (error?: unknown, result?: unknown) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            settle(error, result);
          };
          try {
            original(...args, (error?: unknown, result?: unknown) => {
              if (error) return callback(blame(error));
              let value: unknown;
              try {
                value = checked(result);
              } catch (problem) {
                return callback(blame(problem));
              }
              callback(undefined, value);
            });
          } catch (error) {
            callback(blame(error));
          }
        };
      } else {
        tap.fn = (...args: unknown[]) => {
          try {
            return checked(original(...args));
          } catch (error) {
            throw blame(error);
          }
        };
      }
      return tap;
    },
  });
  return hook;
}
