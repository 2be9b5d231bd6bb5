import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class ClipboardWrite extends ActionCommand {
  static override summary = 'Put text on the clipboard.';
  static override examples = ['<%= config.bin %> clipboard write "hello world"'];
  static override actions = ['clipboard'];
  static override strict = false;
  static override args = { text: Args.string({ description: 'Text (the rest of the line, joined with spaces)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'clipboard', operation: 'write', text: argv.join(' ') };
  }
}
