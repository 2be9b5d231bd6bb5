// The contracts of the interaction actions (handlers: src/builtins/interaction.ts).
import { mouseButton, nonNegative, positive, selector } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';
import * as schema from '../schemas.js';

export const check = contract({
  name: 'check',
  summary: 'Check a checkbox or radio button.',
  params: schema.element,
  group: 'core',
  cli: [
    {
      id: 'check',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> check @e4'],
    },
  ],
});

export const click = contract({
  name: 'click',
  summary: 'Click an element; with newTab, open a link in a new tab instead.',
  params: z.object({
    selector,
    button: mouseButton.optional(),
    clickCount: positive.optional(),
    delay: nonNegative.optional(),
    newTab: z.boolean().optional().describe("Open the link's href in a new tab (made active) instead of clicking it"),
  }),
  group: 'core',
  cli: [
    {
      id: 'click',
      args: [{ name: 'selector', param: 'selector', required: true }],
      flags: {
        button: { param: 'button', description: 'Mouse button.' },
        'click-count': { param: 'clickCount', description: 'Number of clicks.' },
        delay: { param: 'delay', description: 'Milliseconds between mousedown and mouseup.' },
        'new-tab': { param: 'newTab', description: "Open the link's href in a new tab instead of clicking it." },
      },
      fast: true,
      examples: [
        '<%= config.bin %> click @e3',
        '<%= config.bin %> click "button[type=submit]"',
        '<%= config.bin %> click @e2 --button right',
        '<%= config.bin %> click @e5 --new-tab',
      ],
    },
  ],
});

export const dblclick = contract({
  name: 'dblclick',
  summary: 'Double-click an element.',
  params: schema.element,
  group: 'interaction',
  cli: [
    {
      id: 'dblclick',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> dblclick "#item"'],
    },
  ],
});

export const fill = contract({
  name: 'fill',
  summary: 'Clear an input and fill it with a value.',
  params: z.object({ selector, value: z.string() }),
  group: 'core',
  cli: [
    {
      id: 'fill',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'text', param: 'value', rest: 'text', default: '', description: 'Text (the rest of the line, joined with spaces; none clears the field)' },
      ],
      fast: true,
      examples: ['<%= config.bin %> fill @e3 user@example.com', '<%= config.bin %> fill "#bio" Hello there'],
    },
  ],
});

export const focus = contract({
  name: 'focus',
  summary: 'Focus an element.',
  params: schema.element,
  group: 'interaction',
  cli: [
    {
      id: 'focus',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> focus "input[name=q]"'],
    },
  ],
});

export const hover = contract({
  name: 'hover',
  summary: 'Hover over an element.',
  params: schema.element,
  group: 'core',
  cli: [
    {
      id: 'hover',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> hover @e5'],
    },
  ],
});

export const press = contract({
  name: 'press',
  summary: 'Press a key or chord (Enter, Control+a), on an element or the focused one.',
  params: z.object({ key: z.string().min(1), selector: selector.optional() }),
  group: 'core',
  cli: [
    {
      id: 'press',
      args: [{ name: 'key', param: 'key', required: true, description: 'Key name as Playwright spells it' }],
      flags: {
        selector: { param: 'selector', char: 's', description: 'Press on this element instead of the focused one.' },
      },
      aliases: ['key'],
      fast: true,
      examples: ['<%= config.bin %> press Enter', '<%= config.bin %> press Control+a', '<%= config.bin %> press Enter --selector @e3'],
    },
  ],
});

export const scroll = contract({
  name: 'scroll',
  summary: 'Scroll the page (direction and amount, or x/y), or an element into view and by x/y.',
  params: z.object({
    selector: selector.optional(),
    x: z.number().optional(),
    y: z.number().optional(),
    direction: z.enum(['up', 'down', 'left', 'right']).optional(),
    amount: positive.optional(),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'scroll',
      omits: {
        x: 'the CLI scrolls by direction and amount (x and y are for the wire)',
        y: 'the CLI scrolls by direction and amount (x and y are for the wire)',
      },
      args: [
        { name: 'direction', param: 'direction', default: 'down', description: 'Direction' },
        { name: 'amount', param: 'amount', default: 300, description: 'Pixels' },
      ],
      flags: {
        selector: { param: 'selector', char: 's', description: 'Scroll inside this element.' },
      },
      fast: true,
      examples: ['<%= config.bin %> scroll', '<%= config.bin %> scroll up 500', '<%= config.bin %> scroll down 200 --selector "#list"'],
    },
  ],
});

export const scrollintoview = contract({
  name: 'scrollintoview',
  summary: 'Scroll an element into view.',
  params: schema.element,
  group: 'interaction',
  cli: [
    {
      id: 'scrollintoview',
      args: [{ name: 'selector', param: 'selector', required: true }],
      aliases: ['scrollinto'],
      fast: true,
      examples: ['<%= config.bin %> scrollintoview "#footer"'],
    },
  ],
});

export const select = contract({
  name: 'select',
  summary: 'Select one or more options of a <select> by value or label.',
  params: z.object({ selector, values: z.union([z.string(), z.array(z.string())]) }),
  group: 'core',
  cli: [
    {
      id: 'select',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'value', param: 'values', rest: 'list', required: true, description: 'Value(s) or label(s)' },
      ],
      finish: 'select',
      fast: true,
      examples: ['<%= config.bin %> select @e6 Blue', '<%= config.bin %> select "#colors" red green'],
    },
  ],
});

export const type = contract({
  name: 'type',
  summary: 'Type text into an element key by key (clear: true empties it first).',
  params: z.object({ selector, text: z.string(), delay: nonNegative.optional(), clear: z.boolean().optional() }),
  group: 'core',
  cli: [
    {
      id: 'type',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'text', param: 'text', rest: 'text', required: true, description: 'Text (the rest of the line, joined with spaces)' },
      ],
      flags: {
        delay: { param: 'delay', description: 'Milliseconds between key presses.' },
        clear: { param: 'clear', description: 'Empty the field first.' },
      },
      fast: true,
      examples: ['<%= config.bin %> type @e3 hello world', '<%= config.bin %> type "#search" query --clear --delay 50'],
    },
  ],
});

export const uncheck = contract({
  name: 'uncheck',
  summary: 'Uncheck a checkbox.',
  params: schema.element,
  group: 'interaction',
  cli: [
    {
      id: 'uncheck',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> uncheck @e4'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [check, click, dblclick, fill, focus, hover, press, scroll, scrollintoview, select, type, uncheck];
