import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';

export default class Multiselect extends ActionCommand {
  static override summary = 'Select several options of a <select multiple> by value or label.';
  static override examples = ['<%= config.bin %> multiselect @e6 red green', '<%= config.bin %> multiselect "#toppings" cheese olives'];
  static override actions = ['multiselect'];
  static override strict = false;
  static override args = { selector: selectorArg, value: Args.string({ description: 'Value(s) or label(s)', required: true }) };

  protected request(args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'multiselect', selector: args.selector, values: argv.slice(1) };
  }
}
