import path from 'node:path';
import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Pdf extends ActionCommand {
  static override actions = ['pdf'];
  static override summary = 'Save the page as a PDF (headless browser only).';
  static override examples = ['<%= config.bin %> pdf page.pdf', '<%= config.bin %> pdf report.pdf --format A4'];
  static override args = { path: Args.string({ description: 'File to write', required: true }) };
  static override flags = {
    format: Flags.string({
      description: 'Paper format (default Letter).',
      options: ['Letter', 'Legal', 'Tabloid', 'Ledger', 'A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6'],
    }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'pdf', path: path.resolve(String(args.path)), format: flags.format };
  }
}
