import { ElementCommand } from '../../base.js';

export default class GetValue extends ElementCommand {
  static override action = 'inputvalue';
  static override summary = 'Print the current value of an input.';
  static override examples = ['<%= config.bin %> get value @e3'];
}
