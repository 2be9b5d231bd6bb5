import { ElementCommand } from '../../base.js';

export default class GetHtml extends ElementCommand {
  static override action = 'innerhtml';
  static override summary = 'Print the inner HTML of an element.';
  static override examples = ['<%= config.bin %> get html "#main"'];
}
