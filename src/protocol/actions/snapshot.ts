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
    urls: z.boolean().optional().describe('Also print each link’s URL (a `/url:` line under it); off by default to save tokens.'),
    diff: z
      .boolean()
      .optional()
      .describe('Only what changed since the last snapshot of this tab: interactive elements that appeared (+), changed (~) or went (-), URL and title.'),
  }),
  readOnly: true,
  group: 'core',
  cli: [
    {
      id: 'snapshot',
      flags: {
        interactive: { param: 'interactive', char: 'i', description: 'Only interactive elements (buttons, links, inputs…), flattened.' },
        compact: {
          param: 'compact',
          char: 'c',
          description: 'Leave out empty structural lines (unnamed lists, list items, wrappers) and branches with no ref or text.',
        },
        depth: { param: 'maxDepth', char: 'd', description: 'Only lines up to this depth (0 = top level).' },
        selector: { param: 'selector', char: 's', description: 'Snapshot only this element’s subtree.' },
        cursor: { param: 'cursor', char: 'C', description: 'Also list clickable elements found by cursor:pointer/onclick/tabindex.' },
        urls: { param: 'urls', char: 'u', description: 'Also print each link’s URL (off by default: it is a third of a full snapshot).' },
        diff: {
          param: 'diff',
          description: 'Only what changed since this tab’s last snapshot: + appeared, ~ changed, - gone (interactive elements, with refs).',
        },
      },
      fast: true,
      examples: [
        '<%= config.bin %> snapshot -i',
        '<%= config.bin %> snapshot -c -d 3',
        '<%= config.bin %> snapshot -s "#main" -C',
        '<%= config.bin %> snapshot -u',
        '<%= config.bin %> snapshot --diff',
      ],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [snapshot];
