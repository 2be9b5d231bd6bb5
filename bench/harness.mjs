// What every side-by-side bench script does around its measurements: the flags they share
// (--skip-peers, --json <file>, --chromium <path>, -h/--help), running `main` with the clean-up on
// the way out, and writing the results file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Parses the script's own `options` plus the shared flags; --help prints `usage` and exits.
 * Resolves to { flags, chromium } (the --chromium path, else AGENT_BROWSER_EXECUTABLE_PATH, else Debian's).
 */
export function benchFlags(options, usage) {
  const shared = { 'skip-peers': { type: 'boolean' }, json: { type: 'string' }, chromium: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  const { values: flags } = parseArgs({ options: { ...options, ...shared } });
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  return { flags, chromium: flags.chromium ?? process.env.AGENT_BROWSER_EXECUTABLE_PATH ?? '/usr/lib/chromium/chromium' };
}

/** Writes `data` as indented JSON to `file`, or else to bench/results/<name>-<date>.json, and says where. */
export function writeResults({ file, name, date }, data, progress) {
  const target = file ?? path.join(root, 'bench', 'results', `${name}-${date.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(data, null, 2));
  progress(`results written to ${path.relative(process.cwd(), target) || target}`);
}

/** Runs `main`; a failure is printed as `<what> failed: …` and sets exit code 1; `cleanup` runs either way. */
export async function runBench(main, cleanup, what) {
  try {
    await main();
  } catch (error) {
    process.exitCode = 1;
    console.error(`${what} failed: ${error.stack ?? error}`);
  } finally {
    await cleanup();
  }
}
