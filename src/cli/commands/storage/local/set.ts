import { StorageSetCommand } from '../../../storage-commands.js';

export default class StorageLocalSet extends StorageSetCommand {
  static override storageType = 'local' as const;
  static override summary = 'Set a key of the active frame’s localStorage.';
  static override examples = ['<%= config.bin %> storage local set token abc123', '<%= config.bin %> storage local set prefs \'{"theme":"dark"}\''];
}
