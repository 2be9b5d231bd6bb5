import { ElementCommand } from '../base.js';

export default class Scrollintoview extends ElementCommand {
  static override action = 'scrollintoview';
  static override summary = 'Scroll an element into view.';
  static override aliases = ['scrollinto'];
  static override examples = ['<%= config.bin %> scrollintoview "#footer"'];
}
