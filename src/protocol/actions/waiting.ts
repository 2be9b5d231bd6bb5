// The contracts of the waiting actions (handlers: src/builtins/waiting.ts).
import { positive, selector, waitUntil } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';

export const wait = contract({
  name: 'wait',
  summary: 'Wait for an element (state), for text to appear, for a number of ms, or for the load event.',
  params: z.object({
    selector: selector.optional(),
    timeout: positive.optional(),
    state: z.enum(['attached', 'detached', 'visible', 'hidden']).optional(),
    text: z.string().min(1).optional(),
  }),
  lane: 'wait',
  group: 'core',
  cli: [
    {
      id: 'wait',
      sends: ['waitforurl', 'waitforloadstate', 'waitforfunction'],
      summary: 'Wait for an element, for text, for a number of milliseconds, or for the page to load.',
      args: [{ name: 'target', param: 'selector', description: 'A selector or ref to wait for, or a number of milliseconds' }],
      flags: {
        text: { param: 'text', char: 't', description: 'Wait until this text appears on the page.' },
        state: { param: 'state', description: 'Element state to wait for.' },
        url: { like: { contract: () => waitforurl, param: 'url' }, char: 'u', description: 'Wait until the URL matches this glob, /regex/ or URL.' },
        load: { like: { contract: () => waitforloadstate, param: 'state' }, char: 'l', description: 'Wait for a load state.' },
        fn: { like: { contract: () => waitforfunction, param: 'expression' }, description: 'Wait until this JavaScript expression is truthy.' },
        timeout: { param: 'timeout', description: 'Give up after this many milliseconds.' },
      },
      finish: 'wait',
      fast: true,
      examples: [
        '<%= config.bin %> wait "#results"',
        '<%= config.bin %> wait 1500',
        '<%= config.bin %> wait --text "Welcome back"',
        '<%= config.bin %> wait @e4 --state hidden',
        '<%= config.bin %> wait --url "**/dashboard"',
        '<%= config.bin %> wait --load networkidle',
        '<%= config.bin %> wait --fn "window.appReady === true"',
      ],
    },
  ],
});

export const waitforfunction = contract({
  name: 'waitforfunction',
  summary: 'Wait until a JavaScript expression evaluated in the page is truthy.',
  params: z.object({ expression: z.string().min(1).describe('JavaScript expression that becomes truthy'), timeout: positive.optional() }),
  lane: 'wait',
  group: 'scripting',
});

export const waitforloadstate = contract({
  name: 'waitforloadstate',
  summary: 'Wait until the active frame reaches a load state: load, domcontentloaded or networkidle.',
  params: z.object({ state: waitUntil, timeout: positive.optional() }),
  lane: 'wait',
  group: 'scripting',
});

export const waitforurl = contract({
  name: 'waitforurl',
  summary: 'Wait until the active tab’s URL matches a glob (**/done), a /regex/ or an exact URL.',
  params: z.object({ url: z.string().min(1).describe('URL glob (**/done), regex (/done$/) or exact URL'), timeout: positive.optional() }),
  lane: 'wait',
  group: 'scripting',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [wait, waitforfunction, waitforloadstate, waitforurl];
