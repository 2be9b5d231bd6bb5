import type { BrowserContext } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import { evaluateJson } from '../browser/evaluate.js';
import { ActionError } from '../protocol/errors.js';
import { scriptError } from './common.js';
import * as contracts from '../protocol/actions/scripting.js';

/** An exposed function and what the page did with it. */
interface Exposed {
  name: string;
  calls: number;
  lastArgs: unknown[] | null;
}

/**
 * Script injection. `addinitscript` and `expose` are context-level: they stay in effect for every
 * tab and later navigation, and are re-applied when the context is recreated (a setting that needs
 * a new context, or `record start`). `addscript`/`addstyle` change the active frame's document now.
 */
export default definePlugin({
  name: 'agent-browser:scripting',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.evaluate,
        async handler({ script, args }, ctx) {
          const frame = await ctx.frame();
          let result: unknown;
          try {
            result = await evaluateJson(frame, script, args);
          } catch (error) {
            if (error instanceof ActionError) throw error;
            throw scriptError(error, 'The script threw');
          }
          return { result: result ?? null, origin: frame.url() };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.evalhandle,
        async handler({ script }, ctx) {
          const frame = await ctx.frame();
          let handle;
          try {
            handle = await frame.evaluateHandle(script);
          } catch (error) {
            const message = (error as Error).message.split('\n')[0] ?? '';
            if (/has been closed|disconnected/i.test(message)) throw error;
            throw new ActionError('EVALUATION_FAILED', `The script threw: ${message.replace(/^(page|frame)\.evaluateHandle: /, '')}`, { cause: error });
          }
          try {
            // Elements, windows and functions are handles only: their jsonValue is not data an agent can use.
            const serializable = await handle.evaluate((value) => {
              if (typeof value === 'function' || typeof value === 'symbol') return false;
              if (typeof Node !== 'undefined' && value instanceof Node) return false;
              if (typeof Window !== 'undefined' && value instanceof Window) return false;
              return true;
            });
            const result = serializable ? await handle.jsonValue().catch(() => NON_SERIALIZABLE) : NON_SERIALIZABLE;
            return { result: result ?? null };
          } finally {
            await handle.dispose().catch(() => undefined);
          }
        },
      }),
    );
    const initScripts: string[] = [];
    const exposed = new Map<string, Exposed>();
    /** Contexts that already have every init script and binding; a new context gets them when its first tab appears. */
    const applied = new WeakMap<BrowserContext, { scripts: number; names: Set<string> }>();

    const bind = (context: BrowserContext, entry: Exposed) =>
      context.exposeFunction(entry.name, (...args: unknown[]) => {
        entry.calls += 1;
        entry.lastArgs = args;
        host.log.info(`exposed function ${entry.name} called (${entry.calls}) with ${JSON.stringify(args).slice(0, 200)}`);
        return `Function ${entry.name} called`;
      });

    const stateOf = (context: BrowserContext) => {
      let state = applied.get(context);
      if (!state) {
        state = { scripts: 0, names: new Set() };
        applied.set(context, state);
      }
      return state;
    };

    /** Brings a (recreated) context up to date; runs from the page hook, so errors are only logged. */
    const catchUp = (context: BrowserContext) => {
      const state = stateOf(context);
      for (const script of initScripts.slice(state.scripts)) {
        context.addInitScript(script).catch((error: Error) => host.log.warn(`re-adding an init script failed: ${error.message}`));
      }
      state.scripts = initScripts.length;
      for (const entry of exposed.values()) {
        if (state.names.has(entry.name)) continue;
        state.names.add(entry.name);
        bind(context, entry).catch((error: Error) => host.log.warn(`re-exposing ${entry.name} failed: ${error.message}`));
      }
    };

    host.hooks.page.tap(host.name, (page) => {
      if (initScripts.length > 0 || exposed.size > 0) catchUp(page.context());
    });

    host.addAction(
      defineAction({
        ...contracts.addinitscript,
        async handler({ script }, ctx) {
          await ctx.browser.ensure();
          const context = ctx.browser.context!;
          const state = stateOf(context);
          await context.addInitScript(script);
          initScripts.push(script);
          state.scripts = initScripts.length;
          return { added: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.addscript,
        async handler({ content, url }, ctx) {
          requireOne('addscript', content, url);
          const frame = await ctx.frame();
          await run('addscript', () => frame.addScriptTag(url ? { url } : { content }));
          return { added: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.addstyle,
        async handler({ content, url }, ctx) {
          requireOne('addstyle', content, url);
          const frame = await ctx.frame();
          await run('addstyle', () => frame.addStyleTag(url ? { url } : { content }));
          return { added: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.expose,
        async handler({ name }, ctx) {
          const known = exposed.get(name);
          if (known) return { exposed: name, calls: known.calls, lastArgs: known.lastArgs };
          await ctx.browser.ensure();
          const context = ctx.browser.context!;
          const entry: Exposed = { name, calls: 0, lastArgs: null };
          try {
            await bind(context, entry);
          } catch (error) {
            const message = (error as Error).message.split('\n')[0] ?? '';
            throw new ActionError(
              'INVALID_PARAMS',
              `Could not expose "${name}": ${message.replace(/^browserContext\.exposeFunction: /, '')}. Choose another name.`,
              { cause: error },
            );
          }
          exposed.set(name, entry);
          stateOf(context).names.add(name);
          return { exposed: name };
        },
      }),
    );
  },
});

function requireOne(action: string, content: string | undefined, url: string | undefined): void {
  if (content === undefined && url === undefined) {
    throw new ActionError('INVALID_PARAMS', `Validation error for "${action}": give "content" (inline code) or "url" (a file to load).`);
  }
  if (content !== undefined && url !== undefined) {
    throw new ActionError('INVALID_PARAMS', `Validation error for "${action}": give either "content" or "url", not both.`);
  }
}

/** Runs a tag insertion; a URL that does not load, or a script that throws, becomes advice. */
async function run(action: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const message = ((error as Error).message.split('\n')[0] ?? '').replace(/^(page|frame)\.add(Script|Style)Tag: /, '');
    if (/has been closed|disconnected/i.test(message)) throw error;
    throw new ActionError(
      'EVALUATION_FAILED',
      `${action} failed: ${message}. Check that the URL loads (it is fetched by the page) or that the code is valid.`,
      { cause: error },
    );
  }
}

/** What evalhandle answers for values JSON cannot hold (elements, windows, functions). */
const NON_SERIALIZABLE = 'Handle (non-serializable)';
