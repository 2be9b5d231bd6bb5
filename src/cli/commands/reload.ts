import { PlainCommand } from '../base.js';

export default class Reload extends PlainCommand {
  static override action = 'reload';
  static override summary = 'Reload the page.';
  static override examples = ['<%= config.bin %> reload'];
}
