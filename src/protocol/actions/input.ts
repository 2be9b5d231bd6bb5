// The contracts of the input actions (handlers: src/builtins/input.ts).
import { z } from '../zod.js';
import { element, mouseButton, nonNegative, selector } from '../schemas.js';
import { contract } from '../contract.js';

export const key = z.object({ key: z.string().min(1).describe('Key name, e.g. "Shift", "a", "ArrowDown"') });

export const mousebutton = z.object({ button: mouseButton.optional() });

export const modifiers = z.number().int().min(0).optional().describe('Bitmask: 1 Alt, 2 Ctrl, 4 Meta, 8 Shift');

export const dispatch = contract({
  name: 'dispatch',
  summary: 'Dispatch a DOM event on an element (bubbling, cancelable; eventInit adds properties).',
  params: z.object({
    selector,
    event: z.string().min(1).describe('Event type, e.g. "click", "input", "dragstart"'),
    eventInit: z.record(z.string(), z.unknown()).optional().describe('Event init properties, e.g. {"bubbles":true,"detail":1}'),
  }),
  group: 'interaction',
});

export const drag = contract({
  name: 'drag',
  summary: 'Drag an element onto another (mouse drag; HTML5 drag and drop works too).',
  params: z.object({
    source: selector.describe('The element to drag (selector or ref)'),
    target: selector.describe('The element to drop it on (selector or ref)'),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'drag',
      args: [
        { name: 'source', param: 'source', required: true },
        { name: 'target', param: 'target', required: true, description: 'Where to drop it: selector or ref' },
      ],
      fast: true,
      examples: ['<%= config.bin %> drag @e3 @e7', '<%= config.bin %> drag "#card-1" "#done-column"'],
    },
  ],
});

export const highlight = contract({
  name: 'highlight',
  summary: 'Outline an element in red for 3 seconds (scrolls it into view).',
  params: element,
  group: 'debug',
  cli: [
    {
      id: 'highlight',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> highlight @e3', '<%= config.bin %> highlight "#main input"'],
    },
  ],
});

export const input_keyboard = contract({
  name: 'input_keyboard',
  summary: 'Inject a raw key event (DevTools Input.dispatchKeyEvent): keyDown, keyUp or char.',
  params: z.object({
    type: z.enum(['keyDown', 'keyUp', 'char']),
    key: z.string().optional(),
    code: z.string().optional(),
    text: z.string().optional(),
    keyCode: z.number().int().min(0).optional().describe('Windows virtual key code (8 Backspace, 13 Enter, 37 ArrowLeft…); derived from key when absent'),
    modifiers,
  }),
  group: 'interaction',
});

export const input_mouse = contract({
  name: 'input_mouse',
  summary: 'Inject a raw mouse event at viewport coordinates (DevTools Input.dispatchMouseEvent).',
  /** §2.12 raw input injection (what a streaming viewer sends). */
  params: z.object({
    type: z.enum(['mousePressed', 'mouseReleased', 'mouseMoved', 'mouseWheel']),
    x: z.number(),
    y: z.number(),
    button: z.enum(['left', 'right', 'middle', 'none']).optional(),
    clickCount: z.number().positive().optional(),
    deltaX: z.number().optional(),
    deltaY: z.number().optional(),
    modifiers,
  }),
  group: 'interaction',
});

export const input_touch = contract({
  name: 'input_touch',
  summary: 'Inject a raw touch event (DevTools Input.dispatchTouchEvent); point ids default to their index.',
  params: z.object({
    type: z.enum(['touchStart', 'touchEnd', 'touchMove', 'touchCancel']),
    touchPoints: z.array(z.object({ x: z.number(), y: z.number(), id: z.number().int().optional() })),
    modifiers,
  }),
  group: 'interaction',
});

export const inserttext = contract({
  name: 'inserttext',
  summary: 'Insert text into the focused element as one input event (no key events).',
  params: z.object({ text: z.string() }),
  group: 'interaction',
  cli: [
    {
      id: 'inserttext',
      args: [{ name: 'text', param: 'text', rest: 'text', required: true, description: 'Text (the rest of the line, joined with spaces)' }],
      fast: true,
      examples: ['<%= config.bin %> inserttext "pasted text"'],
    },
  ],
});

