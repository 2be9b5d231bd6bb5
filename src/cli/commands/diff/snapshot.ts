import path from 'node:path';
import { Flags } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, type Parsed } from '../../base.js';
import { formatSnapshotDiff } from '../../diff-output.js';
import type { SnapshotDiff } from '../../../protocol/actions/diff.js';
import { colorEnabled, painter } from '../../output.js';

export default class DiffSnapshot extends ActionCommand {
  static override actions = ['diff_snapshot'];
  static override summary = 'Take a snapshot and show what changed since the previous one (or a baseline file): + added, - removed lines.';
  static override description =
    'Ref numbers are ignored when lines are matched, so an element added at the top does not mark every later line as changed. The new snapshot becomes the baseline of the next diff, and its refs are current.';
  static override examples = [
    '<%= config.bin %> snapshot && <%= config.bin %> click @e3 && <%= config.bin %> diff snapshot',
    '<%= config.bin %> diff snapshot --baseline before.txt -s "#main" -c',
  ];
  static override flags = {
    baseline: Flags.string({
      char: 'b',
      description: 'Compare with this file (snapshot text, or the JSON of `snapshot --json`) instead of the previous snapshot.',
    }),
    selector: Flags.string({ char: 's', description: 'Snapshot only this element’s subtree.' }),
    compact: Flags.boolean({ char: 'c', description: 'Compact snapshot (drop unnamed structural lines).' }),
    depth: Flags.integer({ char: 'd', description: 'Only lines up to this depth.', min: 0 }),
  };

  protected request({ flags }: Parsed<typeof DiffSnapshot>) {
    return {
      action: 'diff_snapshot',
      baseline: typeof flags.baseline === 'string' ? path.resolve(flags.baseline) : undefined,
      selector: flags.selector,
      compact: flags.compact || undefined,
      maxDepth: flags.depth,
    };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    process.stdout.write(`${formatSnapshotDiff(response.data as SnapshotDiff, painter(colorEnabled(process.stdout)))}\n`);
  }
}
