/**
 * Stable, machine-readable error codes carried as `code` beside `error` in failed responses.
 * Serde-based clients ignore the extra key; agents and harnesses can branch on it.
 */
export const ErrorCodes = [
  'INVALID_JSON',
  'UNKNOWN_ACTION',
  'INVALID_PARAMS',
  'UNKNOWN_REF',
  'STALE_REF',
  'ELEMENT_NOT_FOUND',
  'ELEMENT_BLOCKED',
  'ELEMENT_NOT_VISIBLE',
  'ELEMENT_DISABLED',
  'ELEMENT_NOT_EDITABLE',
  'ELEMENT_OUTSIDE_VIEWPORT',
  'WRONG_ELEMENT',
  'OPTION_NOT_FOUND',
  'AMBIGUOUS_SELECTOR',
  'TIMEOUT',
  'NAVIGATION_FAILED',
  'NAVIGATION_BLOCKED',
  'EVALUATION_FAILED',
  'BROWSER_NOT_FOUND',
  'BROWSER_LAUNCH_FAILED',
  'BROWSER_CONNECT_FAILED',
  'BROWSER_CLOSED',
  'TAB_CLOSED',
  'CANCELLED',
  'PLUGIN_FAILED',
  'NOT_SUPPORTED',
  'UNAUTHORIZED',
  'LINE_TOO_LONG',
  'INTERNAL',
  'FILE_NOT_FOUND',
  'FILE_ERROR',
  'NOT_STARTED',
  'ALREADY_STARTED',
  'FILE_EXISTS',
  'TAB_NOT_FOUND',
  'FRAME_NOT_FOUND',
  'PORT_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/**
 * An error that crosses the wire as `{success:false, error: message, code}`.
 * Throw it from a handler or hook when you know what went wrong and what the user should do.
 */
export class ActionError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionError';
    this.code = code;
  }
}

export function isActionError(error: unknown): error is ActionError {
  return (
    error instanceof ActionError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { name?: unknown }).name === 'ActionError' &&
      typeof (error as { code?: unknown }).code === 'string')
  );
}

// Playwright call logs carry ANSI dim codes; wire messages must be plain text.
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}
