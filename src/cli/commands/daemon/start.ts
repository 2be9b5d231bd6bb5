import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class DaemonStart extends BaseCommand {
  static override summary = 'Start the session’s daemon now (commands also start it on demand).';
  static override description =
    'The browser itself starts with the first command that needs a page. With --foreground the daemon runs in this terminal and logs to stderr until Ctrl-C.';
  static override examples = [
    '<%= config.bin %> daemon start',
    '<%= config.bin %> daemon start --session work --headed',
    '<%= config.bin %> daemon start --foreground --debug',
    '<%= config.bin %> daemon start --session app --cdp 9222',
  ];
  static override flags = { foreground: Flags.boolean({ description: 'Run in this process instead of detaching.' }) };

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand();
    const settings = await this.daemonSettings();
    const [{ endpointFor, startDaemon }, { runningEndpoint, readPid }] = await Promise.all([
      import('../../../client/ensure.js'),
      import('../../../transport/session-files.js'),
    ]);
    const endpoint = endpointFor(settings);
    const paint = painter(colorEnabled(process.stdout));
    if (flags.foreground) {
      const { spawn } = await import('node:child_process');
      const { DAEMON_ENTRY, DAEMON_NODE_FLAGS } = await import('../../../client/ensure.js');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        AGENT_BROWSER_FOREGROUND: '1',
        AGENT_BROWSER_SESSION: settings.session,
        AGENT_BROWSER_TRANSPORT: settings.transport,
      };
      for (const [key, value] of Object.entries({ ...settings.daemonEnv, AGENT_BROWSER_SOCKET_DIR: settings.socketDir }))
        if (value !== undefined) env[key] = value;
      const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, DAEMON_ENTRY], { stdio: 'inherit', env });
      // The daemon handles Ctrl-C itself (closes the browser, removes its files).
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);
      const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
      process.exitCode = code;
      return { exitCode: code };
    }
    let data: Record<string, unknown>;
    const running = await runningEndpoint(endpoint);
    if (running) {
      data = { started: false, running: true, session: settings.session, pid: readPid(endpoint), transport: running.transport };
      if (!flags.json)
        process.stdout.write(
          `${paint.green('✓')} The daemon for session "${settings.session}" is already running (pid ${data.pid ?? 'unknown'}${running.transport === endpoint.transport ? '' : `, on ${running.transport === 'tcp' ? 'TCP' : 'its Unix socket'}`}).\n`,
        );
    } else {
      const { Progress } = await import('../../progress.js');
      const progress = Progress.create({ json: flags.json });
      progress?.show(`Starting the daemon for session "${settings.session}"…`);
      const ready = await startDaemon(settings, endpoint).finally(() => progress?.clear());
      data = { started: true, running: true, session: settings.session, pid: ready.pid || readPid(endpoint), address: ready.address, log: endpoint.logPath };
      if (!flags.json)
        process.stdout.write(
          `${paint.green('✓')} Daemon started for session "${settings.session}" (pid ${data.pid}) at ${ready.address || endpoint.socketPath}\n  ${paint.dim(`log: ${endpoint.logPath}`)}\n`,
        );
    }
    if (this.remoteFlag()) {
      // --cdp / --ws-endpoint: attach now, so a wrong endpoint shows at once.
      const response = await this.send({ id: `cli-${process.pid}`, action: 'status' });
      const browser = response.success ? (response.data as { browser?: unknown }).browser : undefined;
      data = { ...data, browser };
      if (!flags.json && response.success) process.stdout.write(`${paint.green('✓')} Attached to ${(browser as { remote?: string }).remote}\n`);
    }
    if (flags.json) process.stdout.write(`${JSON.stringify({ success: true, data, error: null })}\n`);
    return data;
  }
}
