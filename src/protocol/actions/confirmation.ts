// The contracts of the confirmation actions (handlers: src/builtins/confirmation.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';

const confirmation = z.object({ confirmationId: z.string().min(1).describe('The confirmation_id a gated action answered with') });

export const confirm = contract({
  name: 'confirm',
  summary: 'Run a call that waits for confirmation (confirmActions / AGENT_BROWSER_CONFIRM_ACTIONS) by its confirmation_id; answers what that call answers.',
  params: confirmation,
  group: 'session',
  cli: [
    {
      id: 'confirm',
      description:
        'Actions of the categories in confirmActions (config) or AGENT_BROWSER_CONFIRM_ACTIONS answer "needs confirmation" with an id instead of running. An id can be used once and expires after 60 s.',
      args: [{ name: 'id', param: 'confirmationId', required: true, description: 'The confirmation id (c_…)' }],
      fast: true,
      examples: ['<%= config.bin %> confirm c_8f3a12345678abcd'],
    },
  ],
});

export const deny = contract({
  name: 'deny',
  summary: 'Drop a call that waits for confirmation, by its confirmation_id, without running it.',
  params: confirmation,
  lane: 'control',
  group: 'session',
  cli: [
    {
      id: 'deny',
      args: [{ name: 'id', param: 'confirmationId', required: true, description: 'The confirmation id (c_…)' }],
      fast: true,
      examples: ['<%= config.bin %> deny c_8f3a12345678abcd'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [confirm, deny];
