import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';

export default class Download extends ActionCommand {
  static override summary = 'Click an element that starts a download and save the file.';
  static override examples = ['<%= config.bin %> download "a.export" report.csv', '<%= config.bin %> download @e5 ./downloads/invoice.pdf'];
  static override actions = ['download'];
  static override args = { selector: selectorArg, path: Args.string({ description: 'Where to save the file', required: true }) };
  static override flags = { timeout: Flags.integer({ description: 'Give up when no download starts within this many milliseconds.', min: 1 }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'download', selector: args.selector, path: path.resolve(String(args.path)), timeout: flags.timeout };
  }
}
