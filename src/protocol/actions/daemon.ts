// The contracts of the daemon actions (handlers: src/builtins/daemon.ts).
import { isCdpUrl, isWsEndpoint } from '../remote.js';
import { viewport } from '../schemas.js';
import { z } from '../zod.js';
import { contract } from '../contract.js';
import * as schema from '../schemas.js';

export const actions = contract({
  name: 'actions',
  summary: 'Every action this daemon knows (or only those named), with its summary, params and plugin.',
  params: z.object({
    names: z
      .array(z.string().min(1))
      .optional()
      .describe('Only these actions, by name (a CLI running one plugin action asks for its own); names no action has are left out'),
  }),
  lane: 'control',
  readOnly: true,
  group: 'session',
});

export const cancel = contract({
  name: 'cancel',
  summary: 'Cancel a queued or running request by its id (requestId): it answers CANCELLED at once and the next one starts.',
  params: z.object({ requestId: z.string().min(1).describe('The "id" of the request to cancel') }),
  lane: 'control',
  group: 'session',
  cli: [
    {
      id: 'cancel',
      args: [{ name: 'id', param: 'requestId', required: true, description: 'The id of the request to cancel' }],
      fast: true,
      examples: ['<%= config.bin %> daemon status', '<%= config.bin %> cancel cli-41234'],
    },
  ],
});

export const close = contract({
  name: 'close',
  summary: 'Close the browser and stop this session’s daemon.',
  params: schema.none,
  lane: 'control',
  group: 'core',
});

export const launch = contract({
  name: 'launch',
  summary:
    'Start the browser with these options (a no-op when one already runs), or attach to a running one: cdpPort/cdpUrl (Chrome over CDP), wsEndpoint (a Playwright server); naming another one than the session uses switches to it.',
  params: z.object({
    headless: z.boolean().optional(),
    viewport: viewport.optional(),
    browser: z.enum(['chromium', 'firefox', 'webkit']).optional(),
    cdpPort: z.number().int().min(1).max(65535).optional().describe('Attach to the Chrome listening for CDP on this 127.0.0.1 port instead of launching one'),
    cdpUrl: z
      .string()
      .refine(isCdpUrl, 'must be a URL starting with ws://, wss://, http:// or https://')
      .optional()
      .describe('Attach to the Chrome at this CDP URL (http://host:9222, ws://…/devtools/browser/…, wss://…?token=…)'),
    wsEndpoint: z
      .string()
      .refine(isWsEndpoint, 'must be a URL starting with ws:// or wss://')
      .optional()
      .describe('Attach to the Playwright browser server at this ws:// endpoint'),
    executablePath: z.string().optional(),
    extensions: z.array(z.string()).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    args: z.array(z.string()).optional(),
    proxy: z.object({ server: z.string().min(1), bypass: z.string().optional(), username: z.string().optional(), password: z.string().optional() }).optional(),
  }),
  group: 'session',
});

export const status = contract({
  name: 'status',
  summary: 'The daemon’s state: pid, session, transport, browser, uptime, plugins.',
  params: schema.none,
  lane: 'control',
  readOnly: true,
  group: 'session',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [actions, cancel, close, launch, status];
