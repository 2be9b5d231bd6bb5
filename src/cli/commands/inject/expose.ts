import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class InjectExpose extends ActionCommand {
  static override actions = ['expose'];
  static override summary =
    'Expose window[name](...args) to every page; calls resolve to "Function <name> called". Run it again to see how often the page called it.';
  static override examples = ['<%= config.bin %> inject expose notifyDone', '<%= config.bin %> inject expose notifyDone --json'];
  static override aliases = ['expose'];
  static override args = { name: Args.string({ description: 'Function name (a JavaScript identifier)', required: true }) };

  protected override fallbackOutput = 'json' as const;

  protected request(args: Record<string, unknown>) {
    return { action: 'expose', name: args.name };
  }
}
