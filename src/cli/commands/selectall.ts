import { ElementCommand } from '../base.js';

export default class Selectall extends ElementCommand {
  static override action = 'selectall';
  static override actions = ['selectall'];
  static override summary = 'Focus an element and select all of its text.';
  static override examples = ['<%= config.bin %> selectall @e2', '<%= config.bin %> selectall "#main input"'];
}
