// Remote browsers: a Chrome reached over CDP (a port or a URL) or a Playwright browser server (its
// ws endpoint). What the CLI, the param schemas and the daemon agree on; no node, no playwright.

/** A browser the daemon attaches to instead of launching one. */
export type RemoteTarget =
  /** A Chrome/Chromium with remote debugging: `connectOverCDP(url)`. `port` when given as a bare port. */
  | { kind: 'cdp'; url: string; port?: number }
  /** A Playwright browser server (`launchServer`, `playwright run-server`): `connect(url)`. */
  | { kind: 'playwright'; url: string };

/** The fields of a `launch` request that name a remote browser. */
export interface RemoteLaunchFields {
  cdpPort?: number;
  cdpUrl?: string;
  wsEndpoint?: string;
}

const CDP_SCHEMES = /^(wss?|https?):\/\//i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A CDP URL the daemon can use: ws://, wss://, http:// or https://, and a URL at all. */
export function isCdpUrl(text: string): boolean {
  return CDP_SCHEMES.test(text) && parsesAsUrl(text);
}

/** A Playwright server endpoint: ws:// or wss://. */
export function isWsEndpoint(text: string): boolean {
  return /^wss?:\/\//i.test(text) && parsesAsUrl(text);
}

function parsesAsUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the argument of `--cdp` and `connect`: a port (1..65535, with the reference CLI's messages)
 * or a URL. Throws an Error whose message is meant for the user.
 */
export function parseCdpArgument(raw: string): { cdpPort: number } | { cdpUrl: string } {
  const text = raw.trim();
  if (ANY_SCHEME.test(text) && !/^\d+$/.test(text)) {
    if (!isCdpUrl(text)) throw new Error(`Invalid CDP URL: '${text}'. Give a port (9222) or a URL starting with ws://, wss://, http:// or https://`);
    return { cdpUrl: text };
  }
  if (!/^\d+$/.test(text) || text.length > 10) throw new Error(`Invalid CDP port: '${text}' is not a valid number. Port must be a number between 1 and 65535`);
  const port = Number(text);
  if (port === 0) throw new Error('Invalid CDP port: port must be greater than 0');
  if (port > 65535) throw new Error(`Invalid CDP port: ${port} is out of range (valid range: 1-65535)`);
  return { cdpPort: port };
}

/** The remote browser a launch request names, if any (a Playwright server wins over CDP, a URL over a port). */
export function requestedRemote(fields: RemoteLaunchFields): RemoteTarget | null {
  if (fields.wsEndpoint) return { kind: 'playwright', url: fields.wsEndpoint };
  if (fields.cdpUrl) return { kind: 'cdp', url: fields.cdpUrl };
  if (fields.cdpPort) return { kind: 'cdp', url: `http://127.0.0.1:${fields.cdpPort}`, port: fields.cdpPort };
  return null;
}

/** One string per browser: `9222` and `http://127.0.0.1:9222/` name the same one. */
export function remoteKey(target: RemoteTarget): string {
  let url = target.url;
  try {
    url = new URL(target.url).href;
  } catch {
    // Kept as given; validation reports it elsewhere.
  }
  return `${target.kind} ${url}`;
}

/**
 * The endpoint without what may be a secret: credentials are dropped, a path becomes `/…` (a
 * Playwright server's path is its access key) and query values become `…` (`?token=…`).
 */
export function redactEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return endpoint.replace(/[?#/].*$/, '/…');
  }
  const path = url.pathname && url.pathname !== '/' ? '/…' : '';
  const names = [...new Set(url.searchParams.keys())];
  const query = names.length > 0 ? `?${names.map((name) => `${name}=…`).join('&')}` : '';
  return `${url.protocol}//${url.host}${path}${query}`;
}

/** `CDP http://127.0.0.1:9222` / `Playwright server ws://127.0.0.1:41234/…`, safe to print. */
export function describeRemote(target: RemoteTarget): string {
  return `${target.kind === 'cdp' ? 'CDP' : 'Playwright server'} ${redactEndpoint(target.url)}`;
}
