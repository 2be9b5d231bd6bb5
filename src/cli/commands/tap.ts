import { ElementCommand } from '../base.js';

export default class Tap extends ElementCommand {
  static override action = 'tap';
  static override actions = ['tap'];
  static override summary = 'Tap an element like a finger (touch events, then click); works on desktop too.';
  static override examples = ['<%= config.bin %> tap @e5', '<%= config.bin %> tap "#main input"'];
}
