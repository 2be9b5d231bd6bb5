import { ElementCommand } from '../../base.js';

export default class IsChecked extends ElementCommand {
  static override action = 'ischecked';
  static override summary = 'Print whether a checkbox is checked (true/false).';
  static override examples = ['<%= config.bin %> is checked @e4'];
}
