// The contracts of the stream actions (handlers: src/builtins/stream.ts).
import { z } from '../zod.js';
import { contract } from '../contract.js';

import { none } from '../schemas.js';

export const screencast_start = contract({
  name: 'screencast_start',
  summary: 'Keep the live view screencast running with these options, watched or not (needs the stream on).',
  params: z.object({
    format: z.enum(['jpeg', 'png']).optional().describe('Frame image format (default jpeg)'),
    quality: z.number().int().min(0).max(100).optional().describe('JPEG quality (default 80)'),
    maxWidth: z.number().int().positive().optional().describe('Largest frame width in pixels (default 1280)'),
    maxHeight: z.number().int().positive().optional().describe('Largest frame height in pixels (default 720)'),
    everyNthFrame: z.number().int().positive().optional().describe('Send every n-th frame (default 1)'),
  }),
  group: 'debug',
});

export const screencast_stop = contract({
  name: 'screencast_stop',
  summary: 'End screencast_start: the screencast then runs only while viewers are connected, with the default options.',
  params: none,
  group: 'debug',
});

export const stream_enable = contract({
  name: 'stream_enable',
  summary: 'Turn on the live view stream (a WebSocket on 127.0.0.1) unless it runs; answers its port.',
  params: z.object({
    port: z
      .number()
      .int()
      .min(0)
      .max(65535)
      .optional()
      .describe('Port to listen on if the stream is off (default: streamPort from the config when set, else any free port)'),
  }),
  lane: 'control',
  group: 'debug',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [screencast_start, screencast_stop, stream_enable];
