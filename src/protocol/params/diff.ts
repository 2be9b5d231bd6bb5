import { nonNegative, selector, waitUntil, z } from '../schemas.js';

export const diffSnapshot = z.object({
  baseline: z.string().min(1).optional(),
  selector: selector.optional(),
  compact: z.boolean().optional(),
  maxDepth: nonNegative.optional(),
});

export const diffScreenshot = z.object({
  baseline: z.string().min(1),
  output: z.string().min(1).optional(),
  threshold: z.number().min(0).max(1).optional(),
  selector: selector.optional(),
  fullPage: z.boolean().optional(),
});

export const diffUrl = z.object({
  url1: z.string().min(1),
  url2: z.string().min(1),
  screenshot: z.boolean().optional(),
  fullPage: z.boolean().optional(),
  waitUntil: waitUntil.optional(),
  selector: selector.optional(),
  compact: z.boolean().optional(),
  maxDepth: nonNegative.optional(),
});

/** What `diff_snapshot` answers. */
export interface SnapshotDiff {
  diff: string;
  additions: number;
  removals: number;
  unchanged: number;
  changed: boolean;
}

/** What `diff_screenshot` answers. */
export interface ScreenshotDiff {
  diffPath: string;
  totalPixels: number;
  differentPixels: number;
  mismatchPercentage: number;
  match: boolean;
  dimensionMismatch?: boolean;
}
