// The contracts of the locators actions (handlers: src/builtins/locators.ts).
import type { z as Zod } from 'zod';
import { z } from '../zod.js';
import { selector } from '../schemas.js';
import { contract, type CliCommand } from '../contract.js';

/** Param schemas of the semantic locator actions (reference §2.3): a locator plus a sub-action in one request. */
const subaction = z
  .enum(['click', 'fill', 'check', 'hover', 'text'])
  .optional()
  .describe('What to do with the element (default click): click, fill (with value), check, hover, or text (read its text)');

const common = {
  subaction,
  value: z.string().optional().describe('Text for the fill sub-action (default empty)'),
  exact: z.boolean().optional().describe('Match the text or name exactly (case-sensitive, whole string) instead of as a case-insensitive substring'),
};

const getbyalttextParams = z.object({ text: z.string().min(1), ...common });
const getbylabelParams = z.object({ label: z.string().min(1), ...common });
const getbyplaceholderParams = z.object({ placeholder: z.string().min(1), ...common });
const nthParams = z.object({
  selector,
  index: z.number().int().describe('0-based; negative counts from the end (-1 = last)'),
  ...common,
});
const getbyroleParams = z.object({ role: z.string().min(1), name: z.string().optional().describe('Accessible name'), ...common });
const getbytestidParams = z.object({ testId: z.string().min(1), ...common });
const getbytextParams = z.object({ text: z.string().min(1), ...common });
const getbytitleParams = z.object({ text: z.string().min(1), ...common });

/** What every finder takes besides its locator value. */
type FinderParams = { subaction?: string; value?: string; exact?: boolean };

/** `find <kind> <value> [action] [text…]`: the locator's value, then what to do with the element (the finisher reads the rest). */
function findCommand<P extends FinderParams>(options: {
  id: string;
  value: { param: keyof P & string; description: string };
  summary: string;
  flags?: CliCommand<P>['flags'];
  omits?: CliCommand<P>['omits'];
  fixed?: Partial<P>;
  examples: string[];
}): CliCommand<P> {
  return {
    id: options.id,
    summary: options.summary,
    args: [
      { name: options.value.param === 'selector' ? 'selector' : 'value', param: options.value.param, required: true, description: options.value.description },
      { name: 'action', kind: 'string', description: 'What to do with it: click, fill, check, hover, text (default click)' },
      { name: 'text', kind: 'string', rest: 'text', description: 'Text for fill (the rest of the line)' },
    ],
    ...(options.flags ? { flags: options.flags } : {}),
    ...(options.fixed ? { fixed: options.fixed } : {}),
    // Every finder has subaction and value (P extends FinderParams), which TS cannot see through keyof P.
    omits: {
      subaction: 'the [action] word, checked by the finisher',
      value: 'the text after fill, checked by the finisher',
      ...options.omits,
    } as CliCommand<P>['omits'],
    finish: 'find',
    fast: true,
    examples: options.examples,
  };
}

const exact = { param: 'exact' as const, description: 'Match the whole text exactly (case-sensitive) instead of as a case-insensitive substring.' };

export const getbyalttext = contract({
  name: 'getbyalttext',
  summary:
    'Find an element (usually an image) by its alt text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbyalttextParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbyalttextParams>>({
      id: 'find:alt',
      summary: 'Find an element by its alt text and click it (or hover, text …).',
      value: { param: 'text', description: 'What to look for' },
      flags: { exact },
      examples: ['<%= config.bin %> find alt Logo', '<%= config.bin %> find alt "Company logo" hover --exact'],
    }),
  ],
});

export const getbylabel = contract({
  name: 'getbylabel',
  summary:
    'Find a form control by its label text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbylabelParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbylabelParams>>({
      id: 'find:label',
      summary: 'Find a form control by its label and click it (or fill, check, hover, text).',
      value: { param: 'label', description: 'What to look for' },
      flags: { exact },
      examples: ['<%= config.bin %> find label Email fill user@example.com', '<%= config.bin %> find label "Remember me" check'],
    }),
  ],
});

