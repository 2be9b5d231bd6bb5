// The contracts of the scripting actions (handlers: src/builtins/scripting.ts): JavaScript and CSS run in or added to the page.
import { z } from '../zod.js';
import { contract } from '../contract.js';

/** `addscript` / `addstyle`: inline content or a URL to load (one of them is required). */
export const tag = z.object({ content: z.string().min(1).optional(), url: z.string().min(1).optional() });

export const addinitscript = contract({
  name: 'addinitscript',
  summary: 'Add a script that runs in every page of the session before its own scripts (from the next navigation on).',
  params: z.object({ script: z.string().min(1) }),
  group: 'scripting',
});

export const addscript = contract({
  name: 'addscript',
  summary: 'Add a <script> to the active frame: inline content or a URL to load.',
  params: tag,
  group: 'scripting',
});

export const addstyle = contract({
  name: 'addstyle',
  summary: 'Add a stylesheet to the active frame: inline CSS or a URL to load.',
  params: tag,
  group: 'scripting',
});

export const expose = contract({
  name: 'expose',
  summary: 'Expose window[name](...args) to every page; it resolves to "Function <name> called". Exposing a name again reports its calls.',
  params: z.object({
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z_$][\w$]*$/, 'expected a JavaScript identifier'),
  }),
  group: 'scripting',
  cli: [
    {
      id: 'inject:expose',
      output: 'json',
      args: [{ name: 'name', param: 'name', required: true, description: 'Function name (a JavaScript identifier)' }],
      aliases: ['expose'],
      fast: true,
      examples: ['<%= config.bin %> inject expose notifyDone', '<%= config.bin %> inject expose notifyDone --json'],
    },
  ],
});

export const evaluate = contract({
  name: 'evaluate',
  summary:
    'Evaluate a JavaScript expression in the page and return its result as JSON (DOM objects as "ref: <Node>", a BigInt as its digits, a cycle as "[Circular]"). With a non-empty args, the expression must be a function and is called with them.',
  params: z.object({ script: z.string().min(1), args: z.array(z.unknown()).optional() }),
  group: 'core',
  cli: [
    {
      id: 'eval',
      omits: { args: "function arguments as JSON: send them with 'run evaluate --params'" },
      args: [{ name: 'script', param: 'script', rest: 'text', required: true, description: 'Expression (the rest of the line, joined with spaces)' }],
      fast: true,
      examples: ['<%= config.bin %> eval document.title', '<%= config.bin %> eval "[...document.querySelectorAll(\'a\')].length"'],
    },
  ],
});

export const evalhandle = contract({
  name: 'evalhandle',
  summary: 'Evaluate a JavaScript expression and return its value as JSON, or "Handle (non-serializable)" for values JSON cannot hold.',
  params: z.object({ script: z.string().min(1) }),
  group: 'scripting',
  cli: [
    {
      id: 'evalhandle',
      args: [{ name: 'script', param: 'script', rest: 'text', required: true, description: 'Expression (the rest of the line, joined with spaces)' }],
      fast: true,
      examples: ['<%= config.bin %> evalhandle "document.body"', '<%= config.bin %> evalhandle "({a: 1, b: [2, 3]})"'],
    },
  ],
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [addinitscript, addscript, addstyle, expose, evaluate, evalhandle];
