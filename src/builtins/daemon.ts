import type { z as Zod } from 'zod';
import { defineAction, definePlugin } from '../host/define.js';
import type { Host } from '../host/host.js';
import { takesChangeReports } from '../host/registry.js';
import { describeRemote } from '../protocol/remote.js';
import { z } from '../protocol/schemas.js';
import type { StreamControl } from './stream.js';
import * as contracts from '../protocol/actions/daemon.js';

/** What the lifecycle actions need from the daemon process. */
export interface DaemonControl {
  /** Closes the browser, removes the session's files, and exits once the answer is written. */
  shutdown(reason: string): Promise<void>;
  status(): Record<string, unknown>;
  /** Cancels the queued or running requests with this id (they answer CANCELLED). */
  cancel(id: string): Array<{ id: string; action: string; state: 'queued' | 'running' }>;
  host: Host;
  /** The live view stream (PROTOCOL.md §5). */
  stream: StreamControl;
}

/**
 * The control of a host assembled without a daemon (the docs' registry, doctor's plugin check):
 * nothing serves, so there is nothing to stop, cancel or stream.
 */
export function offlineControl(host: Host, what: string): DaemonControl {
  return {
    host,
    shutdown: async () => undefined,
    status: () => ({}),
    cancel: () => [],
    stream: { running: () => null, enable: () => Promise.reject(new Error(`no stream in ${what}`)) },
  };
}

/** Each action's param schema as JSON Schema, made once: `actions` lists them on every call. */
const jsonSchemas = new WeakMap<Zod.ZodType, Record<string, unknown>>();

/** A param schema as JSON Schema; a plugin schema zod cannot convert is described as "any object". */
function jsonSchemaOf(schema: Zod.ZodType): Record<string, unknown> {
  let json = jsonSchemas.get(schema);
  if (!json) jsonSchemas.set(schema, (json = toJsonSchema(schema)));
  return json;
}

function toJsonSchema(schema: Zod.ZodType): Record<string, unknown> {
  try {
    // What a client may send: a field with a default is optional, and only a strict schema refuses
    // other fields (the others drop them), so only then does the schema say additionalProperties: false.
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  } catch {
    return { type: 'object' };
  }
}

export function daemonPlugin(daemon: DaemonControl) {
  return definePlugin({
    name: 'agent-browser:daemon',
    apply(host) {
      host.addAction(
        defineAction({
          ...contracts.launch,
          async handler(params, ctx) {
            await ctx.browser.ensure(params);
            const remote = ctx.browser.remote;
            if (!remote) return { launched: true };
            const { tabs, activeIndex } = ctx.browser;
            // Not `url`: the agent-browser CLIs print a `url` field instead of their `✓ Done`.
            return { launched: true, remote: describeRemote(remote), tabs: tabs.length, activeUrl: tabs[activeIndex]?.page.url() ?? null };
          },
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.cancel,
          handler: ({ requestId }) => {
            const requests = daemon.cancel(requestId);
            return { cancelled: requests.length, requests };
          },
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.close,
          async handler(_, ctx) {
            const remote = ctx.browser.launched ? ctx.browser.remote : null;
            await daemon.shutdown('close action');
            return remote ? { closed: true, disconnected: describeRemote(remote) } : { closed: true };
          },
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.status,
          handler: () => daemon.status(),
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.actions,
          handler: ({ names }) => ({
            actions: (names ? daemon.host.registry.list().filter((action) => names.includes(action.name)) : daemon.host.registry.list()).map((action) => ({
              name: action.name,
              summary: action.summary,
              plugin: action.plugin,
              params: jsonSchemaOf(action.params),
              lane: action.lane ?? 'page',
              ...(action.readOnly ? { readOnly: true } : {}),
              // Takes the request field `"changes": true` (a report of what it changed on the page).
              ...(takesChangeReports(action) ? { changes: true } : {}),
              group: action.group,
            })),
          }),
        }),
      );
    },
  });
}
