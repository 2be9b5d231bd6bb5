import { ElementCommand } from '../base.js';

export default class Hover extends ElementCommand {
  static override action = 'hover';
  static override summary = 'Hover over an element.';
  static override examples = ['<%= config.bin %> hover @e5'];
}
