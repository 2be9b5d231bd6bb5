import { PlainCommand } from '../base.js';

export default class Forward extends PlainCommand {
  static override action = 'forward';
  static override summary = 'Go forward in history.';
  static override examples = ['<%= config.bin %> forward'];
}
