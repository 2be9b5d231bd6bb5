import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class TabClose extends ActionCommand {
  static override actions = ['tab_close'];
  static override summary = 'Close tab <n> (default: the active tab); the last tab stays (use `close` to end the browser).';
  static override examples = ['<%= config.bin %> tab close', '<%= config.bin %> tab close 2'];
  static override args = { index: Args.integer({ description: 'Tab index from tab list (default: the active tab)', min: 0 }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'tab_close', ...(args.index !== undefined ? { index: args.index } : {}) };
  }
}
