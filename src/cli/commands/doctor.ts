import { Flags } from '@oclif/core';
import { BaseCommand } from '../base.js';
import { colorEnabled, painter } from '../output.js';

export default class Doctor extends BaseCommand {
  static override actions = ['status'];
  static override summary =
    'Check that agent-browser can work here: Node, the config and its plugins, the browser, the socket folder, running sessions and the network flags.';
  static override description =
    'One line per check: ✓ fine, ⚠ worth a look, ✗ a problem, each problem with what to do. Exits 1 when any check fails. Starts no daemon and no browser (it runs the browser only to print its version, and loads the configured plugins in a child process as the daemon would, without a browser). --fix removes the files of dead daemons, never a live one’s.';
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --fix', '<%= config.bin %> doctor --json'];
  static override flags = { fix: Flags.boolean({ description: 'Remove the files dead daemons left behind (pid, socket, port, stream …) and say which.' }) };

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const { runDoctor } = await import('../doctor.js');
    const report = await runDoctor({ cwd: process.cwd(), env: process.env, flags: this.configFlags(), fix: flags.fix === true });
    const failed = report.checks.filter((check) => check.status === 'fail');
    const warned = report.checks.filter((check) => check.status === 'warn');
    if (failed.length > 0) process.exitCode = 1;
    if (flags.json) {
      const error =
        failed.length > 0 ? `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((check) => check.name).join(', ')}` : null;
      process.stdout.write(`${JSON.stringify({ success: failed.length === 0, data: report, error })}\n`);
      return report;
    }
    const paint = painter(colorEnabled(process.stdout));
    const mark = { ok: paint.green('✓'), warn: paint.yellow('⚠'), fail: paint.red('✗') };
    // A message of several lines (a plugin's syntax error shows the line and a caret) is indented under its mark.
    const lines = report.checks.flatMap((check) => [
      `${mark[check.status]} ${check.message.replaceAll('\n', '\n  ')}`,
      ...(check.fix ? [`  ${paint.dim('→')} ${check.fix}`] : []),
    ]);
    const counts = [
      failed.length > 0 ? `${failed.length} problem${failed.length === 1 ? '' : 's'}` : '',
      warned.length > 0 ? `${warned.length} warning${warned.length === 1 ? '' : 's'}` : '',
    ].filter(Boolean);
    lines.push(
      '',
      counts.length > 0
        ? `${counts.join(', ')}.${failed.length > 0 ? ' Fix the ✗ lines first: each says how.' : ''}`
        : 'Everything agent-browser needs is in place.',
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return report;
  }
}
