/**
 * Named stages for `tap({ name, stage })`: tapable runs the taps of a hook from the lowest stage up,
 * and taps of the same stage in the order plugins were applied (built-ins first).
 */
export const STAGE = {
  /** Ahead of every implementation and override of an action: a gate that may answer instead (confirmations). */
  GATE: Number.MIN_SAFE_INTEGER,
  /** Where an action defined with `override: true` taps, so it runs before the one it replaces. */
  OVERRIDE: -10,
  /** What a tap without a stage gets. */
  DEFAULT: 0,
  /** After the usual taps: sees the call or the result as the other plugins left it (policies, guards). */
  LATE: 100,
  /** Last of all: sees what the client receives (recorders of the final text, redaction of answers). */
  FINAL: 1000,
} as const;
