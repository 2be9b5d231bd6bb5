import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class TraceStart extends ActionCommand {
  static override actions = ['trace_start'];
  static override summary = 'Start recording a Playwright trace (actions, network, screenshots, DOM snapshots).';
  static override examples = ['<%= config.bin %> trace start', '<%= config.bin %> trace start --no-screenshots'];
  static override flags = {
    screenshots: Flags.boolean({ description: 'Capture screenshots in the trace (--no-screenshots to leave them out).', default: true, allowNo: true }),
    snapshots: Flags.boolean({ description: 'Capture DOM snapshots in the trace (--no-snapshots to leave them out).', default: true, allowNo: true }),
  };

  protected request(_args: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'trace_start', screenshots: flags.screenshots, snapshots: flags.snapshots };
  }
}
