import { ElementCommand } from '../../base.js';

export default class GetCount extends ElementCommand {
  static override action = 'count';
  static override summary = 'Print how many elements match a selector.';
  static override examples = ['<%= config.bin %> get count "li.item"'];
}
