import type { AuthVault } from '../../../vault/store.js';
import { VaultCommand } from '../../vault-command.js';

export default class AuthList extends VaultCommand {
  static override summary = 'List the saved login profiles: name, username and url (never the password).';
  static override description = 'Reads the vault (~/.agent-browser/auth) without a daemon. --json adds when each was created and last used.';
  static override examples = ['<%= config.bin %> auth list', '<%= config.bin %> auth list --json'];
  static override actions = ['auth_list'];

  protected async answer(vault: AuthVault) {
    const { vaultAnswers } = await import('../../../vault/store.js');
    return vaultAnswers.auth_list(vault);
  }
}