export const getbyplaceholder = contract({
  name: 'getbyplaceholder',
  summary:
    'Find an input by its placeholder (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbyplaceholderParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbyplaceholderParams>>({
      id: 'find:placeholder',
      summary: 'Find an input by its placeholder and click it (or fill, check, hover, text).',
      value: { param: 'placeholder', description: 'What to look for' },
      flags: { exact },
      examples: ['<%= config.bin %> find placeholder Search fill playwright', '<%= config.bin %> find placeholder "you@example.com" fill a@b.c --exact'],
    }),
  ],
});

export const getbyrole = contract({
  name: 'getbyrole',
  summary:
    'Find an element by ARIA role and accessible name (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbyroleParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbyroleParams>>({
      id: 'find:role',
      summary: 'Find an element by ARIA role (and --name) and click it (or fill, check, hover, text).',
      value: { param: 'role', description: 'ARIA role: button, link, textbox, checkbox, heading, …' },
      flags: { name: { param: 'name', char: 'n', description: 'Accessible name (substring unless --exact).' }, exact },
      examples: [
        '<%= config.bin %> find role button --name Submit',
        '<%= config.bin %> find role textbox fill hello --name Search',
        '<%= config.bin %> find role link --name "Docs" --exact',
      ],
    }),
  ],
});

export const getbytestid = contract({
  name: 'getbytestid',
  summary:
    'Find an element by its data-testid (exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbytestidParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbytestidParams>>({
      id: 'find:testid',
      summary: 'Find an element by data-testid and click it (or fill, check, hover, text).',
      value: { param: 'testId', description: 'What to look for' },
      omits: { exact: 'test ids always match exactly' },
      examples: ['<%= config.bin %> find testid submit-button', '<%= config.bin %> find testid email-input fill a@b.c'],
    }),
  ],
});

export const getbytext = contract({
  name: 'getbytext',
  summary:
    'Find an element by its text (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbytextParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbytextParams>>({
      id: 'find:text',
      summary: 'Find an element by its text and click it (or fill, check, hover, text).',
      value: { param: 'text', description: 'What to look for' },
      flags: { exact },
      examples: ['<%= config.bin %> find text "Sign in"', '<%= config.bin %> find text Welcome text --exact'],
    }),
  ],
});

export const getbytitle = contract({
  name: 'getbytitle',
  summary:
    'Find an element by its title attribute (substring unless exact) in the active frame and act on it. Sub-action (default click): click, fill (value), check, hover, or text.',
  params: getbytitleParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof getbytitleParams>>({
      id: 'find:title',
      summary: 'Find an element by its title attribute and click it (or hover, text …).',
      value: { param: 'text', description: 'What to look for' },
      flags: { exact },
      examples: ['<%= config.bin %> find title Close', '<%= config.bin %> find title "Delete item" click --exact'],
    }),
  ],
});

export const nth = contract({
  name: 'nth',
  summary:
    'Act on the index-th match of a selector or ref (0-based; -1 = last, negative counts from the end). Sub-action (default click): click, fill (value), check, hover, or text.',
  params: nthParams,
  group: 'interaction',
  cli: [
    findCommand<Zod.input<typeof nthParams>>({
      id: 'find:first',
      omits: { exact: 'nth takes a selector, which has no text to match exactly' },
      summary: 'Act on the first element matching a selector (click by default; fill, check, hover, text).',
      value: { param: 'selector', description: 'CSS or Playwright selector, or a ref' },
      fixed: { index: 0 },
      examples: ['<%= config.bin %> find first "li.result"', '<%= config.bin %> find first "input[type=text]" fill hello'],
    }),
    findCommand<Zod.input<typeof nthParams>>({
      id: 'find:last',
      omits: { exact: 'nth takes a selector, which has no text to match exactly' },
      summary: 'Act on the last element matching a selector (click by default; fill, check, hover, text).',
      value: { param: 'selector', description: 'CSS or Playwright selector, or a ref' },
      fixed: { index: -1 },
      examples: ['<%= config.bin %> find last "li.result"', '<%= config.bin %> find last ".message" text'],
    }),
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [getbyalttext, getbylabel, getbyplaceholder, getbyrole, getbytestid, getbytext, getbytitle, nth];
