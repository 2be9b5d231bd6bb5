import { Args, Flags } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class StateClean extends ActionCommand {
  static override summary = 'Delete saved states of the state folder not modified for more than N days.';
  static override description = 'Does not start the browser.';
  static override examples = ['<%= config.bin %> state clean --days 30', '<%= config.bin %> state clean 7'];
  static override actions = ['state_clean'];
  static override args = { days: Args.string({ description: 'Age in days (same as --days)' }) };
  static override converts = { days: 'read as text with its positional twin <days>, then checked to be a whole number > 0' };
  static override flags = { days: Flags.string({ description: 'Delete files older than this many days (a whole number > 0).' }) };

  protected request({ args, flags }: Parsed<typeof StateClean>) {
    const given = flags.days ?? args.days;
    if (given === undefined)
      throw new CliFailure('Say how old: state clean --days <N> (files not modified for more than N days are deleted).', 'INVALID_ARGUMENTS');
    if (flags.days !== undefined && args.days !== undefined && flags.days !== args.days)
      throw new CliFailure('Give the number of days once: state clean --days <N>.', 'INVALID_ARGUMENTS');
    const text = given.trim();
    if (!/^\d+$/.test(text) || Number(text) <= 0)
      throw new CliFailure(`--days: expected a whole number of days greater than 0, got "${text}"`, 'INVALID_ARGUMENTS');
    return { action: 'state_clean', days: Number(text) };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const paint = painter(colorEnabled(process.stdout));
    const { deleted, keptCount, days } = response.data as { cleaned: number; deleted: string[]; keptCount: number; days: number };
    const head =
      deleted.length === 0
        ? paint.dim(`No state files older than ${days} day${days === 1 ? '' : 's'}`)
        : `${paint.green('✓')} Deleted ${deleted.length} state file${deleted.length === 1 ? '' : 's'} older than ${days} day${days === 1 ? '' : 's'}: ${deleted.join(', ')}`;
    process.stdout.write(`${head}\n${paint.dim(`${keptCount} kept`)}\n`);
  }
}
