import { ElementCommand } from '../base.js';

export default class Focus extends ElementCommand {
  static override action = 'focus';
  static override summary = 'Focus an element.';
  static override examples = ['<%= config.bin %> focus "input[name=q]"'];
}
