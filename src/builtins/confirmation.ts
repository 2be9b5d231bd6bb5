import { randomBytes } from 'node:crypto';
import { defineAction, definePlugin } from '../host/define.js';
import { STAGE } from '../host/stages.js';
import type { ActionCall } from '../host/types.js';
import { actionCategory, describeAction, needsConfirmation } from '../protocol/action-categories.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/confirmation.js';

/** A held call is dropped (denied) this long after it was held, as the reference does. */
export const CONFIRMATION_TTL_MS = 60_000;

interface Held {
  action: string;
  params: Record<string, unknown>;
  timer: NodeJS.Timeout;
}

/**
 * Confirmation-gated actions (reference 0.19 `confirmation.ts`). With `confirmActions` (config) or
 * AGENT_BROWSER_CONFIRM_ACTIONS naming categories (`click`, `navigate`, `eval`, …) or action names
 * (`myplugin:submit`), a client's call of a gated action is held and answered with
 * `{confirmation_required, action, category, description, confirmation_id}`; `confirm` runs it,
 * `deny` drops it, and it is dropped after 60 s. The gate taps the action hook of every gated
 * action (built-in or plugin) once all are registered, below every other tap, so it sees the call
 * after `beforeAction` rewrites and validation. `confirm` runs the held call through the whole
 * pipeline again (`ctx.run`), `beforeAction` vetoes included; calls another action runs that way
 * (`call.parent`) are not gated again.
 */
export default definePlugin({
  name: 'agent-browser:confirmation',
  apply(host) {
    const gated = new Set(host.config.confirmActions.map((entry) => entry.toLowerCase()));
    const held = new Map<string, Held>();

    const hold = (call: ActionCall) => {
      const id = `c_${randomBytes(8).toString('hex')}`;
      const timer = setTimeout(() => held.delete(id), CONFIRMATION_TTL_MS);
      timer.unref();
      held.set(id, { action: call.action, params: call.params, timer });
      return {
        confirmation_required: true,
        action: call.action,
        category: actionCategory(call.action),
        description: describeAction(call.action, call.params),
        confirmation_id: id,
      };
    };

    const take = (id: string): Held => {
      const entry = held.get(id);
      if (!entry)
        throw new ActionError(
          'INVALID_PARAMS',
          `No pending confirmation with id '${id}'. A confirmation can be used once and expires after ${CONFIRMATION_TTL_MS / 1000} s; run the action again for a new one.`,
        );
      clearTimeout(entry.timer);
      held.delete(id);
      return entry;
    };

    if (gated.size > 0) {
      // Once every plugin registered its actions, so plugin actions can be gated too.
      host.hooks.afterPlugins.tap(host.name, (registry) => {
        for (const action of registry.names()) {
          if (!needsConfirmation(action, gated)) continue;
          host.hooks.action.for(action).tapPromise({ name: host.name, stage: STAGE.GATE }, async (call) => (call.parent ? undefined : hold(call)));
        }
      });
    }

    host.hooks.shutdown.tapPromise(host.name, async () => {
      for (const entry of held.values()) clearTimeout(entry.timer);
      held.clear();
    });

    host.addAction(
      defineAction({
        ...contracts.confirm,
        handler: ({ confirmationId }, ctx) => {
          const entry = take(confirmationId);
          return ctx.run(entry.action, entry.params);
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.deny,
        handler: ({ confirmationId }) => {
          take(confirmationId);
          return { denied: true };
        },
      }),
    );
  },
});
