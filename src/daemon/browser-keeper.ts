// The shared browser's keeper (`sharedBrowser: true`): `node dist/daemon/browser-keeper.js`,
// spawned by the first daemon that needs the browser. It launches Chromium as a Playwright browser
// server on 127.0.0.1 (its endpoint's path is a secret, kept in a private file), and exits once no
// daemon has used the browser for a few seconds, or when the browser goes away.
import { loadPlaywright } from '../browser/playwright.js';
import { KEEPER_IDLE_MS, liveUsers, readKeeper, withSharedLock, type KeeperState, type SharedFiles, type SharedLaunch } from '../browser/shared-browser.js';
import { QUIET_CHROMIUM_ARGS } from '../config/browser.js';
import { removeFiles, writePrivateFile } from '../transport/session-files.js';

const CHECK_EVERY_MS = 1_000;
/** How long closing the browser may take before the keeper exits anyway. */
const CLOSE_WAIT_MS = 10_000;

const log = (message: string) => process.stderr.write(`${new Date().toISOString()} INFO  keeper ${process.pid}: ${message}\n`);

async function main(): Promise<void> {
  const { files, launch } = JSON.parse(process.env.AGENT_BROWSER_KEEPER ?? '{}') as { files: SharedFiles; launch: SharedLaunch };
  const { chromium } = await loadPlaywright();
  const server = await chromium.launchServer({
    executablePath: launch.executablePath,
    headless: launch.headless,
    args: [...QUIET_CHROMIUM_ARGS, ...launch.args],
    proxy: launch.proxy,
    host: '127.0.0.1',
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const state: KeeperState = { pid: process.pid, wsEndpoint: server.wsEndpoint(), browserPid: server.process().pid ?? null };
  writePrivateFile(files.state, JSON.stringify(state));
  log(`shared browser ${launch.executablePath} (pid ${state.browserPid}) serves`);
  process.send?.({ type: 'ready', state });
  process.disconnect?.();

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`closing the shared browser: ${why}`);
    if (readKeeper(files)?.pid === process.pid) removeFiles([files.state]);
    // A browser that does not close in time is not waited for: the process exits and takes the pipe with it.
    setTimeout(() => process.exit(0), CLOSE_WAIT_MS).unref();
    await server.close().catch(() => undefined);
    process.exit(0);
  };
  server.on('close', () => void stop('the browser exited'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  let idleSince = Date.now();
  let checking = false;
  setInterval(() => {
    if (checking) return;
    // Its folder removed, or another keeper in its place: no daemon can find this browser any more.
    if (readKeeper(files)?.pid !== process.pid) {
      void stop('its state file is gone or names another keeper');
      return;
    }
    if (liveUsers(files).length > 0) {
      idleSince = Date.now();
      return;
    }
    if (Date.now() - idleSince < KEEPER_IDLE_MS) return;
    // Decided under the lock daemons take to join, so none joins a browser that is closing.
    checking = true;
    void withSharedLock(files, async () => {
      if (liveUsers(files).length > 0) return false;
      removeFiles([files.state]);
      return true;
    }).then(
      (leave) => {
        if (leave) void stop('no session has used it for a while');
        else checking = false;
      },
      (error: Error) => {
        checking = false;
        log(`idle check failed: ${error.message}`);
      },
    );
  }, CHECK_EVERY_MS);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  log(`failed: ${message}`);
  process.send?.({ type: 'error', message });
  process.exit(1);
});
