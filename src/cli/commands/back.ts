import { PlainCommand } from '../base.js';

export default class Back extends PlainCommand {
  static override action = 'back';
  static override summary = 'Go back in history.';
  static override examples = ['<%= config.bin %> back'];
}
