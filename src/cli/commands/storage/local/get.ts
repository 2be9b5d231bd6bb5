import { keyArg, StorageGetCommand } from '../../../storage-commands.js';

export default class StorageLocalGet extends StorageGetCommand {
  static override storageType = 'local' as const;
  static override summary = 'Print one key of the active frame’s localStorage, or all of it as JSON.';
  static override description = 'A key that is not set prints {"key": "<key>", "value": null}.';
  static override examples = ['<%= config.bin %> storage local get token', '<%= config.bin %> storage local get'];
  static override args = { key: keyArg };
}
