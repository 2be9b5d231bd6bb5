import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class NetworkRequests extends ActionCommand {
  static override summary = 'List the requests the tabs made (each once, newest last), or clear the list.';
  static override examples = [
    '<%= config.bin %> network requests',
    '<%= config.bin %> network requests --filter /api/',
    '<%= config.bin %> network requests --clear',
  ];
  static override actions = ['requests'];
  static override flags = {
    filter: Flags.string({ description: 'Only requests whose URL contains this text.' }),
    clear: Flags.boolean({ description: 'Empty the list.' }),
  };

  protected request(_: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'requests', filter: flags.filter, clear: flags.clear || undefined };
  }
}
