import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Press extends ActionCommand {
  static override actions = ['press'];
  static override summary = 'Press a key or chord (Enter, Tab, Control+a) on the focused element.';
  static override aliases = ['key'];
  static override examples = ['<%= config.bin %> press Enter', '<%= config.bin %> press Control+a', '<%= config.bin %> press Enter --selector @e3'];
  static override args = { key: Args.string({ description: 'Key name as Playwright spells it', required: true }) };
  static override flags = { selector: Flags.string({ char: 's', description: 'Press on this element instead of the focused one.' }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.press(args, flags, argv);
  }
}
