import { classifyError, friendlyElementError } from '../browser/element-errors.js';
import type { BrowserSession, Tab } from '../browser/session.js';
import type { Locator } from 'playwright-core';
import { ensureActionable } from '../browser/actionability.js';
import { parseRef } from '../browser/snapshot-format.js';
import type { Host } from '../host/host.js';
import { declaresParam, takesChangeReports, type RegisteredAction } from '../host/registry.js';
import type { ActionCall, ActionContext, Logger } from '../host/types.js';
import { failure, splitRequest, success, type WireRequest, type WireResponse } from '../protocol/envelope.js';
import { ActionError, isActionError } from '../protocol/errors.js';
import { validate } from '../protocol/schemas.js';
import { closestNames } from '../protocol/suggest.js';
import { MAX_TIMER_MS, type AgentBrowserConfig } from '../config/index.js';
import { changeBaseline, changeReport } from './change-report.js';
import { daemonDeadline, DEADLINE_GRACE_MS } from '../protocol/deadlines.js';
import { RequestLane, type LaneEntry } from './lane.js';

/** Actions that keep the daemon inspectable and stoppable whatever the plugins do (see `observeLifeline`). */
const LIFELINES: ReadonlySet<string> = new Set(['close', 'status', 'cancel']);

export interface DispatcherOptions {
  host: Host;
  browser: BrowserSession;
  config: AgentBrowserConfig;
  log: Logger;
  /** Told when a request starts and ends (idle tracking). */
  onActivity?: (delta: 1 | -1) => void;
}

/**
 * Runs one request through the hook host and turns every outcome into a wire response. Page
 * actions go through the page lane, one at a time in arrival order; waits run alongside them;
 * both have a deadline (their timeout plus a grace, plus time to launch the browser if it must). Control actions (status, actions, tab_list, close, cancel) answer at once.
 */
export class Dispatcher {
  private readonly pageLane = new RequestLane();
  /** Waits run side by side (each with its deadline); the lane only tracks them for cancel and status. */
  private readonly waitLane = new RequestLane({ concurrent: true });

  constructor(private readonly options: DispatcherOptions) {}

  /**
   * `cancelled` aborts when the request's client has gone (its connection closed before the
   * answer): the request answers CANCELLED at once, queued or running, and its work is aborted.
   */
  async handle(request: WireRequest, cancelled?: AbortSignal): Promise<WireResponse> {
    const { id, action, params } = splitRequest(request);
    if (typeof action !== 'string' || action.length === 0) {
      return failure(
        id,
        new ActionError(
          'INVALID_PARAMS',
          `Missing "action": send {"id":"1","action":"<name>",...}. Send {"action":"actions"} (or run 'agent-browser actions') for the list.`,
        ),
      );
    }
    const lane = this.options.host.registry.get(action)?.lane ?? 'page';
    if (lane === 'control') return this.serve(id, action, params);
    const limit = Math.min(ownTimeout(params) ?? this.options.config.timeout, MAX_TIMER_MS - DEADLINE_GRACE_MS);
    const lanes = lane === 'page' ? this.pageLane : this.waitLane;
    try {
      const deadline = daemonDeadline(limit, this.options.browser.launched);
      return await lanes.run(
        { id, action },
        deadline,
        (entry, running) => this.expired(entry, running, limit),
        (signal) => this.serve(id, action, params, signal),
        cancelled,
      );
    } catch (error) {
      return failure(id, error);
    }
  }

  /** Cancels the queued or running requests with this id: they answer CANCELLED at once. */
  cancel(id: string): Array<{ id: string; action: string; state: 'queued' | 'running' }> {
    return [...this.pageLane.find(id), ...this.waitLane.find(id)].map((entry) => {
      entry.interrupt(
        new ActionError(
          'CANCELLED',
          `Request "${id}" (${entry.action}) was cancelled ${entry.state === 'running' ? 'while it ran; what it started in the page may still finish' : 'before it started'}.`,
        ),
      );
      return { id, action: entry.action, state: entry.state };
    });
  }

  /** The page lane now: the running request and how many wait. */
  laneStatus(): { running?: { id: string; action: string; forMs: number }; queued: number; waiting: number } {
    const running = this.pageLane.running();
    return {
      ...(running ? { running: { id: running.id, action: running.action, forMs: Date.now() - running.arrivedAt } } : {}),
      queued: this.pageLane.queued,
      waiting: this.waitLane.size,
    };
  }

