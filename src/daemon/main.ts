// The daemon process entry: `node dist/daemon/main.js`, spawned by the CLI (or run by hand).
import { EXIT_ALREADY_RUNNING, startFailureLine, type StartupErrorCode } from '../transport/startup.js';
import { report, startDaemon, StartupError } from './daemon.js';

startDaemon({ foreground: process.env.AGENT_BROWSER_FOREGROUND === '1' || !process.send }).catch(async (error: unknown) => {
  const code: StartupErrorCode = error instanceof StartupError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  // In the session's log format, so 'daemon status' can say why the last start failed.
  process.stderr.write(code === 'ALREADY_RUNNING' ? `${new Date().toISOString()} INFO  not started: ${message}\n` : startFailureLine(code, message));
  await report({ type: 'error', code, message });
  process.exit(code === 'ALREADY_RUNNING' ? EXIT_ALREADY_RUNNING : 1);
});
