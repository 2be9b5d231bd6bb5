import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Inserttext extends ActionCommand {
  static override summary = 'Insert text into the focused element as one input event (no key events).';
  static override examples = ['<%= config.bin %> inserttext "pasted text"'];
  static override actions = ['inserttext'];
  static override strict = false;
  static override args = { text: Args.string({ description: 'Text (the rest of the line, joined with spaces)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'inserttext', text: argv.join(' ') };
  }
}
