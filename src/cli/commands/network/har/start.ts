import { PlainCommand } from '../../../base.js';

export default class NetworkHarStart extends PlainCommand {
  static override summary = 'Start recording the tabs’ requests and responses for a HAR file.';
  static override examples = ['<%= config.bin %> network har start'];
  static override actions = ['har_start'];
  static override action = 'har_start';
}
