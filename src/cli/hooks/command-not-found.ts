import type { Hook } from '@oclif/core';
import { closestNames } from '../../protocol/suggest.js';
import { GLOBAL_BOOLEAN_FLAGS, GLOBAL_VALUE_FLAGS } from '../argv.js';
import { colorEnabled, painter } from '../output.js';

/** The global flags among a plugin action's tokens (they stay with the command), and the rest. */
function splitGlobals(argv: readonly string[]): { globals: string[]; rest: string[] } {
  const globals: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const flag = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    if (GLOBAL_BOOLEAN_FLAGS.has(flag)) globals.push(token);
    else if (GLOBAL_VALUE_FLAGS.has(flag)) globals.push(...(token.includes('=') ? [token] : [token, argv[++i] ?? '']));
    else rest.push(token);
  }
  return { globals, rest };
}

/** Unknown commands exit 1 with the closest real command, instead of oclif's "command x:y not found". */
const hook: Hook.CommandNotFound = async function (options) {
  const separator = this.config.topicSeparator ?? ' ';
  const [first] = options.id.split(':');
  const topics = new Set(this.config.commands.map((command) => command.id.split(':')[0]));
  // oclif joins space-separated words with ':' too ('clik @e1' arrives as 'clik:@e1'), so only a
  // word typed with its colon (`links:list`) names a plugin action.
  const typedAsOneWord = process.argv.slice(2).includes(options.id);
  if (typedAsOneWord && options.id.includes(':') && !topics.has(first!)) {
    // `agent-browser links:list --limit 5`: a plugin action the daemon may know; `run` reads the
    // flags against its schema (src/cli/plugin-action.ts).
    const { globals, rest } = splitGlobals(options.argv ?? []);
    return this.config.runCommand('run', [options.id, '--plugin-argv', JSON.stringify(rest), ...globals]);
  }
  const known = this.config.commands
    .flatMap((command) => [command.id, ...command.aliases, ...(command.hiddenAliases ?? [])])
    .map((id) => id.replaceAll(':', separator));
  const words = options.id.split(':');
  let typed = words[0]!;
  let suggestions: string[] = [];
  for (let count = Math.min(words.length, 3); count >= 1 && suggestions.length === 0; count--) {
    const attempt = words.slice(0, count).join(separator);
    const sameLength = known.filter((id) => id.split(separator).length === count);
    suggestions = closestNames(attempt, sameLength, { limit: 2 });
    if (suggestions.length > 0 || count === 1) typed = attempt;
  }
  const bin = this.config.bin;
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${bin} ${s}'`).join(' or ')}?` : '';
  const message = `Unknown command: ${typed}.${hint} Run '${bin} --help' to list commands.`;
  if (options.argv?.includes('--json')) process.stdout.write(`${JSON.stringify({ success: false, data: null, error: message, code: 'UNKNOWN_COMMAND' })}\n`);
  else process.stderr.write(`${painter(colorEnabled(process.stderr)).red('✗')} ${message}\n`);
  process.exitCode = 1;
};

export default hook;
