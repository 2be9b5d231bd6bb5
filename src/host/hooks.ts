import { createRequire } from 'node:module';
import type { AsyncSeriesBailHook } from 'tapable';
import type { ActionCall, ActionContext, ActionResult, LaunchPlan, SnapshotOptions, SnapshotResult } from './types.js';
import type { ActionRegistry } from './registry.js';
import type { SessionBrowser } from './session-browser.js';
import type { BrowserContext, Page } from 'playwright-core';

// Required, not imported: importing CommonJS from ESM costs Node an extra scan of the module for export names.
const tapable = createRequire(import.meta.url)('tapable') as typeof import('tapable');

/** The implementation hook of one action: taps run in stage order and the first result wins. */
export type ActionHook = AsyncSeriesBailHook<[ActionCall, ActionContext], ActionResult | undefined>;

/**
 * Every hook of the host, declared once. Plugins tap these by name; tap names are plugin names,
 * so a failure can say which plugin failed in which hook.
 */
export function createHooks(guard: <H extends object>(hook: H, hookName: string) => H) {
  return Object.freeze({
    /**
     * Fires once while the daemon starts, after every plugin's `apply`.
     * Receives the action registry; a tap adds actions with `registry.add(defineAction({...}))`.
     * Return value: ignored.
     */
    registerActions: guard(new tapable.SyncHook<[ActionRegistry]>(['registry']), 'registerActions'),

    /**
     * Fires once while the daemon starts, after the built-ins and every configured plugin were
     * applied and `registerActions` ran: the registry is complete. Receives the registry; a tap can
     * act on every action, plugin actions included (the confirmation gate taps each gated action's
     * hook here). Return value: ignored.
     */
    afterPlugins: guard(new tapable.SyncHook<[ActionRegistry]>(['registry']), 'afterPlugins'),

    /**
     * Fires before the browser is launched or a remote one attached (first action, or an explicit `launch`).
     * Receives the launch plan (executable, headless, args, viewport, extensions, proxy…; `wsEndpoint`,
     * `cdpUrl` or `cdpPort` when the session attaches to a remote browser instead).
     * A tap may return a changed plan (or nothing to keep it); later taps see the change.
     */
    beforeLaunch: guard(new tapable.AsyncSeriesWaterfallHook<[LaunchPlan]>(['launchOptions']), 'beforeLaunch'),

    /**
     * Fires after the browser was launched (or a remote one attached) and its first tab exists.
     * Receives the browser session (its Playwright browser, context and tabs).
     * Return value: ignored; the first action waits for every tap.
     */
    browserReady: guard(new tapable.AsyncSeriesHook<[SessionBrowser]>(['browser']), 'browserReady'),

    /**
     * Fires for every browser context the session creates (at launch, for `window_new`, and when
     * a setting recreates the context), before any of its tabs is used.
     * Receives the Playwright context; install context-wide routes, init scripts or listeners here.
     * Return value: ignored; the context is not used until every tap finished.
     */
    context: guard(new tapable.AsyncSeriesHook<[BrowserContext]>(['context']), 'context'),

    /**
     * Fires synchronously for every new tab or popup, before any action can use it.
     * Receives the Playwright page; attach listeners or set up routes here.
     */
    page: guard(new tapable.SyncHook<[Page]>(['page']), 'page'),

    /**
     * Fires for every request before its action is looked up and its params validated.
     * Receives the call `{id, action, params}`; a tap may return a rewritten call (another action,
     * changed params) or throw an ActionError to veto it (e.g. `NAVIGATION_BLOCKED`).
     */
    beforeAction: guard(new tapable.AsyncSeriesWaterfallHook<[ActionCall]>(['call']), 'beforeAction'),

    /**
     * One hook per action name: the implementations. Taps receive the validated call and the
     * action context; the first tap that returns a result (not `undefined`) answers the request.
     * Built-ins tap at stage 0; tap with a lower `stage` (or `before`) to replace one on purpose.
     */
    action: new tapable.HookMap<ActionHook>((name: string) =>
      guard(new tapable.AsyncSeriesBailHook<[ActionCall, ActionContext], ActionResult | undefined>(['call', 'ctx']), `action:${name}`),
    ),

    /**
     * Fires after an action succeeded, before the answer is written.
     * Receives the result data and the call; a tap may return a transformed result
     * (redaction, truncation) or nothing to keep it.
     */
    afterAction: guard(new tapable.AsyncSeriesWaterfallHook<[ActionResult, ActionCall]>(['result', 'call']), 'afterAction'),

    /**
     * Fires when an action failed (unknown action and invalid params included), before
     * `actionFailed` and before the error answer is written. Receives the error (an ActionError
     * with its `code`) and the call; a tap may return a replacement error (masking page text in the
     * message, rewriting advice, changing the code) or nothing to keep it.
     */
    afterError: guard(new tapable.AsyncSeriesWaterfallHook<[Error, ActionCall]>(['error', 'call']), 'afterError'),

    /**
     * Fires synchronously when an action failed, before the error answer is written.
     * Receives the call and the error; for observation (logging, metrics) only.
     */
    actionFailed: guard(new tapable.SyncHook<[ActionCall, Error]>(['call', 'error']), 'actionFailed'),

    /**
     * Fires when a snapshot was taken, before its refs are stored and it is returned.
     * Receives `{tree, refs}` and the snapshot options; a tap may return a transformed snapshot
     * (text and refs together, so refs stay resolvable).
     */
    snapshot: guard(new tapable.AsyncSeriesWaterfallHook<[SnapshotResult, SnapshotOptions]>(['snapshot', 'options']), 'snapshot'),

    /**
     * Fires once when the daemon shuts down (close, signal, idle timeout), before the browser closes.
     * Release what the plugin holds. Return value: ignored.
     */
    shutdown: guard(new tapable.AsyncSeriesHook<[]>([]), 'shutdown'),
  });
}

export type Hooks = ReturnType<typeof createHooks>;
export type HookName = keyof Hooks;
