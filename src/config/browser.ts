/**
 * The browser the daemon launches: which binary (found here) and the flags it always gets. No
 * playwright import, so the CLI (`doctor`) can ask the same questions the daemon does: the caller
 * passes what playwright-core's `chromium.executablePath()` returned.
 *
 * Order: an explicit path (flag, env or config; if it does not exist that is an error, never a
 * silent fall-through), then the browser Playwright installed, then the usual install locations of
 * Chromium, Chrome and Edge for the platform.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export interface DiscoveryInput {
  /** A path the user named, and where: 'flag --executable-path', 'env AGENT_BROWSER_EXECUTABLE_PATH', 'config file /x/.agentbrowserrc'. */
  explicit?: { path: string; from: string };
  /** What playwright-core's `chromium.executablePath()` returned (it may not exist). */
  playwrightPath?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Defaults to "is an executable file". */
  exists?: (p: string) => boolean;
}

export interface DiscoveryResult {
  path: string;
  /** Where the path came from, for messages: the explicit `from`, 'Playwright browser', 'installed browser'. */
  source: string;
}

export class BrowserNotFoundError extends Error {
  readonly code = 'BROWSER_NOT_FOUND';
  /** Every path that was checked, in order. */
  readonly tried: string[];

  constructor(message: string, tried: string[]) {
    super(message);
    this.name = 'BrowserNotFoundError';
    this.tried = tried;
  }
}

/** Chromium flags that keep it from reaching out to the network on its own; every launch gets them. */
export const QUIET_CHROMIUM_ARGS: readonly string[] = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const PLAYWRIGHT_SOURCE = 'Playwright browser';
export const INSTALLED_SOURCE = 'installed browser';

const HOW_TO_POINT =
  'or point agent-browser at an existing Chrome, Chromium or Edge binary with --executable-path <path>, ' +
  'the AGENT_BROWSER_EXECUTABLE_PATH environment variable, or "executablePath" in .agentbrowserrc';

/** True when `p` is a file this process may execute. */
function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    if (platform !== 'win32') accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Environment lookup that ignores case, as Windows does. */
function envValue(env: NodeJS.ProcessEnv, name: string, platform: NodeJS.Platform): string | undefined {
  const direct = env[name];
  if (direct) return direct;
  if (platform !== 'win32') return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(env)) {
    if (key.toLowerCase() === lower && value) return value;
  }
  return undefined;
}

/** The usual install locations of Chromium-family browsers on `platform`, most preferred first. */
export function candidateBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
    const home = envValue(env, 'HOME', platform);
    const folders = ['/Applications', ...(home ? [path.posix.join(home, 'Applications')] : [])];
    return folders.flatMap((folder) => apps.map((app) => path.posix.join(folder, app)));
  }

  if (platform === 'win32') {
    const userProfile = envValue(env, 'USERPROFILE', platform);
    const localAppData = envValue(env, 'LOCALAPPDATA', platform) ?? (userProfile ? path.win32.join(userProfile, 'AppData', 'Local') : undefined);
    const programFiles = envValue(env, 'PROGRAMFILES', platform) ?? 'C:\\Program Files';
    const programFilesX86 = envValue(env, 'PROGRAMFILES(X86)', platform) ?? 'C:\\Program Files (x86)';
    const bases = [...new Set([localAppData, programFiles, programFilesX86].filter((base): base is string => !!base))];
    const browsers = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
    ];
    return browsers.flatMap((parts) => bases.map((base) => path.win32.join(base, ...parts)));
  }

  // Linux and the other Unixes.
  return [
    // Debian's real binary: starts faster than the /usr/bin/chromium wrapper script, prints no warning.
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/lib/chromium-browser/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
    '/usr/local/bin/chromium',
    '/usr/local/bin/chrome',
  ];
}

/** How to get a browser on `platform`, as the lines of a "To fix" list. */
export function installAdvice(platform: NodeJS.Platform): string[] {
  switch (platform) {
    case 'darwin':
      return ['install one: brew install --cask chromium, or Google Chrome from https://www.google.com/chrome/', HOW_TO_POINT];
    case 'win32':
      return ['install Google Chrome from https://www.google.com/chrome/ (or: winget install Google.Chrome)', HOW_TO_POINT];
    default:
      return [
        'install one: sudo apt-get install chromium (Debian/Ubuntu), sudo dnf install chromium (Fedora), or Google Chrome from https://www.google.com/chrome/',
        HOW_TO_POINT,
      ];
  }
}

/** Finds the browser to launch, or throws a `BrowserNotFoundError` that lists what was tried and how to fix it. */
export function findBrowser(input: DiscoveryInput): DiscoveryResult {
  const platform = input.platform ?? process.platform;
  const env = input.env ?? process.env;
  const exists = input.exists ?? ((p: string) => isExecutableFile(p, platform));

  if (input.explicit) {
    const { path: explicitPath, from } = input.explicit;
    if (exists(explicitPath)) return { path: explicitPath, source: from };
    const lines = [`The browser executable "${explicitPath}" set by ${from} does not exist or is not an executable file.`];
    if (/\.app\/?$/i.test(explicitPath)) {
      lines.push(`On macOS, name the binary inside the app bundle, e.g. "${explicitPath.replace(/\/$/, '')}/Contents/MacOS/<name>".`);
    }
    lines.push(`Fix or remove that setting (${from}); without it agent-browser looks for an installed Chrome or Chromium by itself.`);
    throw new BrowserNotFoundError(lines.join('\n'), [explicitPath]);
  }

  const tried: string[] = [];
  if (input.playwrightPath) {
    tried.push(input.playwrightPath);
    if (exists(input.playwrightPath)) return { path: input.playwrightPath, source: PLAYWRIGHT_SOURCE };
  }
  for (const candidate of candidateBrowserPaths(platform, env)) {
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    if (exists(candidate)) return { path: candidate, source: INSTALLED_SOURCE };
  }

  const message = [
    'No Chrome or Chromium browser found. Looked for:',
    ...tried.map((p) => `  - ${p}${p === input.playwrightPath ? ` (${PLAYWRIGHT_SOURCE})` : ''}`),
    'To fix it, either:',
    ...installAdvice(platform).map((line) => `  - ${line}`),
  ].join('\n');
  throw new BrowserNotFoundError(message, tried);
}
