import { Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Errors extends ActionCommand {
  static override actions = ['errors'];
  static override summary = 'Print the uncaught JavaScript errors of every tab since it opened.';
  static override examples = ['<%= config.bin %> errors', '<%= config.bin %> errors --clear'];
  static override flags = { clear: Flags.boolean({ description: 'Empty the error list instead of printing it.' }) };

  protected request(_args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'errors', clear: flags.clear || undefined };
  }
}
