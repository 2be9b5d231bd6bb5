import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';

export default class Drag extends ActionCommand {
  static override summary = 'Drag an element onto another (HTML5 drag and drop works too).';
  static override examples = ['<%= config.bin %> drag @e3 @e7', '<%= config.bin %> drag "#card-1" "#done-column"'];
  static override actions = ['drag'];
  static override args = { source: selectorArg, target: Args.string({ description: 'Where to drop it: selector or ref', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'drag', source: args.source, target: args.target };
  }
}
