import fs from 'node:fs';

/**
 * The package version, read once from package.json. Looked up from this module's folder upward,
 * so it holds in dist/ and in the CLI's bundled fast path (dist/cli/fast.bundle.js) alike.
 */
export const VERSION: string = (() => {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(fs.readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'agent-browser-host' && manifest.version) return manifest.version;
    } catch {
      // not this folder
    }
  }
  throw new Error('agent-browser: package.json not found next to dist/');
})();
