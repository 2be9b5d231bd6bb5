import { Args } from '@oclif/core';
import { ActionCommand, CliFailure } from './base.js';
import { FIND_ACTIONS, subaction } from './find-command.js';

/** `find first|last <selector> [action] [text…]`: the nth action with a fixed index. */
export abstract class FixedNthCommand extends ActionCommand {
  static index: number;
  static override strict = false;
  static override args = {
    selector: Args.string({ description: 'CSS or Playwright selector, or a ref', required: true }),
    action: Args.string({ description: `What to do with it: ${FIND_ACTIONS.join(', ')} (default click)` }),
    text: Args.string({ description: 'Text for fill (the rest of the line)' }),
  };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    const { index } = this.ctor as unknown as typeof FixedNthCommand;
    const [selector, ...rest] = argv;
    return {
      action: 'nth',
      selector,
      index,
      ...subaction(rest, `${this.config.bin} ${(this.id ?? '').replaceAll(':', ' ')} "<selector>" ${rest[0] ?? 'click'}`),
    };
  }
}

/** Parses the index of `find nth <i> …` (0-based; negative counts from the end). */
export function parseIndex(raw: string | undefined): number {
  if (raw === undefined || !/^-?\d+$/.test(raw)) throw new CliFailure(`find nth needs a whole-number index first (0-based; -1 = last), got "${raw ?? ''}".`);
  return Number(raw);
}
