import { Args } from '@oclif/core';
import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand, type Parsed } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';
import { formatModified, formatSize } from '../../state-files.js';

interface ShowData {
  filename: string;
  path: string;
  size: number;
  modified: string;
  summary: { cookies: number; origins: number; domains: string[] };
}

export default class StateShow extends ActionCommand {
  static override summary = 'Summarise a saved state of the state folder: cookies, origins, cookie domains.';
  static override description = '--json prints the whole file as well. Does not start the browser.';
  static override examples = ['<%= config.bin %> state show login', '<%= config.bin %> state show login.json --json'];
  static override actions = ['state_show'];
  static override args = { name: Args.string({ description: 'State name ("login" or "login.json"), see "state list"', required: true }) };

  protected request({ args }: Parsed<typeof StateShow>) {
    return { action: 'state_show', filename: args.name };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const paint = painter(colorEnabled(process.stdout));
    const d = response.data as ShowData;
    const lines = [
      paint.bold(d.filename),
      `  ${paint.dim('path:')}     ${d.path}`,
      `  ${paint.dim('size:')}     ${formatSize(d.size)}`,
      `  ${paint.dim('modified:')} ${formatModified(d.modified)}`,
      `  ${paint.dim('cookies:')}  ${d.summary.cookies}`,
      `  ${paint.dim('origins:')}  ${d.summary.origins}`,
      `  ${paint.dim('domains:')}  ${d.summary.domains.length > 0 ? d.summary.domains.join(', ') : '(none)'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
