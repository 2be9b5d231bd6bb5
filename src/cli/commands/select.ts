import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Select extends ActionCommand {
  static override actions = ['select'];
  static override summary = 'Select option(s) of a <select> by value or label.';
  static override examples = ['<%= config.bin %> select @e6 Blue', '<%= config.bin %> select "#colors" red green'];
  static override strict = false;
  static override args = { selector: selectorArg, value: Args.string({ description: 'Value(s) or label(s)', required: true }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.select(args, flags, argv);
  }
}
