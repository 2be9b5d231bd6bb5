import path from 'node:path';
import { Flags } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, numberFlag, type Parsed } from '../../base.js';
import { formatScreenshotDiff } from '../../diff-output.js';
import type { ScreenshotDiff } from '../../../protocol/actions/diff.js';
import { colorEnabled, painter } from '../../output.js';

export default class DiffScreenshot extends ActionCommand {
  static override actions = ['diff_screenshot'];
  static override summary = 'Compare a new screenshot with a baseline PNG pixel by pixel and write a diff image (changes in red).';
  static override examples = [
    '<%= config.bin %> screenshot before.png && <%= config.bin %> diff screenshot --baseline before.png',
    '<%= config.bin %> diff screenshot --baseline card.png -s @e4 --output card-diff.png --threshold 0.2',
  ];
  static override flags = {
    baseline: Flags.string({ char: 'b', description: 'Baseline PNG.', required: true }),
    output: Flags.string({ char: 'o', description: 'Where to write the diff image (default: a file in the temp folder).' }),
    threshold: numberFlag('threshold', { char: 't', description: 'Per-pixel colour tolerance 0-1 (default 0.1).', min: 0, max: 1 }),
    selector: Flags.string({ char: 's', description: 'Capture only this element.' }),
    full: Flags.boolean({ char: 'f', description: 'Capture the whole scrollable page.' }),
  };

  protected request({ flags }: Parsed<typeof DiffScreenshot>) {
    const threshold = flags.threshold;
    return {
      action: 'diff_screenshot',
      baseline: path.resolve(flags.baseline),
      output: typeof flags.output === 'string' ? path.resolve(flags.output) : undefined,
      threshold,
      selector: flags.selector,
      fullPage: flags.full || undefined,
    };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    process.stdout.write(`${formatScreenshotDiff(response.data as ScreenshotDiff, painter(colorEnabled(process.stdout)))}\n`);
  }
}
