import { Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Console extends ActionCommand {
  static override actions = ['console'];
  static override summary = 'Print the console messages of every tab since it opened ([type] text).';
  static override examples = ['<%= config.bin %> console', '<%= config.bin %> console --clear', '<%= config.bin %> console --json'];
  static override flags = { clear: Flags.boolean({ description: 'Empty the message list instead of printing it.' }) };

  protected request(_args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'console', clear: flags.clear || undefined };
  }
}
