/** Host patterns, allowlists and the verdicts and messages built from them. No browser here. */

/** One entry of an allowlist other than `"*"`. */
export interface HostPattern {
  /** The normalized pattern, e.g. `*.example.com:8443`. */
  readonly source: string;
  /** The host without the `*.` prefix, lowercase, punycode, IPv6 in brackets. */
  readonly host: string;
  /** `*.example.com`: any subdomain (at any depth) of `host`, not `host` itself. */
  readonly subdomains: boolean;
  /** Only this port; `null` matches every port. */
  readonly port: number | null;
}

export interface AllowList {
  /** The list held `"*"`: every host is allowed. */
  readonly all: boolean;
  readonly patterns: readonly HostPattern[];
}

export type RequestKind = 'navigation' | 'resource';

export interface Verdict {
  allowed: boolean;
  /** The pattern or built-in rule that allowed the URL; `null` when it is blocked. */
  rule: string | null;
  /** Why, in a few words: `matched "*.example.com"`, `not in the list`, `non-http(s) scheme`… */
  reason: string;
}

const PATTERN_SHAPE = /^(\*\.)?(\[[0-9a-f:.]+\]|[^\s/\\:@?#*[\]]+)(?::(\d{1,5}))?$/i;
const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
const LISTED_SCHEMES = new Set(Object.keys(DEFAULT_PORTS));

/** Parses one host pattern; answers the normalized pattern or a message saying what is wrong. */
export function parsePattern(raw: string): HostPattern | string {
  const text = raw.trim();
  const shape = PATTERN_SHAPE.exec(text);
  const advice =
    'write a host, "*.host" for its subdomains, optionally with ":port" — e.g. "example.com", "*.example.com", "localhost:3000" — or "*" for every host';
  if (!shape) {
    const hint = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/') ? ' (no scheme or path)' : '';
    return `"${raw}" is not a host pattern${hint}: ${advice}`;
  }
  const [, wildcard, rawHost, rawPort] = shape;
  let host: string;
  try {
    host = stripTrailingDot(new URL(`http://${rawHost}/`).hostname);
  } catch {
    return `"${raw}" is not a host pattern: "${rawHost}" is not a valid host name; ${advice}`;
  }
  if (!host) return `"${raw}" is not a host pattern: ${advice}`;
  if (wildcard && (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host))) {
    return `"${raw}" is not a host pattern: "*." goes before a domain name, not an IP address; list the address itself`;
  }
  const port = rawPort === undefined ? null : Number(rawPort);
  if (port !== null && (port < 1 || port > 65535)) return `"${raw}" is not a host pattern: port ${rawPort} is out of range (1-65535)`;
  const source = `${wildcard ? '*.' : ''}${host}${port === null ? '' : `:${port}`}`;
  return { source, host, subdomains: Boolean(wildcard), port };
}

/** Builds an allowlist from patterns that already passed {@link parsePattern}. */
export function allowList(entries: readonly string[]): AllowList {
  const all = entries.some((entry) => entry.trim() === '*');
  const patterns: HostPattern[] = [];
  for (const entry of entries) {
    if (entry.trim() === '*') continue;
    const parsed = parsePattern(entry);
    if (typeof parsed === 'string') throw new Error(parsed);
    if (!patterns.some((known) => known.source === parsed.source)) patterns.push(parsed);
  }
  return { all, patterns };
}

/** The list as status shows it. */
export function describeList(list: AllowList): string[] {
  return list.all ? ['*'] : list.patterns.map((pattern) => pattern.source);
}

function stripTrailingDot(host: string): string {
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function matches(pattern: HostPattern, host: string, port: number): boolean {
  if (pattern.port !== null && pattern.port !== port) return false;
  return pattern.subdomains ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
}

function hostVerdict(list: AllowList, url: URL): Verdict {
  if (list.all) return { allowed: true, rule: '*', reason: 'the list holds "*"' };
  const host = stripTrailingDot(url.hostname);
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol]!;
  const rule = list.patterns.find((pattern) => matches(pattern, host, port));
  return rule ? { allowed: true, rule: rule.source, reason: `matched "${rule.source}"` } : { allowed: false, rule: null, reason: 'not in the list' };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Whether a top-level page may load `url`: about:blank always, http(s) by the navigation list, nothing else. */
export function navigationVerdict(list: AllowList, url: string): Verdict {
  const parsed = parse(url);
  if (!parsed) return { allowed: false, rule: null, reason: 'unable to parse the URL' };
  if (parsed.protocol === 'about:' && parsed.pathname === 'blank') return { allowed: true, rule: 'about:blank', reason: 'about:blank is always allowed' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { allowed: false, rule: null, reason: 'non-http(s) scheme' };
  return hostVerdict(list, parsed);
}

/** Whether a page may fetch `url` as a sub-resource (or load it in a frame): data:, blob: and about: always, http(s)/ws(s) by the resources list. */
export function resourceVerdict(list: AllowList, url: string): Verdict {
  const parsed = parse(url);
  if (!parsed) return { allowed: false, rule: null, reason: 'unable to parse the URL' };
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:')
    return { allowed: true, rule: `${parsed.protocol} (always allowed)`, reason: 'data: and blob: URLs never leave the browser' };
  if (parsed.protocol === 'about:') return { allowed: true, rule: 'about: (always allowed)', reason: 'about: documents load nothing' };
  if (!LISTED_SCHEMES.has(parsed.protocol)) return { allowed: false, rule: null, reason: 'non-http(s) scheme' };
  return hostVerdict(list, parsed);
}

const RESTART = "in .agentbrowserrc.json, then restart the session ('agent-browser close') so the daemon reads it again";

/** `example.com:8080` for a URL with a non-default port, else `example.com`. */
function displayHost(url: URL): string {
  return url.host || url.hostname;
}

/**
 * The answer for a navigation the guard refused, starting like the reference daemon's
 * (`Navigation blocked: …`), then `detail` (what happened to the tab), then what to change.
 */
export function navigationBlockedMessage(url: string, context: { inResources: boolean; detail?: string }): string {
  const detail = context.detail ? ` ${context.detail}` : '';
  const parsed = parse(url);
  if (!parsed) return `Navigation blocked: unable to parse URL "${url}".${detail} Give an absolute http(s) URL, e.g. https://example.com.`;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Navigation blocked: non-http(s) scheme in URL "${url}".${detail} The domain-guard plugin lets tabs open only http(s) pages (and about:blank); no option allows other schemes.`;
  }
  const host = displayHost(parsed);
  const only = context.inResources ? ` It is in "resources", which lets pages load sub-resources from it, but opening it as a page needs "navigation".` : '';
  return `Navigation blocked: ${host} is not in the allowed domains list (${url}).${detail}${only} To allow it, add "${stripTrailingDot(parsed.hostname)}" to the "navigation" option of the domain-guard plugin ${RESTART}.`;
}

/** The answer for an action that would load a sub-resource from a host outside the resources list. */
export function resourceBlockedMessage(url: string): string {
  const parsed = parse(url);
  if (!parsed) return `Resource blocked: unable to parse URL "${url}". Give an absolute http(s) URL.`;
  if (!LISTED_SCHEMES.has(parsed.protocol)) return `Resource blocked: non-http(s) scheme in URL "${url}". Nothing was loaded.`;
  return `Resource blocked: ${displayHost(parsed)} is not in the allowed domains list for sub-resources (${url}). Nothing was loaded. ${resourceAdvice(url)}`;
}

/** Advice for a sub-resource host, for `domain-guard:check`. */
export function resourceAdvice(url: string): string {
  const parsed = parse(url);
  if (!parsed || !LISTED_SCHEMES.has(parsed.protocol)) return 'Only http(s) and ws(s) hosts can be allowed.';
  return `To allow it, add "${stripTrailingDot(parsed.hostname)}" to the "resources" option of the domain-guard plugin ${RESTART}.`;
}

/**
 * Rules for Chromium's `--host-resolver-rules`: every host name resolves to nothing except the
 * hosts of `lists` (ports cannot be expressed there; the routes check them). `null` when a list allows every host.
 */
export function resolverRules(lists: readonly AllowList[], alsoResolve: readonly string[]): string | null {
  if (lists.some((list) => list.all)) return null;
  const hosts = new Set<string>();
  for (const list of lists) {
    for (const pattern of list.patterns) {
      const bare = pattern.host.startsWith('[') ? pattern.host.slice(1, -1) : pattern.host;
      hosts.add(pattern.subdomains ? `*.${bare}` : bare);
      if (bare !== pattern.host) hosts.add(pattern.host);
    }
  }
  for (const host of alsoResolve) hosts.add(host);
  return ['MAP * ~NOTFOUND', ...[...hosts].map((host) => `EXCLUDE ${host}`)].join(', ');
}
