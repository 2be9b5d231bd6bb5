import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindText extends FindCommand {
  static override wire = { action: 'getbytext', field: 'text', exact: true };
  static override actions = ['getbytext'];
  static override summary = 'Find an element by its text and click it (or fill, check, hover, text).';
  static override examples = ['<%= config.bin %> find text "Sign in"', '<%= config.bin %> find text Welcome text --exact'];
  static override flags = { exact: exactFlag };
}
