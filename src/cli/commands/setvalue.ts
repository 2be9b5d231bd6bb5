import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';

export default class Setvalue extends ActionCommand {
  static override summary = 'Set the value of an input (replaces it; fires input and change).';
  static override examples = ['<%= config.bin %> setvalue @e2 "new value"', '<%= config.bin %> setvalue "#date" 2024-05-01'];
  static override actions = ['setvalue'];
  static override strict = false;
  static override args = { selector: selectorArg, value: Args.string({ description: 'Value (the rest of the line, joined with spaces)', required: true }) };

  protected request(args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'setvalue', selector: args.selector, value: argv.slice(1).join(' ') };
  }
}
