import { Args } from '@oclif/core';
import type { SuccessResponse } from '../protocol/envelope.js';
import type { AuthVault } from '../vault/store.js';
import { BaseCommand } from './base.js';
import { colorEnabled, painter } from './output.js';

/**
 * A command the CLI answers from the auth vault itself, without a daemon, as the reference CLI
 * does (its auth-cli.js), so a password never crosses the socket. Prints like a daemon answer.
 */
export abstract class VaultCommand extends BaseCommand {
  /** The answer's `data`, from the parsed args and flags; throws an ActionError when it fails. */
  protected abstract answer(
    vault: AuthVault,
    args: Record<string, unknown>,
    flags: Record<string, unknown>,
  ): Record<string, unknown> | Promise<Record<string, unknown>>;

  async run(): Promise<unknown> {
    const { args, flags } = await this.parseCommand();
    const [{ AuthVault }, { ENCRYPTION_KEY_ENV }] = await Promise.all([import('../vault/store.js'), import('../vault/crypto.js')]);
    const vault = new AuthVault({
      onKeyCreated: (file) =>
        process.stderr.write(
          `${painter(colorEnabled(process.stderr)).yellow('⚠')} Created the vault key ${file} (mode 0600). Back it up: without it the saved passwords cannot be read (or set ${ENCRYPTION_KEY_ENV} to a key of your own).\n`,
        ),
    });
    const response: SuccessResponse = { id: `cli-${process.pid}`, success: true, data: await this.answer(vault, args, flags) };
    this.render(response, (this.ctor as typeof BaseCommand).actions[0]);
    return response;
  }
}

export const profileNameArg = Args.string({ description: 'Profile name (see "auth list")', required: true });

/** `auth show|delete <name>`: the vault's answer to the command's action for one profile. */
export abstract class ProfileCommand extends VaultCommand {
  static override args = { name: profileNameArg };

  protected async answer(vault: AuthVault, args: Record<string, unknown>) {
    const { vaultAnswers } = await import('../vault/store.js');
    const action = (this.ctor as typeof BaseCommand).actions[0] as 'auth_show' | 'auth_delete';
    return vaultAnswers[action](vault, { name: String(args.name) });
  }
}