  private expired(entry: LaneEntry, running: LaneEntry | undefined, limit: number): ActionError {
    const waited = Date.now() - entry.arrivedAt;
    const page = this.options.browser.tabs[this.options.browser.activeIndex]?.page.url() ?? 'no page';
    const where =
      entry.state === 'queued'
        ? `waited ${waited} ms behind "${running?.action ?? 'another action'}" (request ${running?.id ?? '?'}) without starting`
        : `ran for ${waited} ms on ${page} without finishing; what it started may still run in the page`;
    return new ActionError(
      'TIMEOUT',
      `"${entry.action}" did not finish within its ${limit} ms timeout: it ${where}. The session still serves; 'agent-browser daemon status' shows what runs. Retry with a longer timeout (the request's "timeout", or AGENT_BROWSER_DEFAULT_TIMEOUT / "timeout" in .agentbrowserrc), or 'agent-browser close' to start over.`,
    );
  }

  /** Runs one call through the pipeline; `parent` is set for a call another action runs (`ctx.run`). */
  private async serve(
    id: string,
    action: string,
    request: Record<string, unknown>,
    signal?: AbortSignal,
    parent?: ActionCall['parent'],
  ): Promise<WireResponse> {
    const { host, log } = this.options;
    // `changes` asks for a change report: the request's field, unless the action's own schema has one.
    const ownsChanges = declaresParam(host.registry.get(action), 'changes');
    const { changes: wantsChanges, ...rest } = request;
    const params = ownsChanges ? request : rest;
    let call: ActionCall = parent ? { id, action, params, parent } : { id, action, params };
    this.options.onActivity?.(1);
    const started = Date.now();
    try {
      if (LIFELINES.has(action)) await this.observeLifeline(call);
      else call = await host.hooks.beforeAction.promise(call);
      // A rewrite may build a new call; whose call it runs for stays known.
      if (parent) call = { ...call, parent };
      const registered = host.registry.get(call.action);
      if (!registered) throw this.unknownAction(call.action);
      const checked = validate(registered.params, call.params);
      if (!checked.ok) throw new ActionError('INVALID_PARAMS', `Validation error for "${call.action}": ${checked.message}`);
      call = { ...call, params: checked.value as Record<string, unknown> };
      const reportChanges = ownsChanges || wantsChanges === undefined ? false : changesWanted(wantsChanges, registered);
      const baseline = reportChanges ? await changeBaseline(this.options.browser, signal ?? new AbortController().signal) : null;
      let result = await host.hooks.action.for(call.action).promise(call, this.context(call, ownTimeout(params), signal));
      if (result === undefined) throw new ActionError('INTERNAL', `No plugin answered action "${call.action}" (every tap returned undefined).`);
      if (baseline) {
        const changes = await changeReport(this.options.browser, baseline, signal ?? new AbortController().signal);
        if (changes) result = { ...result, changes };
      }
      const data = await host.hooks.afterAction.promise(this.withLostNotice(result), call);
      log.debug(`${call.action} ok in ${Date.now() - started} ms`);
      const answer = success(id, data);
      return registered.print ? { ...answer, print: registered.print } : answer;
    } catch (raw) {
      const error = await this.transformError(this.explainClosedTab(classifyError(raw) as Error), call);
      log.debug(`${call.action} failed in ${Date.now() - started} ms: ${error.message}`);
      // A plugin's bug: its author needs the stack, which the answer does not carry.
      if (isActionError(error) && error.code === 'PLUGIN_FAILED') log.warn(error.message, error.cause instanceof Error ? error.cause : undefined);
      try {
        host.hooks.actionFailed.call(call, error);
      } catch (observerError) {
        log.warn(`actionFailed observer threw: ${(observerError as Error).message}`);
      }
      return failure(id, error);
    } finally {
      this.options.onActivity?.(-1);
    }
  }

  /**
   * `beforeAction` taps see close, status and cancel, but cannot veto or rewrite them: a plugin that
   * refuses every call must not leave a daemon nobody can inspect or stop. A tap's error is logged.
   */
  private async observeLifeline(call: ActionCall): Promise<void> {
    try {
      await this.options.host.hooks.beforeAction.promise(call);
    } catch (error) {
      this.options.log.warn(`"${call.action}" runs anyway: beforeAction cannot refuse it (${(error as Error).message})`);
    }
  }

  /** Lets `afterError` taps replace the error; a tap that throws answers with its own failure. */
  private async transformError(error: Error, call: ActionCall): Promise<Error> {
    try {
      return classifyError((await this.options.host.hooks.afterError.promise(error, call)) ?? error) as Error;
    } catch (tapError) {
      return classifyError(tapError) as Error;
    }
  }