export const keyboard = contract({
  name: 'keyboard',
  summary: 'Keyboard on the focused element: press a key or chord (default), type text key by key, or insert text.',
  params: z.object({
    subaction: z
      .enum(['type', 'press', 'insertText'])
      .optional()
      .describe('press (default): a key or chord; type: text key by key; insertText: text as one input event'),
    keys: z.string().min(1).optional().describe('Key or chord for press, e.g. "Control+a"'),
    text: z.string().optional().describe('Text for type and insertText'),
    delay: nonNegative.optional().describe('Milliseconds between key presses (type)'),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'keyboard:inserttext',
      omits: { keys: 'inserttext inserts text, it presses no keys', delay: 'inserttext is one input event' },
      summary: 'Insert text into the focused element as one input event (no key events).',
      args: [{ name: 'text', param: 'text', rest: 'text', required: true, description: 'Text (the rest of the line, joined with spaces)' }],
      fixed: { subaction: 'insertText' },
      fast: true,
      examples: ['<%= config.bin %> keyboard inserttext "héllo wörld"'],
    },
    {
      id: 'keyboard:press',
      omits: { text: 'press takes keys, not text', delay: 'a key press has no delay between keys' },
      summary: 'Press a key or chord on the focused element.',
      args: [{ name: 'keys', param: 'keys', required: true, description: 'Key or chord, e.g. Enter, Tab, Shift+ArrowDown, Control+a' }],
      fixed: { subaction: 'press' },
      fast: true,
      examples: ['<%= config.bin %> keyboard press Enter', '<%= config.bin %> keyboard press Control+a'],
    },
    {
      id: 'keyboard:type',
      omits: { keys: 'type takes text, not keys' },
      summary: 'Type text key by key into the focused element.',
      args: [{ name: 'text', param: 'text', rest: 'text', required: true, description: 'Text (the rest of the line, joined with spaces)' }],
      flags: {
        delay: { param: 'delay', description: 'Milliseconds between key presses.' },
      },
      fixed: { subaction: 'type' },
      fast: true,
      examples: ['<%= config.bin %> keyboard type hello world', '<%= config.bin %> keyboard type "slowly" --delay 50'],
    },
  ],
});

export const keydown = contract({
  name: 'keydown',
  summary: 'Hold a key down (until keyup).',
  params: key,
  group: 'interaction',
  cli: [
    {
      id: 'keydown',
      args: [{ name: 'key', param: 'key', required: true, description: 'Key name, e.g. Shift, Control, a' }],
      fast: true,
      examples: ['<%= config.bin %> keydown Shift'],
    },
  ],
});

export const keyup = contract({
  name: 'keyup',
  summary: 'Release a key held with keydown.',
  params: key,
  group: 'interaction',
  cli: [
    {
      id: 'keyup',
      args: [{ name: 'key', param: 'key', required: true, description: 'Key name, e.g. Shift, Control, a' }],
      fast: true,
      examples: ['<%= config.bin %> keyup Shift'],
    },
  ],
});

export const mousedown = contract({
  name: 'mousedown',
  summary: 'Press a mouse button at the current position.',
  params: mousebutton,
  group: 'interaction',
  cli: [
    {
      id: 'mouse:down',
      args: [{ name: 'button', param: 'button', default: 'left', description: 'Mouse button' }],
      fast: true,
      examples: ['<%= config.bin %> mouse down', '<%= config.bin %> mouse down right'],
    },
  ],
});

export const mousemove = contract({
  name: 'mousemove',
  summary: 'Move the mouse to viewport coordinates.',
  params: z.object({ x: z.number(), y: z.number() }),
  group: 'interaction',
  cli: [
    {
      id: 'mouse:move',
      args: [
        { name: 'x', param: 'x', required: true, description: 'X in CSS pixels from the viewport’s left edge' },
        { name: 'y', param: 'y', required: true, description: 'Y in CSS pixels from the top' },
      ],
      fast: true,
      examples: ['<%= config.bin %> mouse move 100 200'],
    },
  ],
});

export const mouseup = contract({
  name: 'mouseup',
  summary: 'Release a mouse button.',
  params: mousebutton,
  group: 'interaction',
  cli: [
    {
      id: 'mouse:up',
      args: [{ name: 'button', param: 'button', default: 'left', description: 'Mouse button' }],
      fast: true,
      examples: ['<%= config.bin %> mouse up', '<%= config.bin %> mouse up right'],
    },
  ],
});

export const tap = contract({
  name: 'tap',
  summary: 'Tap an element like a finger (touch events, then click); works on desktop contexts too.',
  params: element,
  group: 'interaction',
  cli: [
    {
      id: 'tap',
      args: [{ name: 'selector', param: 'selector', required: true }],
      fast: true,
      examples: ['<%= config.bin %> tap @e5', '<%= config.bin %> tap "#main input"'],
    },
  ],
});

export const wheel = contract({
  name: 'wheel',
  summary: 'Turn the mouse wheel (over an element when a selector is given).',
  params: z.object({
    deltaX: z.number().optional(),
    deltaY: z.number().optional(),
    selector: selector.optional().describe('Hover this element first, so the wheel scrolls it'),
  }),
  group: 'interaction',
  cli: [
    {
      id: 'mouse:wheel',
      args: [
        { name: 'dy', param: 'deltaY', default: 100, description: 'Vertical delta in pixels' },
        { name: 'dx', param: 'deltaX', description: 'Horizontal delta in pixels' },
      ],
      flags: {
        selector: { param: 'selector', char: 's', description: 'Hover this element (selector or ref) first.' },
      },
      fast: true,
      examples: ['<%= config.bin %> mouse wheel', '<%= config.bin %> mouse wheel -300', '<%= config.bin %> mouse wheel 200 0 -s "#list"'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [
  dispatch,
  drag,
  highlight,
  input_keyboard,
  input_mouse,
  input_touch,
  inserttext,
  keyboard,
  keydown,
  keyup,
  mousedown,
  mousemove,
  mouseup,
  tap,
  wheel,
];
