// Attaching the daemon to a browser it did not launch: a Chrome over CDP or a Playwright server.
import type { Browser, BrowserType } from 'playwright-core';
import { ActionError, stripAnsi } from '../protocol/errors.js';
import { describeRemote, redactEndpoint, type RemoteTarget } from '../protocol/remote.js';

export { describeRemote, requestedRemote, remoteKey, type RemoteTarget } from '../protocol/remote.js';

/** Connects to `target`; a failure says what to check, in the reference daemon's words for CDP. */
export async function connectRemote(chromium: BrowserType, target: RemoteTarget, timeout: number): Promise<Browser> {
  try {
    return target.kind === 'cdp' ? await chromium.connectOverCDP(target.url, { timeout }) : await chromium.connect(target.url, { timeout });
  } catch (error) {
    // The session stays pointed at this browser, so every later command tries it again until the user starts it or ends the session.
    const wayOut =
      "The session keeps trying it on every command; 'agent-browser close' ends the session, and the next command launches a local browser instead.";
    throw new ActionError('BROWSER_CONNECT_FAILED', `${connectFailure(target)} (${reasonOf(error, target)}). ${wayOut}`, { cause: error });
  }
}

function connectFailure(target: RemoteTarget): string {
  if (target.kind === 'playwright') {
    return `Failed to connect to the Playwright server at ${redactEndpoint(target.url)}. Make sure it is running (npx playwright run-server, or chromium.launchServer()) with the same Playwright version as agent-browser, and that the URL is correct`;
  }
  if (target.port) return `Failed to connect via CDP on port ${target.port}. Make sure the app is running with --remote-debugging-port=${target.port}`;
  const port = loopbackPort(target.url);
  const advice = port
    ? `Make sure the app is running with --remote-debugging-port=${port}`
    : 'Make sure the remote browser is accessible and the URL is correct';
  return `Failed to connect via CDP to ${redactEndpoint(target.url)}. ${advice}`;
}

/** The port of a loopback URL (a browser on this machine), else null. */
function loopbackPort(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(parsed.hostname)) return null;
    return parsed.port || (parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? '443' : '80');
  } catch {
    return null;
  }
}

/** Playwright's reason in one line, without its call log or the endpoint's secrets. */
function reasonOf(error: unknown, target: RemoteTarget): string {
  const text = stripAnsi(error instanceof Error ? error.message : String(error));
  const line = text.split('\n').find((candidate) => candidate.trim() !== '' && !/^(Call log|=+)/.test(candidate.trim())) ?? text;
  return line
    .replace(/^browserType\.connect(OverCDP)?: /, '')
    .split(target.url)
    .join(redactEndpoint(target.url))
    .trim()
    .replace(/\.$/, '');
}

/** What the next action says after the remote browser went away, and how to get it back. */
export function remoteLostMessage(target: RemoteTarget, session: string): string {
  const cli = `agent-browser${session === 'default' ? '' : ` --session ${session}`}`;
  const again =
    target.kind === 'playwright'
      ? `Once the server runs again, the next command reconnects to the same endpoint; a restarted server has a new one: pass it as '${cli} --ws-endpoint <ws://…> <command>'.`
      : `Once it runs again, the next command reconnects to it, or run '${cli} connect ${target.port ?? '<url>'}'.`;
  return `The remote browser (${describeRemote(target)}) went away or closed the connection, so this action did not run; the tabs and refs this session had there are gone. ${again} '${cli} close' ends the session instead.`;
}

/** A launch option and where it was set, e.g. `executablePath /usr/bin/chromium (flag --executable-path)`. */
export interface LocalOption {
  name: string;
  value: string;
  source: string;
}

/**
 * Refuses options that only a browser this daemon launches can honour (executable, extensions,
 * a window, Chromium flags) when the browser is a remote one, naming each and where it was set.
 */
export function refuseLocalOptions(target: RemoteTarget, targetSource: string, options: LocalOption[]): void {
  if (options.length === 0) return;
  const list = options.map((option) => `${option.name} ${option.value} (${option.source})`).join('; ');
  throw new ActionError(
    'NOT_SUPPORTED',
    `This session attaches to a remote browser (${describeRemote(target)}, from ${targetSource}), which agent-browser does not launch, so these launch options cannot apply to it: ${list}. Remove them for this session, or drop the remote browser to launch a local one.`,
  );
}
