import path from 'node:path';

/**
 * Node's `path` with the rules of `platform`: `path.win32` for Windows, `path.posix` elsewhere
 * (on the platform it runs on, that is plain `path`). Lets tests apply another OS's rules.
 */
export function platformPath(platform: NodeJS.Platform = process.platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands a leading `~` (alone, or followed by a path separator) to `home`. */
export function expandHome(p: string, home: string, platform?: NodeJS.Platform): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return platformPath(platform).join(home, p.slice(2));
  return p;
}

/** Absolute path for `p`: `~` expanded, relative paths taken from `baseDir`. */
export function resolvePath(p: string, baseDir: string, home: string, platform?: NodeJS.Platform): string {
  return platformPath(platform).resolve(baseDir, expandHome(p, home, platform));
}

/** True for plugin specs that name a file or folder rather than a package. */
export function isLocalSpec(spec: string, platform?: NodeJS.Platform): boolean {
  return spec === '.' || spec === '..' || spec === '~' || /^(\.{1,2}|~)[\\/]/.test(spec) || platformPath(platform).isAbsolute(spec);
}

/** `p` with the home directory shown as `~` (for display only). */
export function tildify(p: string, home: string): string {
  if (!home || home === path.parse(home).root) return p;
  if (p === home) return '~';
  const prefix = home.endsWith(path.sep) ? home : home + path.sep;
  return p.startsWith(prefix) ? `~${path.sep}${p.slice(prefix.length)}` : p;
}

/** agent-browser's own folder in a home directory (`~/.agent-browser`): states, the auth vault and its key. */
export function appDir(home: string): string {
  return path.join(home, '.agent-browser');
}
