import { StorageGetCommand } from '../../../storage-commands.js';

export default class StorageLocal extends StorageGetCommand {
  static override storageType = 'local' as const;
  static override summary = 'Print the active frame’s localStorage as JSON (one key: storage local get <key>).';
  static override description =
    'Reads the localStorage of the page, or of the frame selected with "frame", in the active tab. Subcommands: storage local get [key], storage local set <key> <value>, storage local clear.';
  static override examples = ['<%= config.bin %> storage local', '<%= config.bin %> storage local --json'];
}
