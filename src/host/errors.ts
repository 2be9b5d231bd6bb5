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

interface TapLike {
  type: 'sync' | 'async' | 'promise';
  name: string;
  fn: (...args: unknown[]) => unknown;
}

/** Wraps every tap registered on `hook` so its errors carry the plugin's and the hook's names. */
export function guardHook<H extends object>(hook: H, hookName: string, isTrusted: (plugin: string) => boolean): H {
  const interceptable = hook as unknown as { intercept(interceptor: { register(tap: TapLike): TapLike }): void };
  interceptable.intercept({
    register(tap) {
      const original = tap.fn;
      const blame = (error: unknown) => attributeError(error, tap.name, hookName, isTrusted(tap.name));
      if (tap.type === 'promise') {
        tap.fn = async (...args: unknown[]) => {
          try {
            return await original(...args);
          } catch (error) {
            throw blame(error);
          }
        };
      } else if (tap.type === 'async') {
        tap.fn = (...args: unknown[]) => {
          const callback = args.pop() as (error?: unknown, result?: unknown) => void;
          try {
            original(...args, (error?: unknown, result?: unknown) => callback(error ? blame(error) : error, result));
          } catch (error) {
            callback(blame(error));
          }
        };
      } else {
        tap.fn = (...args: unknown[]) => {
          try {
            return original(...args);
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
