import { FindCommand } from '../../find-command.js';

export default class FindTestid extends FindCommand {
  static override wire = { action: 'getbytestid', field: 'testId', exact: false };
  static override actions = ['getbytestid'];
  static override summary = 'Find an element by data-testid and click it (or fill, check, hover, text).';
  static override examples = ['<%= config.bin %> find testid submit-button', '<%= config.bin %> find testid email-input fill a@b.c'];
  static override flags = {};
}
