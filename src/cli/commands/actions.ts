import { BaseCommand } from '../base.js';
import { colorEnabled, painter } from '../output.js';

interface ListedAction {
  name: string;
  summary: string;
  plugin: string;
}

export default class Actions extends BaseCommand {
  static override actions = ['actions'];
  static override summary = 'List every action the session’s daemon knows (plugin actions included), with its summary.';
  static override description = 'With --json each action also carries its JSON schema. Send any of them with `run <action> --params`.';
  static override examples = ['<%= config.bin %> actions', '<%= config.bin %> actions --json'];

  async run(): Promise<unknown> {
    await this.parseCommand();
    const response = await this.send({ id: `cli-${process.pid}`, action: 'actions' });
    if (this.globals.json || !response.success) {
      this.render(response, 'actions');
      return response;
    }
    const actions = (response.data as { actions: ListedAction[] }).actions;
    const paint = painter(colorEnabled(process.stdout));
    const width = Math.max(...actions.map((action) => action.name.length));
    for (const action of actions) {
      const origin = action.plugin.startsWith('agent-browser:') ? '' : paint.dim(`  [${action.plugin}]`);
      process.stdout.write(`${action.name.padEnd(width)}  ${action.summary}${origin}\n`);
    }
    return response;
  }
}
