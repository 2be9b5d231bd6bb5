// The contracts of the logs actions (handlers: src/builtins/logs.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';

/** `console` and `errors`: list what was collected, or clear it. */
const log = z.object({ clear: z.boolean().optional() });

export const console = contract({
  name: 'console',
  summary: 'Console messages of every tab since it opened ({clear:true} empties the list).',
  params: log,
  group: 'debug',
  cli: [
    {
      id: 'console',
      flags: {
        clear: { param: 'clear', description: 'Empty the message list instead of printing it.' },
      },
      fast: true,
      examples: ['<%= config.bin %> console', '<%= config.bin %> console --clear', '<%= config.bin %> console --json'],
    },
  ],
});

export const errors = contract({
  name: 'errors',
  summary: 'Uncaught page errors of every tab ({clear:true} empties the list).',
  params: log,
  group: 'debug',
  cli: [
    {
      id: 'errors',
      flags: {
        clear: { param: 'clear', description: 'Empty the error list instead of printing it.' },
      },
      fast: true,
      examples: ['<%= config.bin %> errors', '<%= config.bin %> errors --clear'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [console, errors];
