import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class TabSwitch extends ActionCommand {
  static override actions = ['tab_switch'];
  static override summary = 'Make tab <n> the active tab (same as `tab <n>`).';
  static override examples = ['<%= config.bin %> tab switch 0'];
  static override args = { index: Args.integer({ description: 'Tab index from tab list', min: 0, required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'tab_switch', index: args.index };
  }
}
