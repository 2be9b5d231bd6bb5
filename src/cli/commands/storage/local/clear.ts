import { StorageClearCommand } from '../../../storage-commands.js';

export default class StorageLocalClear extends StorageClearCommand {
  static override storageType = 'local' as const;
  static override summary = 'Remove every key of the active frame’s localStorage.';
  static override examples = ['<%= config.bin %> storage local clear'];
}
