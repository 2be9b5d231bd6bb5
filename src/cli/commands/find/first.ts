import { FixedNthCommand } from '../../nth-command.js';

export default class FindFirst extends FixedNthCommand {
  static override index = 0;
  static override actions = ['nth'];
  static override summary = 'Act on the first element matching a selector (click by default; fill, check, hover, text).';
  static override examples = ['<%= config.bin %> find first "li.result"', '<%= config.bin %> find first "input[type=text]" fill hello'];
}
