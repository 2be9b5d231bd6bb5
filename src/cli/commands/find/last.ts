import { FixedNthCommand } from '../../nth-command.js';

export default class FindLast extends FixedNthCommand {
  static override index = -1;
  static override actions = ['nth'];
  static override summary = 'Act on the last element matching a selector (click by default; fill, check, hover, text).';
  static override examples = ['<%= config.bin %> find last "li.result"', '<%= config.bin %> find last ".message" text'];
}
