import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class ProfilerStart extends ActionCommand {
  static override actions = ['profiler_start'];
  static override summary = 'Start a Chrome performance profile (CDP tracing) of the active tab.';
  static override examples = ['<%= config.bin %> profiler start', '<%= config.bin %> profiler start --categories devtools.timeline,v8.execute'];
  static override flags = { categories: Flags.string({ description: 'Comma-separated Chrome trace categories (default: the DevTools Performance set).' }) };

  protected request(_args: Record<string, unknown>, flags: Record<string, unknown>) {
    const categories =
      typeof flags.categories === 'string'
        ? flags.categories
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : undefined;
    return { action: 'profiler_start', categories };
  }
}
