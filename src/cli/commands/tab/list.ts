import { PlainCommand } from '../../base.js';

export default class TabList extends PlainCommand {
  static override action = 'tab_list';
  static override actions = ['tab_list'];
  static override summary = 'List the open tabs of every window (→ marks the active one).';
  static override examples = ['<%= config.bin %> tab list', '<%= config.bin %> tab list --json'];
}
