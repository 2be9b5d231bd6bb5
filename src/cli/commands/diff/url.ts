import { Args, Flags } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, type Parsed } from '../../base.js';
import { paramOptions } from '../../specs.js';
import { formatScreenshotDiff, formatSnapshotDiff } from '../../diff-output.js';
import type { ScreenshotDiff, SnapshotDiff } from '../../../protocol/actions/diff.js';
import { colorEnabled, painter } from '../../output.js';
import { normalizeUrl } from '../../requests.js';

export default class DiffUrl extends ActionCommand {
  static override actions = ['diff_url'];
  static override summary = 'Open two URLs in turn and show how their snapshots (and, with --screenshot, their screenshots) differ.';
  static override examples = [
    '<%= config.bin %> diff url example.com/v1 example.com/v2',
    '<%= config.bin %> diff url http://localhost:3000 https://staging.example.com --screenshot --full',
  ];
  static override args = {
    url1: Args.string({ description: 'First URL (the baseline)', required: true }),
    url2: Args.string({ description: 'Second URL', required: true }),
  };
  static override flags = {
    screenshot: Flags.boolean({ description: 'Also compare screenshots of both pages.' }),
    full: Flags.boolean({ char: 'f', description: 'Full-page screenshots.' }),
    'wait-until': Flags.string({ description: 'When each page counts as loaded.', options: paramOptions('diff_url', 'waitUntil') }),
    selector: Flags.string({ char: 's', description: 'Compare only this element (snapshot subtree and screenshot).' }),
    compact: Flags.boolean({ char: 'c', description: 'Compact snapshots.' }),
    depth: Flags.integer({ char: 'd', description: 'Only snapshot lines up to this depth.', min: 0 }),
  };

  protected request({ args, flags }: Parsed<typeof DiffUrl>) {
    return {
      action: 'diff_url',
      url1: normalizeUrl(args.url1),
      url2: normalizeUrl(args.url2),
      screenshot: flags.screenshot || undefined,
      fullPage: flags.full || undefined,
      waitUntil: flags['wait-until'],
      selector: flags.selector,
      compact: flags.compact || undefined,
      maxDepth: flags.depth,
    };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const data = response.data as { snapshot: SnapshotDiff; screenshot?: ScreenshotDiff };
    const paint = painter(colorEnabled(process.stdout));
    const parts = [formatSnapshotDiff(data.snapshot, paint)];
    if (data.screenshot) parts.push(formatScreenshotDiff(data.screenshot, paint));
    process.stdout.write(`${parts.join('\n')}\n`);
  }
}
