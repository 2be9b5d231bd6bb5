import { BaseCommand } from '../base.js';

export default class Close extends BaseCommand {
  static override actions = ['close'];
  static override summary = 'Close the browser and stop the session’s daemon (a no-op when none runs).';
  static override aliases = ['quit', 'exit'];
  static override examples = ['<%= config.bin %> close', '<%= config.bin %> --session work close'];

  async run(): Promise<unknown> {
    await this.parseCommand();
    return this.closeSession();
  }
}
