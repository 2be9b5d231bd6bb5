import { Flags } from '@oclif/core';
import { BaseCommand } from '../base.js';
import { colorEnabled, painter } from '../output.js';

interface LoadedPlugin {
  name: string;
  version?: string;
  builtin: boolean;
  source: string;
  actions: string[];
}

export default class Plugins extends BaseCommand {
  static override actions = ['status'];
  static override summary = 'List the plugins the session’s daemon loaded, with their versions, files and actions.';
  static override description = 'Plugins come from "plugins" in .agentbrowserrc; --builtin also lists the built-in areas, which are plugins too.';
  static override examples = ['<%= config.bin %> plugins', '<%= config.bin %> plugins --builtin --json'];
  static override flags = { builtin: Flags.boolean({ description: 'Include the built-in plugins.' }) };

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const response = await this.send({ id: `cli-${process.pid}`, action: 'status' });
    if (!response.success) {
      this.render(response);
      return response;
    }
    const all = (response.data as { plugins: LoadedPlugin[] }).plugins;
    const plugins = flags.builtin ? all : all.filter((plugin) => !plugin.builtin);
    if (this.globals.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data: { plugins }, error: null })}\n`);
      return plugins;
    }
    const paint = painter(colorEnabled(process.stdout));
    if (plugins.length === 0) {
      process.stdout.write(`No plugins loaded. Add them to "plugins" in .agentbrowserrc (see 'agent-browser config show').\n`);
      return plugins;
    }
    for (const plugin of plugins) {
      process.stdout.write(`${paint.bold(plugin.name)}${plugin.version ? ` ${plugin.version}` : ''}  ${paint.dim(plugin.source)}\n`);
      process.stdout.write(`  ${plugin.actions.length > 0 ? plugin.actions.join(', ') : paint.dim('(no actions; hooks only)')}\n`);
    }
    return plugins;
  }
}
