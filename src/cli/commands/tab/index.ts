import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { REQUESTS } from '../../requests.js';

export default class Tab extends ActionCommand {
  static override actions = ['tab_list', 'tab_switch'];
  static override summary = 'List the tabs, or switch to tab <n> (refs of the other tabs stop resolving until you switch back).';
  static override examples = ['<%= config.bin %> tab', '<%= config.bin %> tab 1', '<%= config.bin %> tab list'];
  static override args = { index: Args.integer({ description: 'Tab to switch to (as tab list numbers them)', min: 0 }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.tab(args, flags, argv);
  }
}
