import { PlainCommand } from '../../base.js';

export default class GetUrl extends PlainCommand {
  static override action = 'url';
  static override summary = 'Print the URL of the active tab.';
  static override examples = ['<%= config.bin %> get url'];
}
