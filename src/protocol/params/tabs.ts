import { selector, viewport, z } from '../schemas.js';

/** Param schemas of the tab, window, frame and dialog actions (reference §2.6, `bringtofront` of §2.1). */

export const tabNew = z.object({ url: z.string().min(1).optional().describe('Open this URL in the new tab (waits for domcontentloaded)') });

export const tabSwitch = z.object({ index: z.number().int().min(0).describe('Tab index from tab_list') });

export const tabClose = z.object({ index: z.number().int().min(0).optional().describe('Tab index; default the active tab') });

export const windowNew = z.object({ viewport: viewport.optional() });

export const frame = z.object({
  selector: selector.optional().describe('The <iframe>/<frame> element: CSS, Playwright selector or ref; looked up in the current frame'),
  name: z.string().min(1).optional().describe('The frame’s name attribute (any depth)'),
  url: z.string().min(1).optional().describe('The frame’s URL: exact, glob (**/pay/*) or substring (any depth)'),
});

export const dialog = z.object({
  response: z.enum(['accept', 'dismiss']),
  promptText: z.string().optional().describe('Text a prompt() answers with when accepted (default: its default text)'),
});
