import type { Hook } from '@oclif/core';
import { closestNames } from '../../protocol/suggest.js';
import { colorEnabled, painter } from '../output.js';

/** Unknown commands exit 1 with the closest real command, instead of oclif's "command x:y not found". */
const hook: Hook.CommandNotFound = async function (options) {
  const separator = this.config.topicSeparator ?? ' ';
  const known = this.config.commands.flatMap((command) => [command.id, ...command.aliases, ...(command.hiddenAliases ?? [])]).map((id) => id.replaceAll(':', separator));
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
