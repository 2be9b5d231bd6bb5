import type { WireResponse } from '../../../protocol/envelope.js';
import { ActionCommand } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';
import { formatModified, formatSize, table } from '../../state-files.js';

interface ListData {
  files: Array<{ filename: string; size: number; modified: string }>;
  directory: string;
}

export default class StateList extends ActionCommand {
  static override summary = 'List the saved states of the state folder (name, size, last modified).';
  static override description =
    'The state folder is config stateDir (env AGENT_BROWSER_STATE_DIR, default ~/.agent-browser/states). Does not start the browser.';
  static override examples = ['<%= config.bin %> state list', '<%= config.bin %> state list --json'];
  static override actions = ['state_list'];

  protected request() {
    return { action: 'state_list' };
  }

  protected override render(response: WireResponse, action?: string): void {
    if (this.globals.json || !response.success) return super.render(response, action);
    const paint = painter(colorEnabled(process.stdout));
    const { files, directory } = response.data as ListData;
    if (files.length === 0) {
      process.stdout.write(`${paint.dim(`No saved states in ${directory}`)}\n`);
      return;
    }
    const rows = table([['FILENAME', 'SIZE', 'MODIFIED'], ...files.map((f) => [f.filename, formatSize(f.size), formatModified(f.modified)])]);
    process.stdout.write(
      `${[paint.bold(rows[0]!), ...rows.slice(1), paint.dim(`${files.length} file${files.length === 1 ? '' : 's'} in ${directory}`)].join('\n')}\n`,
    );
  }
}
