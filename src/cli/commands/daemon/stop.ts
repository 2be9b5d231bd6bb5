import { BaseCommand } from '../../base.js';

export default class DaemonStop extends BaseCommand {
  static override actions = ['close'];
  static override summary = 'Stop the session’s daemon and its browser (same as close).';
  static override examples = ['<%= config.bin %> daemon stop', '<%= config.bin %> daemon stop --session work'];

  async run(): Promise<unknown> {
    await this.parseCommand();
    return this.closeSession();
  }
}
