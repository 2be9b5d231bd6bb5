import { filePath, selector, z } from '../schemas.js';

/** `innertext`, `boundingbox`, `styles`: one selector field (refs accepted). */
export const element = z.object({ selector });

export const setcontent = z.object({ html: z.string() });

export const evalhandle = z.object({ script: z.string().min(1) });

/** `console` and `errors`: list what was collected, or clear it. */
export const log = z.object({ clear: z.boolean().optional() });

export const pdf = z.object({
  path: filePath,
  format: z.enum(['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6']).optional(),
});
