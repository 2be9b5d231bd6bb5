import { ProfileCommand } from '../../vault-command.js';

export default class AuthShow extends ProfileCommand {
  static override summary = 'Show one saved login profile: url, username, created and last login (never the password).';
  static override examples = ['<%= config.bin %> auth show github', '<%= config.bin %> auth show github --json'];
  static override actions = ['auth_show'];
  static override vaultAction = 'auth_show' as const;
}
