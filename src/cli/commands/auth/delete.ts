import { ProfileCommand } from '../../vault-command.js';

export default class AuthDelete extends ProfileCommand {
  static override summary = 'Delete a saved login profile from the vault.';
  static override aliases = ['auth:remove'];
  static override examples = ['<%= config.bin %> auth delete github', '<%= config.bin %> auth remove github'];
  static override actions = ['auth_delete'];
  static override vaultAction = 'auth_delete' as const;
}
