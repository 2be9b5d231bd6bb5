import type { Hook } from '@oclif/core';
import { closestNames } from '../../protocol/suggest.js';
import { GLOBAL_BOOLEAN_FLAGS, GLOBAL_VALUE_FLAGS } from '../argv.js';
import { colorEnabled, painter } from '../output.js';

/** Unknown commands exit 1 with the closest real command, instead of oclif's "command x:y not found". */
/** `--name value`, `--name=value`, `--flag`, `--no-flag` → action params (values parsed as JSON when they parse). */
export function paramsFromArgv(argv: string[]): { params: Record<string, unknown>; passThrough: string[]; stray: string[] } {
  const params: Record<string, unknown> = {};
  const passThrough: string[] = [];
  const stray: string[] = [];
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--')) {
      stray.push(token);
      continue;
    }
    const [flag, inline] = token.includes('=') ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)] : [token, undefined];
    if (GLOBAL_BOOLEAN_FLAGS.has(flag)) passThrough.push(token);
    else if (GLOBAL_VALUE_FLAGS.has(flag)) passThrough.push(...(inline !== undefined ? [token] : [token, argv[++i] ?? '']));
    else if (flag === '--params') Object.assign(params, parse(inline ?? argv[++i] ?? '{}'));
    else if (inline !== undefined) params[flag.slice(2)] = parse(inline);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) params[flag.slice(2)] = parse(argv[++i]!);
    else if (flag.startsWith('--no-')) params[flag.slice(5)] = false;
    else params[flag.slice(2)] = true;
  }
  return { params, passThrough, stray };
}

const hook: Hook.CommandNotFound = async function (options) {
  const separator = this.config.topicSeparator ?? ' ';
  const [first] = options.id.split(':');
  const topics = new Set(this.config.commands.map((command) => command.id.split(':')[0]));
  // oclif joins space-separated words with ':' too ('clik @e1' arrives as 'clik:@e1'), so only a
  // word typed with its colon (`links:list`) names a plugin action.
  const typedAsOneWord = process.argv.slice(2).includes(options.id);
  if (typedAsOneWord && options.id.includes(':') && !topics.has(first!)) {
    // `agent-browser links:list --limit 5`: a plugin action the daemon may know; it answers if it does not.
    const { params, passThrough, stray } = paramsFromArgv(options.argv ?? []);
    if (stray.length > 0) {
      process.stderr.write(
        `${painter(colorEnabled(process.stderr)).red('✗')} Plugin actions take named params (--name value), not ${JSON.stringify(stray.join(' '))}.\n`,
      );
      process.exitCode = 1;
      return;
    }
    return this.config.runCommand('run', [options.id, '--params', JSON.stringify(params), ...passThrough]);
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
