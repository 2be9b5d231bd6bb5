import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindAlt extends FindCommand {
  static override wire = { action: 'getbyalttext', field: 'text', exact: true };
  static override actions = ['getbyalttext'];
  static override summary = 'Find an element by its alt text and click it (or hover, text …).';
  static override examples = ['<%= config.bin %> find alt Logo', '<%= config.bin %> find alt "Company logo" hover --exact'];
  static override flags = { exact: exactFlag };
}
