// How long an action may take end to end, shared by the daemon (which answers TIMEOUT itself at
// its deadline) and its clients (which must not give up on a daemon before that deadline).

/** How long past its timeout the daemon waits for an action before answering TIMEOUT itself. */
export const DEADLINE_GRACE_MS = 2000;
/** Added when the browser must start first: launching is not the action's time (it fails on its own). */
export const LAUNCH_ALLOWANCE_MS = 60_000;
/** How much longer than the daemon's deadline a client waits before it calls the daemon unresponsive. */
const CLIENT_SLACK_MS = 15_000;

/** The latest the daemon answers an action with this timeout: its result, or TIMEOUT. */
export function daemonDeadline(timeoutMs: number, browserLaunched: boolean): number {
  return timeoutMs + DEADLINE_GRACE_MS + (browserLaunched ? 0 : LAUNCH_ALLOWANCE_MS);
}

/**
 * How long a client waits for the answer to an action with this timeout. It cannot know whether
 * the browser still has to start (a loaded machine can take tens of seconds), so an action that
 * may start it gets the launch allowance too.
 */
export function clientDeadline(timeoutMs: number, mayLaunchBrowser: boolean): number {
  return daemonDeadline(timeoutMs, !mayLaunchBrowser) + CLIENT_SLACK_MS;
}
