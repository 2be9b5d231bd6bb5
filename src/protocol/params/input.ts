import { mouseButton, nonNegative, selector, z } from '../schemas.js';

/** Param schemas of the low-level input actions (reference §2.2 input rows with the 0.19 deltas of §2.13). */

export const keyboard = z.object({
  subaction: z
    .enum(['type', 'press', 'insertText'])
    .optional()
    .describe('press (default): a key or chord; type: text key by key; insertText: text as one input event'),
  keys: z.string().min(1).optional().describe('Key or chord for press, e.g. "Control+a"'),
  text: z.string().optional().describe('Text for type and insertText'),
  delay: nonNegative.optional().describe('Milliseconds between key presses (type)'),
});

export const key = z.object({ key: z.string().min(1).describe('Key name, e.g. "Shift", "a", "ArrowDown"') });

export const inserttext = z.object({ text: z.string() });

export const mousemove = z.object({ x: z.number(), y: z.number() });

export const mousebutton = z.object({ button: mouseButton.optional() });

export const wheel = z.object({
  deltaX: z.number().optional(),
  deltaY: z.number().optional(),
  selector: selector.optional().describe('Hover this element first, so the wheel scrolls it'),
});

export const element = z.object({ selector });

export const clipboard = z.object({
  operation: z.enum(['copy', 'paste', 'read', 'write']),
  text: z.string().optional().describe('Text for write'),
});

export const dispatch = z.object({
  selector,
  event: z.string().min(1).describe('Event type, e.g. "click", "input", "dragstart"'),
  eventInit: z.record(z.string(), z.unknown()).optional().describe('Event init properties, e.g. {"bubbles":true,"detail":1}'),
});

export const drag = z.object({
  source: selector.describe('The element to drag (selector or ref)'),
  target: selector.describe('The element to drop it on (selector or ref)'),
});

export const upload = z.object({
  selector,
  files: z.union([z.string().min(1), z.array(z.string().min(1))]).describe('File path(s); relative paths resolve from the daemon’s working folder'),
});

export const multiselect = z.object({ selector, values: z.array(z.string()) });

export const setvalue = z.object({ selector, value: z.string() });

const modifiers = z.number().int().min(0).optional().describe('Bitmask: 1 Alt, 2 Ctrl, 4 Meta, 8 Shift');

/** §2.12 raw input injection (what a streaming viewer sends). */
export const inputMouse = z.object({
  type: z.enum(['mousePressed', 'mouseReleased', 'mouseMoved', 'mouseWheel']),
  x: z.number(),
  y: z.number(),
  button: z.enum(['left', 'right', 'middle', 'none']).optional(),
  clickCount: z.number().positive().optional(),
  deltaX: z.number().optional(),
  deltaY: z.number().optional(),
  modifiers,
});

export const inputKeyboard = z.object({
  type: z.enum(['keyDown', 'keyUp', 'char']),
  key: z.string().optional(),
  code: z.string().optional(),
  text: z.string().optional(),
  keyCode: z.number().int().min(0).optional().describe('Windows virtual key code (8 Backspace, 13 Enter, 37 ArrowLeft…); derived from key when absent'),
  modifiers,
});

export const inputTouch = z.object({
  type: z.enum(['touchStart', 'touchEnd', 'touchMove', 'touchCancel']),
  touchPoints: z.array(z.object({ x: z.number(), y: z.number(), id: z.number().int().optional() })),
  modifiers,
});
