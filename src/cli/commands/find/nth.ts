import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';
import { FIND_ACTIONS, subaction } from '../../find-command.js';
import { parseIndex } from '../../nth-command.js';

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

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    const [index, selector, ...rest] = argv;
    return { action: 'nth', selector, index: parseIndex(index), ...subaction(rest, `${this.config.bin} find nth ${index} "<selector>" ${rest[0] ?? 'click'}`) };
  }
}
