import { BaseCommand } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class SessionList extends BaseCommand {
  static override summary = 'List sessions whose daemons are running (and ones a dead daemon left files for).';
  static override examples = ['<%= config.bin %> session list', '<%= config.bin %> session list --json'];

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const { config } = await this.loadConfig();
    const { listSessions } = await import('../../../client/status.js');
    const sessions = await listSessions({ transport: config.transport, socketDir: config.socketDir });
    const data = { current: config.session, sessions: sessions.map((s) => ({ session: s.session, running: s.running, pid: s.pid, stale: !s.running })) };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data, error: null })}\n`);
      return data;
    }
    const running = sessions.filter((s) => s.running);
    const paint = painter(colorEnabled(process.stdout));
    if (running.length === 0) process.stdout.write('No active sessions\n');
    else {
      process.stdout.write('Active sessions:\n');
      for (const s of running)
        process.stdout.write(`${s.session === config.session ? paint.green('→') : ' '} ${s.session}${s.pid ? paint.dim(` (pid ${s.pid})`) : ''}\n`);
    }
    const stale = sessions.filter((s) => !s.running);
    if (stale.length > 0)
      process.stdout.write(paint.dim(`Stale files of stopped daemons: ${stale.map((s) => s.session).join(', ')} (removed when those sessions start again)\n`));
    return data;
  }
}
