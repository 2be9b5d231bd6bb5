import { ElementCommand } from '../base.js';

export default class Uncheck extends ElementCommand {
  static override action = 'uncheck';
  static override summary = 'Uncheck a checkbox.';
  static override examples = ['<%= config.bin %> uncheck @e4'];
}
