import fs from 'node:fs';
import path from 'node:path';
import { CliFailure } from './base.js';

/** The code an `inject` command sends: inline text (rest of the line) or a local file's content. */
export function inlineOrFile(argv: string[], file: unknown): string | undefined {
  if (typeof file === 'string') {
    const resolved = path.resolve(file);
    if (!fs.existsSync(resolved)) throw new CliFailure(`File not found: ${resolved}`);
    return fs.readFileSync(resolved, 'utf8');
  }
  return argv.length > 0 ? argv.join(' ') : undefined;
}

export function requireSource(value: unknown, hint: string): void {
  if (value === undefined) throw new CliFailure(`Missing argument: ${hint}`);
}
