import { BaseCommand } from '../../base.js';

export default class Session extends BaseCommand {
  static override summary = 'Print the current session name (from --session, AGENT_BROWSER_SESSION or config).';
  static override examples = ['<%= config.bin %> session', 'AGENT_BROWSER_SESSION=work <%= config.bin %> session'];

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const { config } = await this.loadConfig();
    if (flags.json) process.stdout.write(`${JSON.stringify({ success: true, data: { session: config.session }, error: null })}\n`);
    else process.stdout.write(`${config.session}\n`);
    return { session: config.session };
  }
}
