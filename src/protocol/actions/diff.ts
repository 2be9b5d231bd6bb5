// The contracts of the diff actions (handlers: src/builtins/diff.ts).
import { z } from '../zod.js';
import { nonNegative, selector, waitUntil } from '../schemas.js';
import { contract } from '../contract.js';

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

export const diff_screenshot = contract({
  name: 'diff_screenshot',
  summary: 'Take a screenshot and compare it pixel by pixel with a baseline PNG; writes a diff image with changes in red.',
  params: z.object({
    baseline: z.string().min(1),
    output: z.string().min(1).optional(),
    threshold: z.number().min(0).max(1).optional(),
    selector: selector.optional(),
    fullPage: z.boolean().optional(),
  }),
  group: 'debug',
});

export const diff_snapshot = contract({
  name: 'diff_snapshot',
  summary: 'Take a snapshot and diff it against a baseline file or this session’s previous snapshot (+ added, - removed lines).',
  params: z.object({
    baseline: z.string().min(1).optional(),
    selector: selector.optional(),
    compact: z.boolean().optional(),
    maxDepth: nonNegative.optional(),
  }),
  group: 'debug',
});

export const diff_url = contract({
  name: 'diff_url',
  summary: 'Open two URLs in turn and diff their snapshots (and, with screenshot:true, their screenshots).',
  params: z.object({
    url1: z.string().min(1),
    url2: z.string().min(1),
    screenshot: z.boolean().optional(),
    fullPage: z.boolean().optional(),
    waitUntil: waitUntil.optional(),
    selector: selector.optional(),
    compact: z.boolean().optional(),
    maxDepth: nonNegative.optional(),
  }),
  group: 'debug',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [diff_screenshot, diff_snapshot, diff_url];