  /**
   * A "closed" error while the browser still runs means the tab went away, not the browser; a
   * remote browser that went away is reported once, with how to reconnect.
   */
  private explainClosedTab(error: Error): Error {
    const { browser } = this.options;
    if (!isActionError(error) || error.code !== 'BROWSER_CLOSED') return error;
    if (!browser.connected) return browser.takeRemoteLoss(error) ?? error;
    const remaining = browser.tabs.filter((tab) => !tab.page.isClosed()).length;
    const next =
      remaining > 0
        ? `${remaining === 1 ? '1 tab remains' : `${remaining} tabs remain`}; the next command uses the active one ('tab list' shows them)`
        : 'the next command opens a new tab';
    return new ActionError(
      'TAB_CLOSED',
      `The tab closed while the action ran (the page closed itself, or another command closed it); ${next}. Run the command again.`,
      { cause: error },
    );
  }

  private withLostNotice(data: Record<string, unknown>): Record<string, unknown> {
    const { browser } = this.options;
    if (!browser.lostReason || !browser.launched) return data;
    const warning = browser.lostReason;
    browser.lostReason = null;
    return { ...data, warning };
  }

  private unknownAction(name: string): ActionError {
    const names = this.options.host.registry.names();
    const close = closestNames(name, names);
    const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
    return new ActionError(
      'UNKNOWN_ACTION',
      `Unknown action "${name}".${hint} Send {"action":"actions"} or run 'agent-browser actions' to list the ${names.length} valid ones.`,
    );
  }

  private context(call: ActionCall, requested: number | undefined, signal: AbortSignal = new AbortController().signal): ActionContext {
    const { browser, config, log } = this.options;
    const timeout = Math.min(requested ?? config.timeout, MAX_TIMER_MS);
    const tab = (): Promise<Tab> => browser.activeTab();
    /**
     * The selector's locator. A ref is checked at once (STALE_REF when its element has gone) unless
     * the action checks its target anyway: then `gone` looks for the element when it finds none.
     */
    const target = async (selector: string, checkNow: boolean): Promise<{ locator: Locator; gone?: () => Promise<Locator> }> => {
      const active = await tab();
      const ref = parseRef(selector);
      if (!ref) return { locator: active.frame().locator(selector) };
      const resolved = await active.refs.resolve(active.page, ref, selector);
      if (checkNow || !resolved.bound) await active.refs.ensureAttached(resolved, ref);
      return { locator: resolved.locator, gone: resolved.bound ? async () => (await active.refs.findAgain(resolved, ref), resolved.locator) : undefined };
    };
    return {
      session: config.session,
      call,
      config,
      timeout,
      signal,
      browser: browser.view,
      log,
      tab,
      page: async () => (await tab()).page,
      frame: async () => (await tab()).frame(),
      locator: async (selector) => (await target(selector, true)).locator,
      run: async (action, params = {}) => {
        const answer = await this.serve(`${call.id}>${action}`, action, params, signal, { id: call.id, action: call.action });
        if (answer.success) return answer.data as Record<string, unknown>;
        throw new ActionError(answer.code, answer.error);
      },
      element: async (selector, work, need) => {
        const { locator, gone } = await target(selector, !need);
        try {
          return await work(
            need ? await ensureActionable(locator, selector, need, { graceMs: config.actionGrace, timeout, signal, gone, action: call.action }) : locator,
          );
        } catch (error) {
          throw friendlyElementError(error, selector);
        }
      },
    };
  }
}

/**
 * Whether a request's `changes` field asks for a report: `true` on an action that can change the
 * page (page lane, not read-only); anything else is refused rather than ignored.
 */
function changesWanted(value: unknown, action: RegisteredAction): boolean {
  if (typeof value !== 'boolean') throw new ActionError('INVALID_PARAMS', `"changes" must be true or false, got ${JSON.stringify(value)}.`);
  if (value && !takesChangeReports(action))
    throw new ActionError(
      'INVALID_PARAMS',
      `"changes" reports what an action changed on the page; "${action.name}" does not change it. Drop "changes" (for what changed since the last snapshot: snapshot with "diff": true).`,
    );
  return value;
}

/** The request's own `timeout` in ms, whether or not its action's schema declares one. */
function ownTimeout(params: Record<string, unknown>): number | undefined {
  return typeof params.timeout === 'number' && Number.isFinite(params.timeout) && params.timeout > 0 ? params.timeout : undefined;
}
