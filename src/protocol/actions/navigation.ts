// The contracts of the navigation actions (handlers: src/builtins/navigation.ts).
import { selector, waitUntil } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';

import * as schema from '../schemas.js';

export const back = contract({
  name: 'back',
  summary: 'Go back in the active tab’s history.',
  params: schema.none,
  group: 'core',
  cli: [
    {
      id: 'back',
      fast: true,
      examples: ['<%= config.bin %> back'],
    },
  ],
});

export const content = contract({
  name: 'content',
  summary: 'The page’s HTML, or the inner HTML of one element.',
  params: z.object({ selector: selector.optional() }),
  readOnly: true,
  group: 'reading',
});

export const forward = contract({
  name: 'forward',
  summary: 'Go forward in the active tab’s history.',
  params: schema.none,
  group: 'core',
  cli: [
    {
      id: 'forward',
      fast: true,
      examples: ['<%= config.bin %> forward'],
    },
  ],
});

export const navigate = contract({
  name: 'navigate',
  summary: 'Open a URL in the active tab and wait for it to load.',
  params: z.object({
    url: z.string().min(1),
    waitUntil: waitUntil.optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  group: 'core',
  cli: [
    {
      id: 'open',
      summary: 'Open a URL in the active tab (starts the daemon and browser when needed).',
      aliases: ['goto', 'navigate'],
      args: [{ name: 'url', param: 'url', url: true, required: true, description: 'URL; https:// is added to bare hosts, http:// to localhost/127.0.0.1' }],
      flags: {
        'wait-until': {
          param: 'waitUntil',
          options: ['load', 'domcontentloaded', 'dom-content-loaded', 'networkidle', 'network-idle'],
          description: 'When navigation counts as done.',
        },
        headers: { param: 'headers', description: 'JSON object of HTTP headers sent to this URL’s host only.' },
      },
      finish: 'open',
      fast: true,
      examples: [
        '<%= config.bin %> open example.com',
        '<%= config.bin %> open http://127.0.0.1:3000/login --wait-until networkidle',
        '<%= config.bin %> --session work open about:blank',
      ],
    },
  ],
});

export const pause = contract({
  name: 'pause',
  summary: 'Open the Playwright Inspector and wait until someone presses Resume (headed browsers only).',
  params: schema.none,
  group: 'debug',
});

export const reload = contract({
  name: 'reload',
  summary: 'Reload the active tab.',
  params: schema.none,
  group: 'core',
  cli: [
    {
      id: 'reload',
      fast: true,
      examples: ['<%= config.bin %> reload'],
    },
  ],
});

export const title = contract({
  name: 'title',
  summary: 'The active tab’s title.',
  params: schema.none,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:title',
      fast: true,
      examples: ['<%= config.bin %> get title'],
    },
  ],
});

export const url = contract({
  name: 'url',
  summary: 'The active tab’s URL.',
  params: schema.none,
  readOnly: true,
  group: 'reading',
  cli: [
    {
      id: 'get:url',
      fast: true,
      examples: ['<%= config.bin %> get url'],
    },
  ],
});

export const setcontent = contract({
  name: 'setcontent',
  summary: 'Replace the document of the active frame with the given HTML.',
  params: z.object({ html: z.string() }),
  group: 'scripting',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [back, content, forward, navigate, pause, reload, title, url, setcontent];
