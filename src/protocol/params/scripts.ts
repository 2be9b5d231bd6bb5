import { z } from '../schemas.js';

export const addinitscript = z.object({ script: z.string().min(1) });

/** `addscript` / `addstyle`: inline content or a URL to load (one of them is required). */
export const tag = z.object({ content: z.string().min(1).optional(), url: z.string().min(1).optional() });

export const expose = z.object({
  name: z
    .string()
    .min(1)
    .regex(/^[A-Za-z_$][\w$]*$/, 'expected a JavaScript identifier'),
});
