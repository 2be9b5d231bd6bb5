import { ActionCommand } from '../../base.js';
import { profileNameArg } from '../../vault-command.js';

export default class AuthLogin extends ActionCommand {
  static override summary = 'Log in with a saved profile: open its url, fill the username and password, submit, and wait for the next page.';
  static override description =
    'The fields are the ones given to "auth save" (--username-selector, --password-selector, --submit-selector), or else found on the page: the password field, the username field of its form, and its submit button. The daemon reads the password from the vault itself; it is never printed.';
  static override examples = ['<%= config.bin %> auth login github', '<%= config.bin %> auth login github --json'];
  static override actions = ['auth_login'];
  static override args = { name: profileNameArg };

  protected request(args: Record<string, unknown>) {
    return { action: 'auth_login', name: args.name };
  }
}
