import { BaseCommand } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class DaemonStatus extends BaseCommand {
  static override actions = ['status'];
  static override summary = 'Say whether the session’s daemon runs, where, with which browser, and what to do if it does not.';
  static override examples = ['<%= config.bin %> daemon status', '<%= config.bin %> daemon status --session work --json'];

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const settings = await this.daemonSettings();
    const [{ endpointFor }, { inspectSession, describeStale }] = await Promise.all([import('../../../client/ensure.js'), import('../../../client/status.js')]);
    const state = await inspectSession(endpointFor(settings));
    const { endpoint } = state;
    const address = endpoint.transport === 'unix' ? endpoint.socketPath : `127.0.0.1 (port file ${endpoint.portPath})`;
    const data = {
      session: settings.session,
      running: state.running,
      transport: endpoint.transport,
      address,
      pid: state.pid,
      logPath: endpoint.logPath,
      staleFiles: state.staleFiles,
      ...(state.lastStartFailure ? { lastStartFailure: state.lastStartFailure } : {}),
      ...(state.status ? { daemon: state.status } : {}),
    };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data, error: null })}\n`);
      return data;
    }
    const paint = painter(colorEnabled(process.stdout));
    const lines: string[] = [];
    if (state.running && state.status) {
      const status = state.status;
      const browser = status.browser as Record<string, unknown>;
      lines.push(
        `${paint.green('●')} Daemon for session "${settings.session}" is running (pid ${status.pid}, agent-browser ${status.version}, up ${Math.round(Number(status.uptimeMs) / 1000)} s)`,
      );
      lines.push(`  address: ${status.address}`);
      const remote = typeof browser.remote === 'string' ? `remote (${browser.remote})` : null;
      if (browser.launched)
        lines.push(
          `  browser: ${remote ?? `${browser.executablePath} (${browser.headless ? 'headless' : 'headed'}${browser.shared ? ', shared with other sessions: sharedBrowser' : ''})`}, ${browser.tabs} tab(s), active: ${browser.url}`,
        );
      else if (remote) lines.push(`  browser: ${remote}, not attached now (the next command that needs a page attaches to it)`);
      else lines.push('  browser: not started yet (it starts with the first command that needs a page)');
      const stream = status.stream as { enabled: boolean; port?: number; clients?: number; error?: string } | undefined;
      if (stream?.enabled) lines.push(`  live view: ws://127.0.0.1:${stream.port}/, ${stream.clients} viewer(s) ('${this.config.bin} stream' opens one)`);
      else if (stream?.error) lines.push(`  live view: off (${stream.error})`);
      const plugins = (status.plugins as Array<{ name: string; builtin: boolean }>).filter((plugin) => !plugin.builtin);
      if (plugins.length > 0) lines.push(`  plugins: ${plugins.map((plugin) => plugin.name).join(', ')}`);
      const lane = status.lane as { running?: { id: string; action: string; forMs: number }; queued: number } | undefined;
      if (lane?.running)
        lines.push(
          `  running: ${lane.running.action} (request ${lane.running.id}, for ${Math.round(lane.running.forMs / 1000)} s; 'agent-browser cancel ${lane.running.id}' stops waiting for it), ${lane.queued} queued`,
        );
      lines.push(
        `  idle timeout: ${Number(status.idleTimeoutMs) > 0 ? `${Math.round(Number(status.idleTimeoutMs) / 60000)} min` : 'off'}${status.ownerPid ? `; ends when process ${status.ownerPid} exits (owner lease)` : ''}`,
      );
      lines.push(`  log: ${status.logPath}`);
    } else {
      lines.push(`${paint.dim('○')} No daemon is running for session "${settings.session}" (nothing answers at ${address}).`);
      const stale = describeStale(state);
      if (stale) lines.push(`  ${stale}`);
      const failure = state.lastStartFailure;
      if (failure) {
        const [first, ...rest] = failure.message.split('\n');
        lines.push(`  ${paint.red('✗')} The last start failed (${failure.code}, ${failure.at}): ${first}`, ...rest.slice(0, 6).map((line) => `    ${line}`));
      }
      const bin = `${this.config.bin}${settings.session === 'default' ? '' : ` --session ${settings.session}`}`;
      lines.push(`  Start one with '${bin} daemon start', or just run a command such as '${bin} open <url>': it starts the daemon on demand.`);
      const { existsSync } = await import('node:fs');
      lines.push(
        `  ${paint.dim(existsSync(endpoint.logPath) ? `log of the last daemon: ${endpoint.logPath}` : `log: none yet (a daemon writes ${endpoint.logPath})`)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return data;
  }
}
