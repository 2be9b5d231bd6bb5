// The contracts of the reading actions (handlers: src/builtins/reading.ts).
import { element, selector } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';
import * as schema from '../schemas.js';

export const boundingbox = contract({
  name: 'boundingbox',
  summary: 'An element’s position and size in CSS pixels relative to the viewport (null when it is not rendered).',
  params: element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:box',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get box @e3', '<%= config.bin %> get box "#logo"'],
    },
  ],
});

export const count = contract({
  name: 'count',
  summary: 'How many elements match a selector.',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:count',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get count "li.item"'],
    },
  ],
});

export const getattribute = contract({
  name: 'getattribute',
  summary: 'The value of an element’s attribute (null when absent).',
  params: z.object({ selector, attribute: z.string().min(1) }),
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:attr',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'attribute', param: 'attribute', required: true, description: 'Attribute name' },
      ],
      fast: true,
      examples: ['<%= config.bin %> get attr @e1 href', '<%= config.bin %> get attr "img.logo" alt'],
    },
  ],
});

export const gettext = contract({
  name: 'gettext',
  summary: 'The visible text of an element.',
  params: schema.element,
  readOnly: true,
  group: 'core',
  cli: [
    {
      id: 'get:text',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get text @e1'],
    },
  ],
});

export const innerhtml = contract({
  name: 'innerhtml',
  summary: 'The inner HTML of an element.',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:html',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get html "#main"'],
    },
  ],
});

export const innertext = contract({
  name: 'innertext',
  summary: 'The rendered text of an element (innerText: what a reader sees, hidden parts left out).',
  params: element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:innertext',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get innertext @e1', '<%= config.bin %> get innertext "main article"'],
    },
  ],
});

export const inputvalue = contract({
  name: 'inputvalue',
  summary: 'The current value of an input, textarea or select.',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:value',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get value @e3'],
    },
  ],
});

export const ischecked = contract({
  name: 'ischecked',
  summary: 'Whether a checkbox or radio button is checked.',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'is:checked',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> is checked @e4'],
    },
  ],
});

export const isenabled = contract({
  name: 'isenabled',
  summary: 'Whether an element is enabled.',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'is:enabled',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> is enabled @e7'],
    },
  ],
});

export const isvisible = contract({
  name: 'isvisible',
  summary: 'Whether an element is visible (does not wait).',
  params: schema.element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'is:visible',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> is visible "#dialog"'],
    },
  ],
});

export const styles = contract({
  name: 'styles',
  summary: 'Tag, text, box and key computed styles of an element (a ref) or of every element a CSS selector matches.',
  params: element,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:styles',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> get styles @e2', '<%= config.bin %> get styles "button.primary"'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [boundingbox, count, getattribute, gettext, innerhtml, innertext, inputvalue, ischecked, isenabled, isvisible, styles];
