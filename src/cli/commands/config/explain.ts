import { Args } from '@oclif/core';
import { BaseCommand, CliFailure, GLOBAL_FLAG_NAMES } from '../../base.js';
import { colorEnabled, painter } from '../../output.js';

export default class ConfigExplain extends BaseCommand {
  static override summary =
    'Explain one configuration key: its value in effect and where it came from, its type, allowed values, environment variable, flag and an example.';
  static override description = 'The key may also be given as its environment variable (AGENT_BROWSER_HEADED). An unknown key names the closest ones.';
  static override examples = [
    '<%= config.bin %> config explain timeout',
    '<%= config.bin %> config explain AGENT_BROWSER_HEADED',
    '<%= config.bin %> config explain viewport --json',
  ];
  static override args = { key: Args.string({ description: 'A config key (see config show), or its environment variable', required: true }) };

  async run(): Promise<unknown> {
    const { args, flags } = await this.parseCommand();
    const { findConfigKey, closestConfigKeys, explainKey } = await import('../../../config/explain.js');
    const name = String(args.key);
    const key = findConfigKey(name);
    if (!key) {
      const closest = closestConfigKeys(name);
      const { CONFIG_KEYS } = await import('../../../config/index.js');
      const hint = closest.length > 0 ? `Did you mean ${closest.map((k) => `"${k}"`).join(' or ')}?` : `The keys are: ${CONFIG_KEYS.join(', ')}.`;
      throw new CliFailure(`Unknown config key "${name}". ${hint} '${this.config.bin} config show' lists every key with its value.`, 'UNKNOWN_CONFIG_KEY');
    }
    const explanation = explainKey(key, await this.loadConfig(), GLOBAL_FLAG_NAMES);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ success: true, data: explanation, error: null })}\n`);
      return explanation;
    }
    const paint = painter(colorEnabled(process.stdout));
    const show = (value: unknown) => (value === undefined || value === null ? '(unset)' : JSON.stringify(value));
    const rows: Array<[string, string]> = [
      ['value', `${show(explanation.value)}  ${paint.dim(`← ${explanation.sourceText}`)}`],
      ['default', show(explanation.default)],
      ['type', explanation.type],
      ['allowed', explanation.allowed],
      ['env', explanation.env ?? 'none'],
      ['flag', explanation.flags.length > 0 ? explanation.flags.join(', ') : 'none'],
      ['example', `${explanation.example.file}   ${paint.dim('(in .agentbrowserrc)')}`],
      ...(explanation.example.env ? [['', `${explanation.example.env}   ${paint.dim('(in the environment)')}`] as [string, string]] : []),
    ];
    const lines = [`${paint.bold(key)}: ${explanation.description}`, ...rows.map(([label, text]) => `  ${label.padEnd(8)} ${text}`)];
    process.stdout.write(`${lines.join('\n')}\n`);
    return explanation;
  }
}
