// The contracts of the tabs actions (handlers: src/builtins/tabs.ts).
import { z } from '../zod.js';
import { selector, viewport } from '../schemas.js';
import { contract } from '../contract.js';

import * as schema from '../schemas.js';

export const bringtofront = contract({
  name: 'bringtofront',
  summary: 'Bring the active tab to the front (activates its window when headed).',
  params: schema.none,
  group: 'tabs',
});

export const dialog = contract({
  name: 'dialog',
  summary:
    'Arm the answer (accept, with promptText for prompt(), or dismiss) for every later dialog of the active tab’s page. Dialogs nobody armed follow the `dialogs` config (default dismiss); every answer lists the dialogs handled meanwhile in data.dialogs.',
  params: z.object({
    response: z.enum(['accept', 'dismiss']),
    promptText: z.string().optional().describe('Text a prompt() answers with when accepted (default: its default text)'),
  }),
  group: 'tabs',
  cli: [
    {
      id: 'dialog:accept',
      summary: 'Accept the next dialogs of the active tab (alert/confirm OK; prompt answers with [text], else its default).',
      args: [{ name: 'text', param: 'promptText', rest: 'text', description: 'What a prompt() answers (the rest of the line, joined with spaces)' }],
      fixed: { response: 'accept' },
      fast: true,
      examples: ['<%= config.bin %> dialog accept', '<%= config.bin %> dialog accept Jane Doe'],
    },
    {
      id: 'dialog:dismiss',
      omits: { promptText: 'a dismissed prompt answers null' },
      summary: 'Dismiss the next dialogs of the active tab (Cancel; a prompt returns null).',
      fixed: { response: 'dismiss' },
      fast: true,
      examples: ['<%= config.bin %> dialog dismiss'],
    },
  ],
});

export const frame = contract({
  name: 'frame',
  summary:
    'Make every later page action (snapshot, click, fill, evaluate, get …) act inside an iframe of the active tab: by selector or ref of the <iframe> (looked up in the current frame, so frames nest), by name, or by url. `mainframe` goes back.',
  params: z.object({
    selector: selector.optional().describe('The <iframe>/<frame> element: CSS, Playwright selector or ref; looked up in the current frame'),
    name: z.string().min(1).optional().describe('The frame’s name attribute (any depth)'),
    url: z.string().min(1).optional().describe('The frame’s URL: exact, glob (**/pay/*) or substring (any depth)'),
  }),
  group: 'tabs',
  cli: [
    {
      id: 'frame',
      finish: 'frame',
      sends: ['mainframe'],
      args: [
        {
          name: 'selector',
          param: 'selector',
          description: 'The <iframe> element: CSS, Playwright selector or ref (looked up in the current frame, so frames nest)',
        },
      ],
      flags: {
        name: { param: 'name', description: 'Pick the frame by its name attribute instead.' },
        url: { param: 'url', description: 'Pick the frame by URL (exact, glob or substring) instead.' },
      },
      fast: true,
      examples: [
        '<%= config.bin %> frame "#checkout"',
        '<%= config.bin %> frame @e7',
        '<%= config.bin %> frame --name payment',
        '<%= config.bin %> frame --url "**/embed/*"',
        '<%= config.bin %> frame main',
      ],
    },
  ],
});

export const mainframe = contract({
  name: 'mainframe',
  summary: 'Make page actions act on the active tab’s main document again (undoes `frame`).',
  params: schema.none,
  group: 'tabs',
  cli: [
    {
      id: 'frame:main',
      fast: true,
      examples: ['<%= config.bin %> frame main'],
    },
  ],
});

export const tab_close = contract({
  name: 'tab_close',
  summary: 'Close tab <index> (default: the active tab). The tab after it becomes active (or the one before, for the last). The last tab cannot be closed.',
  params: z.object({ index: z.number().int().min(0).optional().describe('Tab index; default the active tab') }),
  group: 'core',
  cli: [
    {
      id: 'tab:close',
      args: [{ name: 'index', param: 'index', description: 'Tab index from tab list (default: the active tab)' }],
      fast: true,
      examples: ['<%= config.bin %> tab close', '<%= config.bin %> tab close 2'],
    },
  ],
});

export const tab_list = contract({
  name: 'tab_list',
  summary: 'List the open tabs of every window, in one flat index order, marking the active one.',
  params: schema.none,
  lane: 'control',
  readOnly: true,
  group: 'core',
  cli: [
    {
      id: 'tab:list',
      fast: true,
      examples: ['<%= config.bin %> tab list', '<%= config.bin %> tab list --json'],
    },
  ],
});

export const tab_new = contract({
  name: 'tab_new',
  summary:
    'Open a new tab (in the active tab’s window) and make it active; with url, load it (waits for domcontentloaded). Popups a page opens also become tabs, and the active one.',
  params: z.object({ url: z.string().min(1).optional().describe('Open this URL in the new tab (waits for domcontentloaded)') }),
  group: 'core',
  cli: [
    {
      id: 'tab:new',
      args: [{ name: 'url', param: 'url', url: true, description: 'URL to load; https:// is added to bare hosts, http:// to localhost/127.0.0.1' }],
      fast: true,
      examples: ['<%= config.bin %> tab new', '<%= config.bin %> tab new example.com'],
    },
  ],
});

export const tab_switch = contract({
  name: 'tab_switch',
  summary: 'Make tab <index> active and bring it to the front; refs of other tabs stop resolving until you switch back.',
  params: z.object({ index: z.number().int().min(0).describe('Tab index from tab_list') }),
  group: 'core',
  cli: [
    {
      id: 'tab',
      sends: ['tab_list'],
      summary: 'List the tabs, or switch to tab <n> (refs of the other tabs stop resolving until you switch back).',
      args: [{ name: 'index', param: 'index', description: 'Tab to switch to (as tab list numbers them)' }],
      finish: 'tab',
      fast: true,
      examples: ['<%= config.bin %> tab', '<%= config.bin %> tab 1', '<%= config.bin %> tab list'],
    },
    {
      id: 'tab:switch',
      args: [{ name: 'index', param: 'index', required: true, description: 'Tab index from tab list' }],
      fast: true,
      examples: ['<%= config.bin %> tab switch 0'],
    },
  ],
});

export const window_new = contract({
  name: 'window_new',
  summary: 'Open a new window: a separate browser context (own cookies and storage) whose tab becomes active. Its tabs join the one flat tab list.',
  params: z.object({ viewport: viewport.optional() }),
  group: 'tabs',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [bringtofront, dialog, frame, mainframe, tab_close, tab_list, tab_new, tab_switch, window_new];
