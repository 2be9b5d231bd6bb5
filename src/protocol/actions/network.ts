// The contracts of the network actions (handlers: src/builtins/network.ts).
import { z } from '../zod.js';
import { filePath, positive, selector } from '../schemas.js';
import { contract } from '../contract.js';

import { none } from '../schemas.js';

export const download = contract({
  name: 'download',
  summary: 'Click an element that starts a download and save the file to path.',
  params: z.object({ selector, path: filePath, timeout: positive.optional() }),
  group: 'network',
  cli: [
    {
      id: 'download',
      args: [
        { name: 'selector', param: 'selector', required: true },
        { name: 'path', param: 'path', file: true, required: true, description: 'Where to save the file' },
      ],
      flags: {
        timeout: { param: 'timeout', description: 'Give up when no download starts within this many milliseconds.' },
      },
      fast: true,
      examples: ['<%= config.bin %> download "a.export" report.csv', '<%= config.bin %> download @e5 ./downloads/invoice.pdf'],
    },
  ],
});

export const har_start = contract({
  name: 'har_start',
  summary: 'Start recording requests and responses for a HAR file (har_stop writes it).',
  params: none,
  group: 'network',
  cli: [
    {
      id: 'network:har:start',
      fast: true,
      examples: ['<%= config.bin %> network har start'],
    },
  ],
});

export const har_stop = contract({
  name: 'har_stop',
  summary: 'Stop recording and write the requests since har_start as a HAR 1.2 file.',
  params: z.object({ path: filePath }),
  group: 'network',
  cli: [
    {
      id: 'network:har:stop',
      args: [{ name: 'path', param: 'path', file: true, required: true, description: 'File to write (.har)' }],
      fast: true,
      examples: ['<%= config.bin %> network har stop trace.har'],
    },
  ],
});

export const headers = contract({
  name: 'headers',
  summary: 'Send these extra HTTP headers with every request of every tab.',
  params: z.object({ headers: z.record(z.string(), z.string()) }),
  group: 'network',
});

export const offline = contract({
  name: 'offline',
  summary: 'Take the browser off the network (offline: true) or back on.',
  params: z.object({ offline: z.boolean() }),
  group: 'network',
  cli: [
    {
      id: 'set:offline',
      summary: 'Take the browser off the network (on, the default) or back on (off).',
      args: [{ name: 'state', kind: 'string', options: ['on', 'off', 'true', 'false'], description: 'on or off' }],
      omits: { offline: 'set from <state> (on, the default, or off) by the finisher' },
      finish: 'offline',
      fast: true,
      examples: ['<%= config.bin %> set offline', '<%= config.bin %> set offline off'],
    },
  ],
});

export const requests = contract({
  name: 'requests',
  summary: 'Requests the tabs made (each once, the last 1000), optionally filtered by URL substring; clear empties the log.',
  params: z.object({ filter: z.string().optional(), clear: z.boolean().optional() }),
  group: 'network',
  cli: [
    {
      id: 'network:requests',
      flags: {
        filter: { param: 'filter', description: 'Only requests whose URL contains this text.' },
        clear: { param: 'clear', description: 'Empty the list.' },
      },
      fast: true,
      examples: ['<%= config.bin %> network requests', '<%= config.bin %> network requests --filter /api/', '<%= config.bin %> network requests --clear'],
    },
  ],
});

export const responsebody = contract({
  name: 'responsebody',
  summary: 'Wait for the next response whose URL contains a string; answer its status and body (JSON parsed).',
  params: z.object({ url: z.string().min(1), timeout: positive.optional() }),
  lane: 'wait',
  group: 'network',
});

export const route = contract({
  name: 'route',
  summary: 'Intercept requests matching a URL glob: abort them, answer them (response), or let them through.',
  params: z.object({
    url: z.string().min(1).describe('Playwright URL glob, e.g. **/api/*'),
    response: z
      .object({
        status: z.number().int().min(100).max(599).optional(),
        body: z.string().optional(),
        contentType: z.string().optional(),
        headers: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    abort: z.boolean().optional(),
    body: z
      .string()
      .optional()
      .describe(
        'Answer with this body (status 200; JSON is served as application/json). The agent-browser CLIs send --body this way; the same as response.body.',
      ),
  }),
  group: 'network',
});

export const unroute = contract({
  name: 'unroute',
  summary: 'Remove the route for a URL glob, or every route.',
  params: z.object({ url: z.string().min(1).optional() }),
  group: 'network',
  cli: [
    {
      id: 'network:unroute',
      args: [{ name: 'url', param: 'url', description: 'The glob given to "network route" (all routes when omitted)' }],
      fast: true,
      examples: ['<%= config.bin %> network unroute "**/api/user"', '<%= config.bin %> network unroute'],
    },
  ],
});

export const waitfordownload = contract({
  name: 'waitfordownload',
  summary: 'Wait for the next download of the active tab; save it to path when given.',
  params: z.object({ path: filePath.optional(), timeout: positive.optional() }),
  lane: 'wait',
  group: 'network',
  cli: [
    {
      id: 'wait-download',
      description:
        'Start it before whatever triggers the download (e.g. in the background, then click). Without a path the file stays in the browser’s temporary folder until the session closes.',
      args: [{ name: 'path', param: 'path', file: true, description: 'Where to save the file' }],
      flags: {
        timeout: { param: 'timeout', description: 'Give up after this many milliseconds.' },
      },
      fast: true,
      examples: ['<%= config.bin %> wait-download report.csv', '<%= config.bin %> wait-download --timeout 60000'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [download, har_start, har_stop, headers, offline, requests, responsebody, route, unroute, waitfordownload];
