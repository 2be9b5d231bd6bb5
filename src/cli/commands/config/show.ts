import { BaseCommand } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class ConfigShow extends BaseCommand {
  static override summary = 'Print every configuration value in effect and where it came from.';
  static override description = 'Precedence: defaults < config file (.agentbrowserrc…, searched upward from here) < environment < flags.';
  static override examples = ['<%= config.bin %> config show', '<%= config.bin %> config show --session work --json'];

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const loaded = await this.loadConfig();
    const { describeConfig } = await import('../../../config/index.js');
    const rows = describeConfig(loaded);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data: { file: loaded.filepath ?? null, values: rows }, error: null })}\n`);
      return rows;
    }
    const paint = painter(colorEnabled(process.stdout));
    const width = Math.max(...rows.map((row) => row.key.length));
    process.stdout.write(`${loaded.filepath ? `config file: ${loaded.filepath}` : 'config file: none found (searched upward from the current folder)'}\n`);
    const shown = rows.map((row) => (row.value === undefined ? '(unset)' : JSON.stringify(row.value)));
    const valueWidth = Math.min(40, Math.max(...shown.map((value) => value.length)));
    rows.forEach((row, i) => {
      const value = shown[i]!.padEnd(valueWidth);
      process.stdout.write(`${row.key.padEnd(width)}  ${row.value === undefined ? paint.dim(value) : value}  ${paint.dim(`← ${row.source}`)}\n`);
    });
    return rows;
  }
}
