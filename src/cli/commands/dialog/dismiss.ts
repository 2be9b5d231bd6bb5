import { ActionCommand } from '../../base.js';

export default class DialogDismiss extends ActionCommand {
  static override actions = ['dialog'];
  static override summary = 'Dismiss the next dialogs of the active tab (Cancel; a prompt returns null).';
  static override examples = ['<%= config.bin %> dialog dismiss'];

  protected request() {
    return { action: 'dialog', response: 'dismiss' };
  }
}
