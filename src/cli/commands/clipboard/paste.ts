import { ActionCommand } from '../../base.js';

export default class ClipboardPaste extends ActionCommand {
  static override summary = 'Paste the clipboard into the focused element (Ctrl/Cmd+V).';
  static override examples = ['<%= config.bin %> clipboard paste'];
  static override actions = ['clipboard'];

  protected request() {
    return { action: 'clipboard', operation: 'paste' };
  }
}
