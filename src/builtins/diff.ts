import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PNG } from 'pngjs';
import { defineAction, definePlugin } from '../host/define.js';
import { STAGE } from '../host/stages.js';
import type { ActionContext, SnapshotOptions } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import type { ScreenshotDiff, SnapshotDiff } from '../protocol/actions/diff.js';
import * as contracts from '../protocol/actions/diff.js';

/**
 * Diffs: a snapshot against a baseline file or the session's last snapshot, a screenshot against a
 * baseline PNG (with a diff image), and two URLs against each other.
 */
export default definePlugin({
  name: 'agent-browser:diff',
  apply(host) {
    /** The text of the last snapshot this session took (any action that ran the snapshot hook). */
    let lastSnapshot: string | null = null;
    // A late stage: the text as the client received it, after every other plugin's transformation.
    host.hooks.snapshot.tap({ name: host.name, stage: STAGE.FINAL }, (snapshot) => {
      lastSnapshot = snapshot.tree;
      return snapshot;
    });

    /** Takes a snapshot through the `snapshot` action itself, so refs are refreshed and plugins see it. */
    const takeSnapshot = async (ctx: ActionContext, options: SnapshotOptions): Promise<string> => {
      const result = await ctx.run('snapshot', { ...options });
      return typeof result.snapshot === 'string' ? result.snapshot : '';
    };

    host.addAction(
      defineAction({
        ...contracts.diff_snapshot,
        async handler({ baseline, selector, compact, maxDepth }, ctx) {
          const before = baseline ? await readSnapshotFile(baseline) : lastSnapshot;
          if (before === null) throw new ActionError('NOT_STARTED', 'No previous snapshot in this session. Take a snapshot first, or use --baseline <file>.');
          const after = await takeSnapshot(ctx, { selector, compact, maxDepth });
          return { ...diffLines(before, after) };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.diff_screenshot,
        async handler({ baseline, output, threshold, selector, fullPage }, ctx) {
          const expected = await readPng(baseline);
          const actual = await screenshot(ctx, { selector, fullPage });
          return { ...(await comparePngs(expected, actual, { threshold, output })) };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.diff_url,
        async handler({ url1, url2, screenshot: withScreenshot, fullPage, waitUntil, selector, compact, maxDepth }, ctx) {
          const visit = async (url: string) => {
            // Through the navigate action itself: policy plugins see it, and its error advice applies.
            await ctx.run('navigate', { url, waitUntil });
            // With link URLs, as the reference prints them: where two pages' links lead is part of how they differ.
            const snapshot = await takeSnapshot(ctx, { selector, compact, maxDepth, urls: true });
            const image = withScreenshot ? await screenshot(ctx, { selector, fullPage }) : null;
            return { snapshot, image };
          };
          const first = await visit(url1);
          const second = await visit(url2);
          const result: Record<string, unknown> = { snapshot: diffLines(first.snapshot, second.snapshot) };
          if (first.image && second.image) result.screenshot = await comparePngs((await imageLibraries()).PNG.sync.read(first.image), second.image, {});
          return result;
        },
      }),
    );
  },
});

async function screenshot(ctx: ActionContext, { selector, fullPage }: { selector?: string; fullPage?: boolean }): Promise<Buffer> {
  if (selector) return ctx.element(selector, (el) => el.screenshot({ type: 'png', timeout: ctx.timeout }));
  return (await ctx.page()).screenshot({ type: 'png', fullPage: fullPage ?? false, timeout: ctx.timeout });
}

/** A baseline snapshot: the text itself, or the JSON of `snapshot --json` / a raw `{snapshot}` answer. */
async function readSnapshotFile(file: string): Promise<string> {
  const text = await readBaseline(file, 'utf8');
  if (/^\s*\{/.test(text)) {
    try {
      const parsed = JSON.parse(text) as { snapshot?: unknown; data?: { snapshot?: unknown } };
      const snapshot = parsed.data?.snapshot ?? parsed.snapshot;
      if (typeof snapshot === 'string') return snapshot;
    } catch {
      // Not JSON after all: compare the text as it is.
    }
  }
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** pngjs and pixelmatch, loaded by the first image comparison rather than at daemon start. */
async function imageLibraries(): Promise<{ PNG: typeof PNG; pixelmatch: typeof import('pixelmatch').default }> {
  const [{ PNG }, { default: pixelmatch }] = await Promise.all([import('pngjs'), import('pixelmatch')]);
  return { PNG, pixelmatch };
}

async function readPng(file: string): Promise<PNG> {
  const bytes = await readBaseline(file);
  const { PNG } = await imageLibraries();
  try {
    return PNG.sync.read(bytes);
  } catch (error) {
    throw new ActionError(
      'INVALID_PARAMS',
      `Baseline ${path.resolve(file)} is not a PNG image (${(error as Error).message}). Save one with 'screenshot <path>.png'.`,
      { cause: error },
    );
  }
}

async function readBaseline(file: string): Promise<Buffer>;
async function readBaseline(file: string, encoding: 'utf8'): Promise<string>;
async function readBaseline(file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  const resolved = path.resolve(file);
  try {
    return encoding ? await fs.readFile(resolved, encoding) : await fs.readFile(resolved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ActionError('FILE_NOT_FOUND', `Baseline file not found: ${resolved}`, { cause: error });
    throw error;
  }
}

/**
 * Compares two images with pixelmatch. Images of different sizes are compared on a canvas of the
 * larger size, where the area only one of them covers counts as different.
 */
export async function comparePngs(expected: PNG, actualBytes: Buffer, options: { threshold?: number; output?: string }): Promise<ScreenshotDiff> {
  const { PNG, pixelmatch } = await imageLibraries();
  const actual = PNG.sync.read(actualBytes);
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const dimensionMismatch = expected.width !== actual.width || expected.height !== actual.height;
  const a = dimensionMismatch ? padded(PNG, expected, width, height) : expected;
  const b = dimensionMismatch ? padded(PNG, actual, width, height) : actual;
  const diff = new PNG({ width, height });
  const differentPixels = pixelmatch(a.data, b.data, diff.data, width, height, { threshold: options.threshold ?? 0.1 });
  const totalPixels = width * height;
  const diffPath = path.resolve(
    options.output ?? path.join(os.tmpdir(), 'agent-browser', 'diffs', `diff-${new Date().toISOString().replace(/[:.]/g, '-')}.png`),
  );
  await fs.mkdir(path.dirname(diffPath), { recursive: true });
  await fs.writeFile(diffPath, PNG.sync.write(diff));
  const mismatchPercentage = totalPixels === 0 ? 0 : Math.round((differentPixels / totalPixels) * 10_000) / 100;
  return {
    diffPath,
    totalPixels,
    differentPixels,
    mismatchPercentage,
    match: differentPixels === 0 && !dimensionMismatch,
    ...(dimensionMismatch ? { dimensionMismatch: true } : {}),
  };
}

/** The image on a larger canvas; uncovered pixels are opaque magenta so they always differ from page content. */
function padded(Png: typeof PNG, image: PNG, width: number, height: number): PNG {
  const out = new Png({ width, height });
  for (let i = 0; i < out.data.length; i += 4) {
    out.data[i] = 255;
    out.data[i + 1] = 0;
    out.data[i + 2] = 255;
    out.data[i + 3] = 255;
  }
  Png.bitblt(image, out, 0, 0, image.width, image.height, 0, 0);
  return out;
}

const REF = / \[ref=e\d+\]/g;

/**
 * A line diff (Myers) of two snapshots as the agent-browser CLIs print it: `- ` for removed, `+ ` for
 * added and `  ` for unchanged lines, with no hunk headers (the CLIs would print them as text). Only
 * three unchanged lines around each change are shown; a `  …` line stands for the unchanged lines
 * left out between two changes. Ref numbers are ignored when matching lines (a new element
 * renumbers every ref after it), and lines are shown as in the new snapshot, refs included.
 */
export function diffLines(before: string, after: string): SnapshotDiff {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  const ops = myers(
    a.map((line) => line.replace(REF, '')),
    b.map((line) => line.replace(REF, '')),
  );
  let additions = 0;
  let removals = 0;
  let unchanged = 0;
  for (const op of ops) {
    if (op.kind === '+') additions += 1;
    else if (op.kind === '-') removals += 1;
    else unchanged += 1;
  }
  return { diff: unified(ops, a, b), additions, removals, unchanged, changed: additions + removals > 0 };
}

interface Op {
  kind: ' ' | '+' | '-';
  /** Index in the old lines (for ' ' and '-'). */
  ai: number;
  /** Index in the new lines (for ' ' and '+'). */
  bi: number;
}

/** Myers' O((N+M)·D) shortest edit script, as a list of keep / add / remove operations. */
function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    // The frontier after d-1 edits; only diagonals -d..d can be read when walking back from d.
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const frontier = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && frontier[d + k - 1]! < frontier[d + k + 1]!) ? k + 1 : k - 1;
    const prevX = frontier[d + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', ai: x, bi: y });
    }
    if (x === prevX) {
      y--;
      ops.push({ kind: '+', ai: x, bi: y });
    } else {
      x--;
      ops.push({ kind: '-', ai: x, bi: y });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', ai: x, bi: y });
  }
  return ops.reverse();
}

const CONTEXT = 3;
const SKIPPED = '  …';

function unified(ops: Op[], a: string[], b: string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change that is
    // at most 2·CONTEXT unchanged lines away from the previous one.
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    let j = i;
    while (j < ops.length) {
      if (ops[j]!.kind !== ' ') {
        end = j;
        j++;
        continue;
      }
      let run = j;
      while (run < ops.length && ops[run]!.kind === ' ') run++;
      if (run >= ops.length || run - j > 2 * CONTEXT) break;
      j = run;
    }
    const stop = Math.min(ops.length, end + 1 + CONTEXT);
    const slice = ops.slice(start, stop);
    if (out.length > 0) out.push(SKIPPED);
    for (const op of slice) out.push(op.kind === '-' ? `- ${a[op.ai]}` : op.kind === '+' ? `+ ${b[op.bi]}` : `  ${b[op.bi]}`);
    i = stop;
  }
  return out.join('\n');
}
