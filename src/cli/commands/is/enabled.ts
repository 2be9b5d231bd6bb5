import { ElementCommand } from '../../base.js';

export default class IsEnabled extends ElementCommand {
  static override action = 'isenabled';
  static override summary = 'Print whether an element is enabled (true/false).';
  static override examples = ['<%= config.bin %> is enabled @e7'];
}
