import { StorageClearCommand } from '../../../storage-commands.js';

export default class StorageSessionClear extends StorageClearCommand {
  static override storageType = 'session' as const;
  static override summary = 'Remove every key of the active frame’s sessionStorage.';
  static override examples = ['<%= config.bin %> storage session clear'];
}
