import { keyArg, StorageGetCommand } from '../../../storage-commands.js';

export default class StorageSessionGet extends StorageGetCommand {
  static override storageType = 'session' as const;
  static override summary = 'Print one key of the active frame’s sessionStorage, or all of it as JSON.';
  static override description = 'A key that is not set prints {"key": "<key>", "value": null}.';
  static override examples = ['<%= config.bin %> storage session get token', '<%= config.bin %> storage session get'];
  static override args = { key: keyArg };
}
