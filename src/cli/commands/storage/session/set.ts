import { StorageSetCommand } from '../../../storage-commands.js';

export default class StorageSessionSet extends StorageSetCommand {
  static override storageType = 'session' as const;
  static override summary = 'Set a key of the active frame’s sessionStorage.';
  static override examples = ['<%= config.bin %> storage session set token abc123', '<%= config.bin %> storage session set prefs \'{"theme":"dark"}\''];
}
