import { filePath, positive, selector, z } from '../schemas.js';

/** Param schemas of the network actions (reference §2.8, plus `responsebody`/`waitfordownload` of §2.5). */

export const route = z.object({
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
});

export const unroute = z.object({ url: z.string().min(1).optional() });

export const requests = z.object({ filter: z.string().optional(), clear: z.boolean().optional() });

export const headers = z.object({ headers: z.record(z.string(), z.string()) });

export const offline = z.object({ offline: z.boolean() });

export const responsebody = z.object({ url: z.string().min(1), timeout: positive.optional() });

export const download = z.object({ selector, path: filePath, timeout: positive.optional() });

export const waitfordownload = z.object({ path: filePath.optional(), timeout: positive.optional() });

export const harStop = z.object({ path: filePath });
