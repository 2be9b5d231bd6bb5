import { Args, Flags } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class StateClear extends ActionCommand {
  static override summary = 'Delete a saved state of the state folder, or all of them with --all.';
  static override description = 'Does not start the browser.';
  static override examples = ['<%= config.bin %> state clear login', '<%= config.bin %> state clear --all'];
  static override actions = ['state_clear'];
  static override args = { name: Args.string({ description: 'State name ("login" or "login.json")' }) };
  static override flags = { all: Flags.boolean({ description: 'Delete every saved state of the state folder.' }) };

  protected request({ args, flags }: Parsed<typeof StateClear>) {
    if (args.name === undefined && !flags.all)
      throw new CliFailure("Name the state to delete ('state clear <name>') or pass --all to delete every saved state.", 'INVALID_ARGUMENTS');
    if (args.name !== undefined && flags.all) throw new CliFailure('Give either a name or --all, not both.', 'INVALID_ARGUMENTS');
    return flags.all ? { action: 'state_clear', all: true } : { action: 'state_clear', sessionName: args.name };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const paint = painter(colorEnabled(process.stdout));
    const { deleted } = response.data as { cleared: number; deleted: string[] };
    const text =
      deleted.length === 0
        ? paint.dim('No matching state files; nothing deleted')
        : `${paint.green('✓')} Deleted ${deleted.length} state file${deleted.length === 1 ? '' : 's'}: ${deleted.join(', ')}`;
    process.stdout.write(`${text}\n`);
  }
}
