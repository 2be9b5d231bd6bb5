import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Playwright from 'playwright-core';
import type { Frame, Locator } from 'playwright-core';

let loaded: typeof Playwright | null = null;

/**
 * The selector engine that matches nothing and runs in the page's main world (see `inMainWorld`).
 * Playwright sends an engine to the contexts it knows when it is registered and to contexts made
 * later, but not to the contexts of a browser attached over CDP that existed before; so every
 * launch or attach registers one under a new name, which reaches every context there is.
 */
let mainWorldEngine = '';
let engines = 0;

/** Registers a main-world engine that reaches every browser context open now (see `mainWorldEngine`). */
export async function reachMainWorld(): Promise<void> {
  const name = `agent_browser_main_${++engines}`;
  await (await loadPlaywright()).selectors.register(name, () => ({ query: () => null, queryAll: () => [] }));
  mainWorldEngine = name;
}

/**
 * `locator` resolved in the page's main world instead of Playwright's isolated one: a selector
 * with an engine that needs the main world (ours matches nothing, so the union is `locator`)
 * makes Playwright evaluate the whole query there. Snapshots taken this way keep their
 * element-bound `aria-ref`s where `evaluateAll` and the actions look them up, so checking a ref's
 * element takes one call into the page instead of a handle first.
 */
export function inMainWorld(frame: Frame, locator: Locator): Locator {
  return locator.or(frame.locator(`${mainWorldEngine}=none`));
}

/**
 * playwright-core, loaded on first use: it takes most of a second and tens of MiB, which a daemon
 * must not pay before it answers its first request. The daemon starts loading it in the background
 * once it serves, so the first launch rarely waits for it. It is required rather than imported:
 * importing CommonJS from ESM makes Node scan its multi-megabyte bundles for export names.
 */
export async function loadPlaywright(): Promise<typeof Playwright> {
  loaded ??= requireCompactly('playwright-core') as typeof Playwright;
  return loaded;
}

type Loader = (module: { _compile(source: string, filename: string): void }, filename: string) => void;

/**
 * Requires `id` with the non-ASCII characters of playwright-core's bundles written as `\uXXXX`
 * escapes. V8 keeps each script's source for lazy compilation, and the two hundred such characters
 * (mostly box drawing in comments) make it keep 7 MB of bundles as two-byte strings, 7 MiB of RSS.
 * An escape stands for the same character in every place these occur: comments, strings, templates.
 */
function requireCompactly(id: string): unknown {
  const require = createRequire(import.meta.url);
  const extensions = (require('node:module') as { _extensions: Record<string, Loader> })._extensions;
  const original = extensions['.js']!;
  const bundles = `${path.sep}playwright-core${path.sep}lib${path.sep}`;
  extensions['.js'] = (module, filename) => {
    if (!filename.includes(bundles)) return original(module, filename);
    module._compile(asciiSource(fs.readFileSync(filename)), filename);
  };
  try {
    return require(id);
  } finally {
    extensions['.js'] = original;
  }
}

/** UTF-8 source as a one-byte string, each non-ASCII character as `\uXXXX` escapes. */
function asciiSource(bytes: Buffer): string {
  // Read as latin1, each run of non-ASCII bytes is a run of whole UTF-8 characters; a regular
  // expression finds the few runs in 7 MB far faster than a loop over the bytes.
  return bytes.toString('latin1').replace(/[\x80-\xff]+/g, (run) => {
    let escaped = '';
    const text = Buffer.from(run, 'latin1').toString('utf8');
    for (let k = 0; k < text.length; k++) escaped += `\\u${text.charCodeAt(k).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
