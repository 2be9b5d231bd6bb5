// The command specs the build derives from the action contracts (bin/build-specs.js writes
// dist/cli/command-specs.json): read once per process, by the fast path and by oclif's command table.
import fs from 'node:fs';
import type { CommandSpecs } from './command-line.js';

const SPECS_FILE = new URL('./command-specs.json', import.meta.url);

let specsCache: CommandSpecs | null | undefined;

/** The generated specs, or null when the build did not write them. */
export function commandSpecs(): CommandSpecs | null {
  if (specsCache === undefined) {
    try {
      specsCache = JSON.parse(fs.readFileSync(SPECS_FILE, 'utf8')) as CommandSpecs;
    } catch {
      specsCache = null;
    }
  }
  return specsCache;
}

/**
 * The values an enum param of an action accepts, from the contracts (for a command class's flag
 * `options`); undefined when the build wrote no specs, and the daemon's validation has the last word.
 */
export function paramOptions(action: string, param: string): string[] | undefined {
  return commandSpecs()?.options?.[action]?.[param];
}
