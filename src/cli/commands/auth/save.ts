import { Args, Flags } from '@oclif/core';
import type { AuthVault } from '../../../vault/store.js';
import { CliFailure, type Parsed } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';
import { VaultCommand } from '../../vault-command.js';

/** The first line of stdin, without its line break (what `--password-stdin` reads). */
async function readLine(): Promise<string> {
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line.replace(/\r$/, '');
    return '';
  } finally {
    lines.close();
  }
}

export default class AuthSave extends VaultCommand {
  static override summary =
    'Save a login profile in the encrypted vault (AES-256-GCM): the login page, username and password, and optionally the form’s selectors.';
  static override description =
    'The vault is ~/.agent-browser/auth, one encrypted file per profile; the key is AGENT_BROWSER_ENCRYPTION_KEY (64 hex characters) or ~/.agent-browser/.encryption-key (mode 0600, created on first save). Saving an existing name updates it. Runs without a daemon, so the password never crosses the socket; "auth login <name>" uses it.';
  static override examples = [
    'printf \'%s\\n\' "$PASS" | <%= config.bin %> auth save github --url https://github.com/login --username me@example.com --password-stdin',
    '<%= config.bin %> auth save intranet --url http://127.0.0.1:8080/login --username ada --password-stdin --username-selector "#uid" --submit-selector "text=Sign in"',
  ];
  static override actions = ['auth_save'];
  static override args = { name: Args.string({ description: 'Profile name: letters, digits, "_" and "-"', required: true }) };
  static override flags = {
    url: Flags.string({ description: 'The login page.', required: true }),
    username: Flags.string({ description: 'The username (or e-mail) to fill in.', required: true }),
    password: Flags.string({ description: 'The password (visible in process lists and shell history: prefer --password-stdin).' }),
    'password-stdin': Flags.boolean({ description: 'Read the password from the first line of stdin.' }),
    'username-selector': Flags.string({ description: 'Selector of the username field (default: detected).' }),
    'password-selector': Flags.string({ description: 'Selector of the password field (default: input[type=password]).' }),
    'submit-selector': Flags.string({ description: 'Selector of the submit button (default: detected).' }),
  };

  protected async answer(vault: AuthVault, { args, flags }: Parsed<typeof AuthSave>) {
    const { vaultAnswers } = await import('../../../vault/store.js');
    let password = flags.password;
    if (flags['password-stdin']) {
      if (password !== undefined) throw new CliFailure('Give either --password or --password-stdin, not both.', 'INVALID_ARGUMENTS');
      password = await readLine();
      if (password === '')
        throw new CliFailure('The password from stdin is empty: pipe it in, e.g. printf \'%s\\n\' "$PASS" | agent-browser auth save …', 'INVALID_ARGUMENTS');
    } else if (password === undefined) {
      throw new CliFailure('auth save needs the password: --password-stdin (reads one line from stdin) or --password <password>.', 'INVALID_ARGUMENTS');
    } else {
      process.stderr.write(
        `${painter(colorEnabled(process.stderr)).yellow('⚠')} Passwords on the command line may be visible in process listings and shell history. Use --password-stdin instead.\n`,
      );
    }
    if (password === '') throw new CliFailure('--password is empty.', 'INVALID_ARGUMENTS');
    return vaultAnswers.auth_save(vault, {
      name: args.name,
      url: flags.url,
      username: flags.username,
      password,
      usernameSelector: flags['username-selector'],
      passwordSelector: flags['password-selector'],
      submitSelector: flags['submit-selector'],
    });
  }
}
