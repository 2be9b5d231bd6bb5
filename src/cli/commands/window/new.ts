import { Flags } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class WindowNew extends ActionCommand {
  static override actions = ['window_new'];
  static override summary = 'Open a new window: a separate browser context (own cookies and storage) whose tab becomes active.';
  static override examples = ['<%= config.bin %> window new', '<%= config.bin %> window new --viewport 390x844'];
  static override flags = { viewport: Flags.string({ description: 'Viewport of the new window, WIDTHxHEIGHT (default: the configured viewport).' }) };

  protected request({ flags }: Parsed<typeof WindowNew>) {
    if (typeof flags.viewport !== 'string') return { action: 'window_new' };
    const match = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(flags.viewport);
    if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0)
      throw new CliFailure(`--viewport must be WIDTHxHEIGHT in pixels, e.g. 1280x720; got "${flags.viewport}".`);
    return { action: 'window_new', viewport: { width: Number(match[1]), height: Number(match[2]) } };
  }
}
