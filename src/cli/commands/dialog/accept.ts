import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class DialogAccept extends ActionCommand {
  static override actions = ['dialog'];
  static override summary = 'Accept the next dialogs of the active tab (alert/confirm OK; prompt answers with [text], else its default).';
  static override examples = ['<%= config.bin %> dialog accept', '<%= config.bin %> dialog accept Jane Doe'];
  static override strict = false;
  static override args = { text: Args.string({ description: 'What a prompt() answers (the rest of the line, joined with spaces)' }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'dialog', response: 'accept', ...(argv.length > 0 ? { promptText: argv.join(' ') } : {}) };
  }
}
