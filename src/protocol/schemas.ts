import type { z as Zod } from 'zod';

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

export const none = z.object({});

export const element = z.object({ selector });

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
