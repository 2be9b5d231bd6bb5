import { Args, Flags } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Type extends ActionCommand {
  static override actions = ['type'];
  static override summary = 'Type text into an element key by key (fires key events, unlike fill).';
  static override examples = ['<%= config.bin %> type @e3 hello world', '<%= config.bin %> type "#search" query --clear --delay 50'];
  static override strict = false;
  static override args = { selector: selectorArg, text: Args.string({ description: 'Text (the rest of the line, joined with spaces)', required: true }) };
  static override flags = {
    delay: Flags.integer({ description: 'Milliseconds between key presses.', min: 0 }),
    clear: Flags.boolean({ description: 'Empty the field first.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.type(args, flags, argv);
  }
}
