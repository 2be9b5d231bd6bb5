import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class WaitDownload extends ActionCommand {
  static override summary = 'Wait for the next download of the active tab and save it.';
  static override description =
    'Start it before whatever triggers the download (e.g. in the background, then click). Without a path the file stays in the browser’s temporary folder until the session closes.';
  static override examples = ['<%= config.bin %> wait-download report.csv', '<%= config.bin %> wait-download --timeout 60000'];
  static override actions = ['waitfordownload'];
  static override args = { path: Args.string({ description: 'Where to save the file' }) };
  static override flags = { timeout: Flags.integer({ description: 'Give up after this many milliseconds.', min: 1 }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'waitfordownload', path: args.path ? path.resolve(String(args.path)) : undefined, timeout: flags.timeout };
  }
}
