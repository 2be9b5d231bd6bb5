import type { z as Zod } from 'zod';

import { closestNames } from './suggest.js';
import { z } from './zod.js';

/**
 * Param schemas of the built-in actions, with the reference daemon's exact field names.
 * One source of truth: the daemon validates with them, `actions` lists them, and help text
 * is derived from them.
 */
export const selector = z.string().min(1).describe('Ref (@e3) or CSS/Playwright selector');
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

export const none = z.object({});

export const element = z.object({ selector });

export type Params<S extends Zod.ZodType> = Zod.infer<S>;

/**
 * One line per problem: `field: what was expected`, the way agents can fix a call. With the schema,
 * an unknown field names the closest known one.
 */
export function describeIssues(error: Zod.ZodError, schema?: Zod.ZodType): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(request)';
      return `${field}: ${describeIssue(issue, schema)}`;
    })
    .join('; ');
}

/** zod's own wording starts like this; any other message is the schema author's, and is kept. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized key|Expected|Required)/;

/** The field names of an object schema at the top level. */
function knownFields(schema: Zod.ZodType | undefined): string[] {
  const shape = (schema as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

function describeIssue(issue: Zod.core.$ZodIssue, schema?: Zod.ZodType): string {
  if (issue.message && !ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
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
  if (issue.code === 'unrecognized_keys') {
    const known = issue.path.length === 0 ? knownFields(schema) : [];
    const hints = issue.keys.flatMap((key) => closestNames(key, known, { limit: 1 }).map((close) => `"${key}" → "${close}"`));
    return `unknown field(s) ${issue.keys.join(', ')}${hints.length > 0 ? ` (did you mean ${hints.join(', ')}?)` : known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`;
  }
  return issue.message;
}

function branchName(issue: Zod.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return issue.message;
  return issue.path.length > 0 ? `array of ${issue.expected}s` : issue.expected;
}

/** Validates action fields; `reportInput` lets messages say what was received. */
export function validate<S extends Zod.ZodType>(schema: S, fields: unknown): { ok: true; value: Zod.infer<S> } | { ok: false; message: string } {
  const result = schema.safeParse(fields, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, message: describeIssues(result.error, schema) };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export { z };
