import { exactFlag, FindCommand } from '../../find-command.js';

export default class FindPlaceholder extends FindCommand {
  static override wire = { action: 'getbyplaceholder', field: 'placeholder', exact: true };
  static override actions = ['getbyplaceholder'];
  static override summary = 'Find an input by its placeholder and click it (or fill, check, hover, text).';
  static override examples = [
    '<%= config.bin %> find placeholder Search fill playwright',
    '<%= config.bin %> find placeholder "you@example.com" fill a@b.c --exact',
  ];
  static override flags = { exact: exactFlag };
}
