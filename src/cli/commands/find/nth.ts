import { Args } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';
import { FIND_ACTIONS, subaction } from '../../requests.js';

/** Parses the index of `find nth <i> …` (0-based; negative counts from the end). */
function parseIndex(raw: string | undefined): number {
  if (raw === undefined || !/^-?\d+$/.test(raw)) throw new CliFailure(`find nth needs a whole-number index first (0-based; -1 = last), got "${raw ?? ''}".`);
  return Number(raw);
}

/** A class, not data: its index may be negative (`-1`), which only the raw words can carry past oclif's flag parser. */
export default class FindNth extends ActionCommand {
  static override actions = ['nth'];
  static override summary = 'Act on the <i>-th element matching a selector (0-based; -1 = last). Click by default; fill, check, hover, text.';
  static override examples = [
    '<%= config.bin %> find nth 2 "li.result"',
    '<%= config.bin %> find nth 0 "input" fill hello',
    '<%= config.bin %> find nth -1 ".row" text',
  ];
  static override strict = false;
  static override args = {
    index: Args.string({ description: '0-based index; negative counts from the end (-1 = last)', required: true }),
    selector: Args.string({ description: 'CSS or Playwright selector, or a ref', required: true }),
    action: Args.string({ description: `What to do with it: ${FIND_ACTIONS.join(', ')} (default click)` }),
    text: Args.string({ description: 'Text for fill (the rest of the line)' }),
  };

  protected request({ argv }: Parsed<typeof FindNth>) {
    const [index, selector = '', ...rest] = argv;
    return { action: 'nth', selector, index: parseIndex(index), ...subaction(rest, `${this.config.bin} find nth ${index} "<selector>" ${rest[0] ?? 'click'}`) };
  }
}
