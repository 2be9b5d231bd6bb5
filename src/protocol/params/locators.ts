import { selector, z } from '../schemas.js';

/** Param schemas of the semantic locator actions (reference §2.3): a locator plus a sub-action in one request. */

export const subaction = z
  .enum(['click', 'fill', 'check', 'hover', 'text'])
  .optional()
  .describe('What to do with the element (default click): click, fill (with value), check, hover, or text (read its text)');

const common = {
  subaction,
  value: z.string().optional().describe('Text for the fill sub-action (default empty)'),
  exact: z.boolean().optional().describe('Match the text or name exactly (case-sensitive, whole string) instead of as a case-insensitive substring'),
};

export const getbyrole = z.object({ role: z.string().min(1), name: z.string().optional().describe('Accessible name'), ...common });
export const getbytext = z.object({ text: z.string().min(1), ...common });
export const getbylabel = z.object({ label: z.string().min(1), ...common });
export const getbyplaceholder = z.object({ placeholder: z.string().min(1), ...common });
export const getbyalttext = z.object({ text: z.string().min(1), ...common });
export const getbytitle = z.object({ text: z.string().min(1), ...common });
export const getbytestid = z.object({ testId: z.string().min(1), ...common });
export const nth = z.object({
  selector,
  index: z.number().int().describe('0-based; negative counts from the end (-1 = last)'),
  ...common,
});
