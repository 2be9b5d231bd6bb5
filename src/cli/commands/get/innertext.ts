import { ElementCommand } from '../../base.js';

export default class GetInnertext extends ElementCommand {
  static override action = 'innertext';
  static override actions = ['innertext'];
  static override summary = 'Print the rendered text of an element (innerText: hidden parts left out).';
  static override examples = ['<%= config.bin %> get innertext @e1', '<%= config.bin %> get innertext "main article"'];
}
