import { z } from '../schemas.js';

/** Param schemas of the live view stream actions (reference §2.12, plus `stream_enable`). */

export const streamEnable = z.object({
  port: z
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('Port to listen on if the stream is off (default: streamPort from the config when set, else any free port)'),
});

export const screencastStart = z.object({
  format: z.enum(['jpeg', 'png']).optional().describe('Frame image format (default jpeg)'),
  quality: z.number().int().min(0).max(100).optional().describe('JPEG quality (default 80)'),
  maxWidth: z.number().int().positive().optional().describe('Largest frame width in pixels (default 1280)'),
  maxHeight: z.number().int().positive().optional().describe('Largest frame height in pixels (default 720)'),
  everyNthFrame: z.number().int().positive().optional().describe('Send every n-th frame (default 1)'),
});
