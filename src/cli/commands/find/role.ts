import { Args, Flags } from '@oclif/core';
import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindRole extends FindCommand {
  static override wire = { action: 'getbyrole', field: 'role', exact: true };
  static override actions = ['getbyrole'];
  static override summary = 'Find an element by ARIA role (and --name) and click it (or fill, check, hover, text).';
  static override examples = [
    '<%= config.bin %> find role button --name Submit',
    '<%= config.bin %> find role textbox fill hello --name Search',
    '<%= config.bin %> find role link --name "Docs" --exact',
  ];
  static override args = { ...FindCommand.args, value: Args.string({ description: 'ARIA role: button, link, textbox, checkbox, heading, …', required: true }) };
  static override flags = {
    name: Flags.string({ char: 'n', description: 'Accessible name (substring unless --exact).' }),
    exact: exactFlag,
  };
}
