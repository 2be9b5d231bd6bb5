import { ElementCommand } from '../base.js';

export default class Clear extends ElementCommand {
  static override action = 'clear';
  static override actions = ['clear'];
  static override summary = 'Empty an input, textarea or contenteditable.';
  static override examples = ['<%= config.bin %> clear @e2', '<%= config.bin %> clear "#main input"'];
}
