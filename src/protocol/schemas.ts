import type { z as Zod } from 'zod';
import { isCdpUrl, isWsEndpoint } from './remote.js';
import { z } from './zod.js';

/**
 * Param schemas of the built-in actions, with the reference daemon's exact field names.
 * One source of truth: the daemon validates with them, `actions` lists them, and help text
 * is derived from them.
 */
export const selector = z.string().min(1).describe('CSS, Playwright selector (text=, role=, xpath=) or a snapshot ref (@e3, ref=e3, e3)');
export const positive = z.number().positive();
/** A file the daemon reads or writes; NUL cannot be in a path on any system. */
export const filePath = z
  .string()
  .min(1)
  .refine((value) => !value.includes('\0'), 'a file path cannot contain NUL characters');
export const nonNegative = z.number().min(0);
export const waitUntil = z.enum(['load', 'domcontentloaded', 'networkidle']);
export const mouseButton = z.enum(['left', 'right', 'middle']);
export const viewport = z.object({ width: positive, height: positive });

export const launch = z.object({
  headless: z.boolean().optional(),
  viewport: viewport.optional(),
  browser: z.enum(['chromium', 'firefox', 'webkit']).optional(),
  cdpPort: z.number().int().min(1).max(65535).optional().describe('Attach to the Chrome listening for CDP on this 127.0.0.1 port instead of launching one'),
  cdpUrl: z
    .string()
    .refine(isCdpUrl, 'must be a URL starting with ws://, wss://, http:// or https://')
    .optional()
    .describe('Attach to the Chrome at this CDP URL (http://host:9222, ws://…/devtools/browser/…, wss://…?token=…)'),
  wsEndpoint: z
    .string()
    .refine(isWsEndpoint, 'must be a URL starting with ws:// or wss://')
    .optional()
    .describe('Attach to the Playwright browser server at this ws:// endpoint'),
  executablePath: z.string().optional(),
  extensions: z.array(z.string()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  args: z.array(z.string()).optional(),
  proxy: z.object({ server: z.string().min(1), bypass: z.string().optional(), username: z.string().optional(), password: z.string().optional() }).optional(),
});

export const navigate = z.object({
  url: z.string().min(1),
  waitUntil: waitUntil.optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const none = z.object({});

export const content = z.object({ selector: selector.optional() });

export const click = z.object({
  selector,
  button: mouseButton.optional(),
  clickCount: positive.optional(),
  delay: nonNegative.optional(),
  newTab: z.boolean().optional().describe("Open the link's href in a new tab (made active) instead of clicking it"),
});

export const element = z.object({ selector });

export const fill = z.object({ selector, value: z.string() });

export const type = z.object({ selector, text: z.string(), delay: nonNegative.optional(), clear: z.boolean().optional() });

export const press = z.object({ key: z.string().min(1), selector: selector.optional() });

export const select = z.object({ selector, values: z.union([z.string(), z.array(z.string())]) });

export const scroll = z.object({
  selector: selector.optional(),
  x: z.number().optional(),
  y: z.number().optional(),
  direction: z.enum(['up', 'down', 'left', 'right']).optional(),
  amount: positive.optional(),
});

export const wait = z.object({
  selector: selector.optional(),
  timeout: positive.optional(),
  state: z.enum(['attached', 'detached', 'visible', 'hidden']).optional(),
  text: z.string().min(1).optional(),
});

export const waitforurl = z.object({ url: z.string().min(1).describe('URL glob (**/done), regex (/done$/) or exact URL'), timeout: positive.optional() });

export const waitforloadstate = z.object({ state: waitUntil, timeout: positive.optional() });

export const waitforfunction = z.object({ expression: z.string().min(1).describe('JavaScript expression that becomes truthy'), timeout: positive.optional() });

export const evaluate = z.object({ script: z.string().min(1), args: z.array(z.unknown()).optional() });

export const snapshot = z.object({
  interactive: z.boolean().optional(),
  maxDepth: nonNegative.optional(),
  compact: z.boolean().optional(),
  selector: selector.optional(),
  cursor: z.boolean().optional(),
});

export const screenshot = z.object({
  path: filePath
    .optional()
    .describe(
      'File to write. Without it the answer is {base64}, unless annotate or screenshotDir is sent (then a file is saved in screenshotDir or the temp folder)',
    ),
  fullPage: z.boolean().optional(),
  selector: selector.optional(),
  format: z.enum(['png', 'jpeg']).optional(),
  quality: z.number().min(0).max(100).optional(),
  annotate: z
    .boolean()
    .optional()
    .describe('Number the interactive elements on the image; the answer lists each number with its ref (a fresh interactive snapshot)'),
  screenshotDir: filePath.optional().describe('Folder for a screenshot sent without a path (a generated file name)'),
});

export const getattribute = z.object({ selector, attribute: z.string().min(1) });

export type Params<S extends Zod.ZodType> = Zod.infer<S>;

/** One line per problem: `field: what was expected`, the way agents can fix a call. */
export function describeIssues(error: Zod.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(request)';
      return `${field}: ${describeIssue(issue)}`;
    })
    .join('; ');
}

function describeIssue(issue: Zod.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return `required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${typeName(received)}`;
  }
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') {
    const expected = new Set(issue.errors.flat().map((branch) => (branch.code === 'invalid_type' ? branchName(branch) : branch.message)));
    return `expected ${[...expected].join(' or ')}`;
  }
  if (issue.code === 'too_small') {
    if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'expected a non-empty string';
    return `expected ${issue.origin} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
  }
  if (issue.code === 'too_big') return `expected ${issue.origin} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
  return issue.message;
}

function branchName(issue: Zod.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return issue.message;
  return issue.path.length > 0 ? `array of ${issue.expected}s` : issue.expected;
}

/** Validates action fields; `reportInput` lets messages say what was received. */
export function validate<S extends Zod.ZodType>(schema: S, fields: unknown): { ok: true; value: Zod.infer<S> } | { ok: false; message: string } {
  const result = schema.safeParse(fields, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, message: describeIssues(result.error) };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export { z };
