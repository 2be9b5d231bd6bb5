import { Flags } from '@oclif/core';
import type { WireResponse } from '../../protocol/envelope.js';
import { BaseCommand, CliFailure } from '../base.js';
import { colorEnabled, painter } from '../output.js';

export default class Stream extends BaseCommand {
  static override actions = ['stream_enable'];
  static override summary = 'Watch and drive the session’s browser live, in a viewer page served on 127.0.0.1.';
  static override description =
    'Turns on the daemon’s live view stream (starting the daemon if none runs), then serves a viewer page until Ctrl-C. ' +
    'The page shows the active tab and sends your clicks, scrolling, typing and touches to it. Stopping the viewer leaves the daemon and its stream running.';
  static override examples = ['<%= config.bin %> stream', '<%= config.bin %> stream --port 8080', '<%= config.bin %> --session work stream --json'];
  static override flags = {
    port: Flags.integer({ description: 'Port of the viewer page on 127.0.0.1 (default: a free one the system picks).', min: 0, max: 65535, default: 0 }),
  };

  async run(): Promise<unknown> {
    const { flags } = await this.parseCommand<typeof Stream>();
    const viewerPort = flags.port;
    const { config } = await this.loadConfig();
    const request = { id: `cli-${process.pid}-stream`, action: 'stream_enable', ...(config.streamPort > 0 ? { port: config.streamPort } : {}) };
    const portOf = (response: WireResponse): number => {
      if (!response.success) throw new CliFailure(response.error, response.code);
      return (response.data as { port: number }).port;
    };
    const streamPort = portOf(await this.send(request));

    const { serveViewer } = await import('../stream-viewer.js');
    let viewer: Awaited<ReturnType<typeof serveViewer>>;
    try {
      viewer = await serveViewer({
        port: viewerPort,
        session: config.session,
        // Asked again on every (re)connect of the page, without starting a daemon a user closed.
        streamPort: async (): Promise<number> => {
          const response = await this.sendIfRunning(request, 10_000);
          if (!response)
            throw new Error(`No daemon runs for session "${config.session}"; the view comes back when one starts (e.g. '${this.config.bin} open <url>').`);
          return portOf(response);
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliFailure(
        `The viewer cannot listen on 127.0.0.1:${viewerPort} (${code ?? (error as Error).message}). Choose another --port, or leave it out for a free one.`,
        'PORT_UNAVAILABLE',
      );
    }

    // Listening before the URL is printed: a caller may stop the viewer as soon as it reads the URL.
    const stopped = new Promise<void>((resolve) => {
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
    });
    const data = { url: viewer.url, streamPort, session: config.session };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data, error: null })}\n`);
    } else {
      const paint = painter(colorEnabled(process.stdout));
      process.stdout.write(
        `Live view of session "${config.session}": ${viewer.url}  (Ctrl-C to stop)\n  ${paint.dim(`stream: ws://127.0.0.1:${streamPort}/ (stays on in the daemon)`)}\n`,
      );
    }
    await stopped;
    await viewer.close();
    if (!flags.json)
      process.stderr.write(
        `Live view stopped; the daemon keeps running ('${this.config.bin}${config.session === 'default' ? '' : ` --session ${config.session}`} close' stops it).\n`,
      );
    return data;
  }
}
