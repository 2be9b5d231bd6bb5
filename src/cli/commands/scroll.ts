import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Scroll extends ActionCommand {
  static override actions = ['scroll'];
  static override summary = 'Scroll the page (or an element) up, down, left or right.';
  static override examples = ['<%= config.bin %> scroll', '<%= config.bin %> scroll up 500', '<%= config.bin %> scroll down 200 --selector "#list"'];
  static override args = {
    direction: Args.string({ description: 'Direction', options: ['up', 'down', 'left', 'right'], default: 'down' }),
    amount: Args.integer({ description: 'Pixels', default: 300 }),
  };
  static override flags = { selector: Flags.string({ char: 's', description: 'Scroll inside this element.' }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.scroll(args, flags, argv);
  }
}
