import { ActionError, type ErrorCode, isActionError, stripAnsi } from './errors.js';

/** A request line as it arrives: `{"id": "...", "action": "...", ...fields}`. */
export interface WireRequest {
  id?: unknown;
  action?: unknown;
  [field: string]: unknown;
}

export interface SuccessResponse {
  id: string;
  success: true;
  data: unknown;
  /** Set by plugin actions that name the result field the CLI prints as is. */
  print?: string;
}

export interface ErrorResponse {
  id: string;
  success: false;
  error: string;
  code: ErrorCode;
}

export type WireResponse = SuccessResponse | ErrorResponse;

/** The id used when a line could not be parsed at all. */
export const UNPARSED_ID = 'unknown';

let generatedIds = 0;
const idPrefix = Math.random().toString(36).slice(2, 8);

/**
 * The id a response carries: the request's own string id, the string form of a number,
 * or a generated one when the client sent none (the oqto-browser `command` subcommand).
 */
export function responseId(raw: unknown): string {
  if (typeof raw === 'string' && raw.length > 0) return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  generatedIds += 1;
  return `gen-${idPrefix}-${generatedIds}`;
}

export function success(id: string, data: unknown): SuccessResponse {
  return { id, success: true, data: data ?? {} };
}

export function failure(id: string, error: unknown, fallbackCode: ErrorCode = 'INTERNAL'): ErrorResponse {
  if (isActionError(error)) return { id, success: false, error: stripAnsi(error.message), code: error.code };
  const message = error instanceof Error ? error.message : String(error);
  return { id, success: false, error: stripAnsi(message), code: fallbackCode };
}

/** Protocol §3: optional fields accept `null` as absent. */
export function dropNulls(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

/** Splits a parsed request into its envelope and its action fields. */
export function splitRequest(request: WireRequest): { id: string; action: unknown; params: Record<string, unknown> } {
  const { id, action, ...rest } = request;
  return { id: responseId(id), action, params: dropNulls(rest) };
}

export { ActionError };
