import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindLabel extends FindCommand {
  static override wire = { action: 'getbylabel', field: 'label', exact: true };
  static override actions = ['getbylabel'];
  static override summary = 'Find a form control by its label and click it (or fill, check, hover, text).';
  static override examples = ['<%= config.bin %> find label Email fill user@example.com', '<%= config.bin %> find label "Remember me" check'];
  static override flags = { exact: exactFlag };
}
