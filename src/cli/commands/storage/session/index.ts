import { StorageGetCommand } from '../../../storage-commands.js';

export default class StorageSession extends StorageGetCommand {
  static override storageType = 'session' as const;
  static override summary = 'Print the active frame’s sessionStorage as JSON (one key: storage session get <key>).';
  static override description =
    'Reads the sessionStorage of the page, or of the frame selected with "frame", in the active tab. Subcommands: storage session get [key], storage session set <key> <value>, storage session clear.';
  static override examples = ['<%= config.bin %> storage session', '<%= config.bin %> storage session --json'];
}
