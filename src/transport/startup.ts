/** Messages a starting daemon sends to the process that spawned it (over the IPC channel). */
export type StartupMessage =
  { type: 'ready'; pid: number; transport: 'unix' | 'tcp'; address: string } | { type: 'error'; code: StartupErrorCode; message: string };

export type StartupErrorCode =
  'ALREADY_RUNNING' | 'START_LOCKED' | 'CONFIG_INVALID' | 'SOCKET_PATH_TOO_LONG' | 'LISTEN_FAILED' | 'STREAM_PORT_UNAVAILABLE' | 'PLUGIN_FAILED' | 'INTERNAL';

/** Exit code of a daemon that refused to start because another one serves the session. */
export const EXIT_ALREADY_RUNNING = 3;

/** Environment variable carrying the CLI's config flags (JSON) to a daemon it starts. */
export const CLI_FLAGS_ENV = 'AGENT_BROWSER_CLI_FLAGS';
