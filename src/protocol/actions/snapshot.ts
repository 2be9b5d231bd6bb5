// The contracts of the snapshot actions (handlers: src/builtins/snapshot.ts).
import { nonNegative, selector } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';

export const snapshot = contract({
  name: 'snapshot',
  summary: 'The page’s accessibility tree as text, with [ref=eN] refs to use as selectors.',
  params: z.object({
    interactive: z.boolean().optional(),
    maxDepth: nonNegative.optional(),
    compact: z.boolean().optional(),
    selector: selector.optional(),
    cursor: z.boolean().optional(),
  }),
  readOnly: true,
  group: 'core',
  cli: [
    {
      id: 'snapshot',
      flags: {
        interactive: { param: 'interactive', char: 'i', description: 'Only interactive elements (buttons, links, inputs…), flattened.' },
        compact: { param: 'compact', char: 'c', description: 'Drop unnamed structural lines without refs below them.' },
        depth: { param: 'maxDepth', char: 'd', description: 'Only lines up to this depth (0 = top level).' },
        selector: { param: 'selector', char: 's', description: 'Snapshot only this element’s subtree.' },
        cursor: { param: 'cursor', char: 'C', description: 'Also list clickable elements found by cursor:pointer/onclick/tabindex.' },
      },
      fast: true,
      examples: ['<%= config.bin %> snapshot -i', '<%= config.bin %> snapshot -c -d 3', '<%= config.bin %> snapshot -s "#main" -C'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [snapshot];
