import { ActionCommand } from '../../base.js';

export default class ClipboardRead extends ActionCommand {
  static override summary = 'Print the clipboard’s text.';
  static override examples = ['<%= config.bin %> clipboard read'];
  static override actions = ['clipboard'];

  protected request() {
    return { action: 'clipboard', operation: 'read' };
  }
}
