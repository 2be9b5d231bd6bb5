import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { REQUESTS } from '../../requests.js';

export default class KeyboardType extends ActionCommand {
  static override summary = 'Type text key by key into the focused element.';
  static override examples = ['<%= config.bin %> keyboard type hello world', '<%= config.bin %> keyboard type "slowly" --delay 50'];
  static override actions = ['keyboard'];
  static override strict = false;
  static override args = { text: Args.string({ description: 'Text (the rest of the line, joined with spaces)', required: true }) };
  static override flags = { delay: Flags.integer({ description: 'Milliseconds between key presses.', min: 0 }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS['keyboard:type'](args, flags, argv);
  }
}
