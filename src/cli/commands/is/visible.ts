import { ElementCommand } from '../../base.js';

export default class IsVisible extends ElementCommand {
  static override action = 'isvisible';
  static override summary = 'Print whether an element is visible (true/false).';
  static override examples = ['<%= config.bin %> is visible "#dialog"'];
}
