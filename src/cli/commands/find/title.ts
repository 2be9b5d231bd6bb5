import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindTitle extends FindCommand {
  static override wire = { action: 'getbytitle', field: 'text', exact: true };
  static override actions = ['getbytitle'];
  static override summary = 'Find an element by its title attribute and click it (or hover, text …).';
  static override examples = ['<%= config.bin %> find title Close', '<%= config.bin %> find title "Delete item" click --exact'];
  static override flags = { exact: exactFlag };
}
