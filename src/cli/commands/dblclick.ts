import { ElementCommand } from '../base.js';

export default class Dblclick extends ElementCommand {
  static override action = 'dblclick';
  static override summary = 'Double-click an element.';
  static override examples = ['<%= config.bin %> dblclick "#item"'];
}
