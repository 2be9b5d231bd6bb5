import { Args } from '@oclif/core';
import type { SuccessResponse } from '../protocol/envelope.js';
import type { AuthVault } from '../vault/store.js';
import { BaseCommand, type Parsed, type ParsedLine } from './base.js';
import { colorEnabled, painter } from './output.js';

/**
 * A command the CLI answers from the auth vault itself, without a daemon, as the reference CLI
 * does (its auth-cli.js), so a password never crosses the socket. Prints like a daemon answer.
 */
export abstract class VaultCommand extends BaseCommand {
  /** The answer's `data`, from the parsed args and flags; throws an ActionError when it fails. */
  protected abstract answer(vault: AuthVault, parsed: ParsedLine): Record<string, unknown> | Promise<Record<string, unknown>>;

  async run(): Promise<unknown> {
    const parsed = await this.parseCommand();
    const [{ AuthVault }, { ENCRYPTION_KEY_ENV }] = await Promise.all([import('../vault/store.js'), import('../vault/crypto.js')]);
    const vault = new AuthVault({
      onKeyCreated: (file) =>
        process.stderr.write(
          `${painter(colorEnabled(process.stderr)).yellow('⚠')} Created the vault key ${file} (mode 0600). Back it up: without it the saved passwords cannot be read (or set ${ENCRYPTION_KEY_ENV} to a key of your own).\n`,
        ),
    });
    const response: SuccessResponse = { id: `cli-${process.pid}`, success: true, data: await this.answer(vault, parsed) };
    this.render(response, (this.ctor as typeof BaseCommand).actions[0]);
    return response;
  }
}

export const profileNameArg = Args.string({ description: 'Profile name (see "auth list")', required: true });

/** `auth show|delete <name>`: the vault's answer to the command's action for one profile. */
export abstract class ProfileCommand extends VaultCommand {
  static override args = { name: profileNameArg };

  /** Which vault answer the command gives. */
  static vaultAction: 'auth_show' | 'auth_delete';

  protected async answer(vault: AuthVault, { args }: Parsed<typeof ProfileCommand>) {
    const { vaultAnswers } = await import('../vault/store.js');
    const { vaultAction } = this.ctor as typeof ProfileCommand;
    return vaultAnswers[vaultAction](vault, { name: args.name });
  }
}
