import type { StreamServer } from '../daemon/stream-server.js';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/stream.js';

/** What the live view actions need from the daemon, which owns the stream server. */
export interface StreamControl {
  /** The running live view stream, or null while it is off. */
  running(): StreamServer | null;
  /** Starts the live view stream on `port` (0: any free port) unless it runs; resolves with the running one. */
  enable(port: number): Promise<StreamServer>;
}

/**
 * The live view stream (PROTOCOL.md §5) as actions: turning it on in a running daemon, and the
 * reference's screencast_start/screencast_stop, which keep the screencast running with chosen
 * options whether or not a viewer watches.
 */
export function streamPlugin(stream: StreamControl) {
  const server = (): StreamServer => {
    const running = stream.running();
    if (running) return running;
    throw new ActionError(
      'NOT_STARTED',
      "The live view stream is off, so screencast frames would go nowhere. Start it first: 'agent-browser stream', the stream_enable action, or AGENT_BROWSER_STREAM_PORT (streamPort) for new daemons.",
    );
  };
  return definePlugin({
    name: 'agent-browser:stream',
    apply(host) {
      host.addAction(
        defineAction({
          ...contracts.stream_enable,
          async handler({ port }, ctx) {
            const running = stream.running();
            const started = await stream.enable(port ?? ctx.config.streamPort);
            return { port: started.port, started: running === null };
          },
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.screencast_start,
          async handler(options, ctx) {
            const running = server();
            await ctx.page();
            const settings = await running.startScreencast(options);
            return { started: true, format: settings.format, quality: settings.quality };
          },
        }),
      );
      host.addAction(
        defineAction({
          ...contracts.screencast_stop,
          async handler() {
            const running = stream.running();
            return { stopped: true, ...(running ? await running.stopScreencast() : { screencasting: false }) };
          },
        }),
      );
    },
  });
}
