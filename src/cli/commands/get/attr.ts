import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../../base.js';
import { REQUESTS } from '../../requests.js';

export default class GetAttr extends ActionCommand {
  static override actions = ['getattribute'];
  static override summary = 'Print an attribute of an element (empty when absent).';
  static override examples = ['<%= config.bin %> get attr @e1 href', '<%= config.bin %> get attr "img.logo" alt'];
  static override args = { selector: selectorArg, attribute: Args.string({ description: 'Attribute name', required: true }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS['get:attr'](args, flags, argv);
  }
}
