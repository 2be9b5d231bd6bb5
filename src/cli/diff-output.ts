/** Human output of the `diff` commands (their data matches none of the generic output rules). */
import type { ScreenshotDiff, SnapshotDiff } from '../protocol/actions/diff.js';
import type { Painter } from './output.js';

export function formatSnapshotDiff(data: SnapshotDiff, paint: Painter): string {
  const summary = `${data.additions} added, ${data.removals} removed, ${data.unchanged} unchanged`;
  if (!data.changed) return `${paint.green('✓')} No changes ${paint.dim(`(${summary})`)}`;
  const lines = data.diff.split('\n').map((line) => (line.startsWith('+') ? paint.green(line) : line.startsWith('-') ? paint.red(line) : paint.dim(line)));
  return `${lines.join('\n')}\n${paint.dim(summary)}`;
}

export function formatScreenshotDiff(data: ScreenshotDiff, paint: Painter): string {
  const head = data.match
    ? `${paint.green('✓')} Screenshots match`
    : `${paint.red('✗')} ${data.differentPixels} of ${data.totalPixels} pixels differ (${data.mismatchPercentage}%)${data.dimensionMismatch ? ', and the sizes differ' : ''}`;
  return `${head}\n  ${paint.dim(`Diff image: ${data.diffPath}`)}`;
}
