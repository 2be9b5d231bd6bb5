import { PlainCommand } from '../../base.js';

export default class GetTitle extends PlainCommand {
  static override action = 'title';
  static override summary = 'Print the title of the active tab.';
  static override examples = ['<%= config.bin %> get title'];
}
