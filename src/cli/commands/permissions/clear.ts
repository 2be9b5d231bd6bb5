import { ActionCommand } from '../../base.js';

export default class PermissionsClear extends ActionCommand {
  static override summary = 'Revoke every permission granted so far.';
  static override examples = ['<%= config.bin %> permissions clear'];
  static override actions = ['permissions'];

  protected request() {
    return { action: 'permissions', permissions: [], grant: false };
  }
}
