/** Messages a starting daemon sends to the process that spawned it (over the IPC channel). */
export type StartupMessage =
  { type: 'ready'; pid: number; transport: 'unix' | 'tcp'; address: string } | { type: 'error'; code: StartupErrorCode; message: string };

export type StartupErrorCode =
  'ALREADY_RUNNING' | 'START_LOCKED' | 'CONFIG_INVALID' | 'SOCKET_PATH_TOO_LONG' | 'LISTEN_FAILED' | 'STREAM_PORT_UNAVAILABLE' | 'PLUGIN_FAILED' | 'INTERNAL';

/** Exit code of a daemon that refused to start because another one serves the session. */
export const EXIT_ALREADY_RUNNING = 3;

/** Environment variable carrying the CLI's config flags (JSON) to a daemon it starts. */
export const CLI_FLAGS_ENV = 'AGENT_BROWSER_CLI_FLAGS';

/** What a failed start writes to the session's log, after the time and level. */
export const START_FAILED = 'start-up failed';

/** A start-up failure as a line of the session's log (the daemon's or the CLI that gave up on it). */
export function startFailureLine(code: string, message: string, at: Date = new Date()): string {
  return `${at.toISOString()} ERROR ${START_FAILED} (${code}): ${message}\n`;
}

/** Why the last start failed, read from the session log's text; null when a daemon started after it (or none failed). */
export function lastStartFailure(log: string): { at: string; code: string; message: string } | null {
  let failure: { at: string; code: string; message: string } | null = null;
  let continues = false;
  for (const line of log.split('\n')) {
    const entry = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) (DEBUG|INFO |WARN |ERROR) (.*)$/.exec(line);
    if (!entry) {
      if (continues && failure && line.trim()) failure.message += `\n${line}`;
      continue;
    }
    continues = false;
    const failed = new RegExp(`^${START_FAILED} \\((\\w+)\\): (.*)$`).exec(entry[3]!);
    if (failed) {
      failure = { at: entry[1]!, code: failed[1]!, message: failed[2]! };
      continues = true;
    } else if (/ daemon for session ".*" listening at /.test(entry[3]!)) failure = null;
  }
  return failure;
}
