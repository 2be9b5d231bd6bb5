import { ElementCommand } from '../../base.js';

export default class GetText extends ElementCommand {
  static override action = 'gettext';
  static override summary = 'Print the text of an element.';
  static override examples = ['<%= config.bin %> get text @e1'];
}
