import { ElementCommand } from '../base.js';

export default class Check extends ElementCommand {
  static override action = 'check';
  static override summary = 'Check a checkbox or radio button.';
  static override examples = ['<%= config.bin %> check @e4'];
}
