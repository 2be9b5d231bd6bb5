import { classifyError, friendlyElementError } from '../browser/element-errors.js';
import type { BrowserSession, Tab } from '../browser/session.js';
import { parseRef } from '../browser/snapshot-format.js';
import type { Host } from '../host/host.js';
import type { ActionCall, ActionContext, Logger } from '../host/types.js';
import { failure, splitRequest, success, type WireRequest, type WireResponse } from '../protocol/envelope.js';
import { ActionError, isActionError } from '../protocol/errors.js';
import { validate } from '../protocol/schemas.js';
import { closestNames } from '../protocol/suggest.js';
import type { AgentBrowserConfig } from '../config/index.js';

export interface DispatcherOptions {
  host: Host;
  browser: BrowserSession;
  config: AgentBrowserConfig;
  log: Logger;
  /** Told when a request starts and ends (idle tracking). */
  onActivity?: (delta: 1 | -1) => void;
}

/** Runs one request through the hook host and turns every outcome into a wire response. */
export class Dispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  async handle(request: WireRequest): Promise<WireResponse> {
    const { id, action, params } = splitRequest(request);
    const { host, log } = this.options;
    if (typeof action !== 'string' || action.length === 0) {
      return failure(id, new ActionError('INVALID_PARAMS', `Missing "action": send {"id":"1","action":"<name>",...}. Send {"action":"actions"} (or run 'agent-browser actions') for the list.`));
    }
    let call: ActionCall = { id, action, params };
    this.options.onActivity?.(1);
    const started = Date.now();
    try {
      call = await host.hooks.beforeAction.promise(call);
      const registered = host.registry.get(call.action);
      if (!registered) throw this.unknownAction(call.action);
      const checked = validate(registered.params, call.params);
      if (!checked.ok) throw new ActionError('INVALID_PARAMS', `Validation error for "${call.action}": ${checked.message}`);
      call = { ...call, params: checked.value as Record<string, unknown> };
      const result = await host.hooks.action.for(call.action).promise(call, this.context(call));
      if (result === undefined) throw new ActionError('INTERNAL', `No plugin answered action "${call.action}" (every tap returned undefined).`);
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

  /** Lets `afterError` taps replace the error; a tap that throws answers with its own failure. */
  private async transformError(error: Error, call: ActionCall): Promise<Error> {
    try {
      return classifyError((await this.options.host.hooks.afterError.promise(error, call)) ?? error) as Error;
    } catch (tapError) {
      return classifyError(tapError) as Error;
    }
  }

  /** A "closed" error while the browser still runs means the tab went away, not the browser. */
  private explainClosedTab(error: Error): Error {
    const { browser } = this.options;
    if (!isActionError(error) || error.code !== 'BROWSER_CLOSED' || !browser.connected) return error;
    const remaining = browser.tabs.filter((tab) => !tab.page.isClosed()).length;
    const next = remaining > 0 ? `${remaining} tab${remaining === 1 ? '' : 's'} remain; the next command uses the active one ('tab list' shows them)` : 'the next command opens a new tab';
    return new ActionError('TAB_CLOSED', `The tab closed while the action ran (the page closed itself, or another command closed it); ${next}. Run the command again.`, { cause: error });
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
    return new ActionError('UNKNOWN_ACTION', `Unknown action "${name}".${hint} Send {"action":"actions"} or run 'agent-browser actions' to list the ${names.length} valid ones.`);
  }

  private context(call: ActionCall): ActionContext {
    const { browser, config, log } = this.options;
    const ownTimeout = typeof call.params.timeout === 'number' && call.params.timeout > 0 ? call.params.timeout : undefined;
    const tab = (): Promise<Tab> => browser.activeTab();
    const locator = async (selector: string) => {
      const active = await tab();
      const ref = parseRef(selector);
      return ref ? active.refs.resolve(active.page, ref, selector) : active.frame().locator(selector);
    };
    return {
      session: config.session,
      call,
      config,
      timeout: ownTimeout ?? config.timeout,
      browser,
      log,
      tab,
      page: async () => (await tab()).page,
      frame: async () => (await tab()).frame(),
      locator,
      element: async (selector, work) => {
        const target = await locator(selector);
        try {
          return await work(target);
        } catch (error) {
          throw friendlyElementError(error, selector);
        }
      },
    };
  }
}
