import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Playwright from 'playwright-core';

let loaded: typeof Playwright | null = null;

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
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    let end = i + 1;
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end++;
    let escaped = '';
    for (const unit of bytes.toString('utf8', i, end)) {
      for (let k = 0; k < unit.length; k++) escaped += `\\u${unit.charCodeAt(k).toString(16).padStart(4, '0')}`;
    }
    parts.push(bytes.subarray(start, i), Buffer.from(escaped, 'latin1'));
    start = end;
    i = end - 1;
  }
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts).toString('latin1');
}
