import { Args } from '@oclif/core';
import { ActionCommand, CliFailure, type Parsed } from '../../base.js';

export default class SetHeaders extends ActionCommand {
  static override summary = 'Send extra HTTP headers with every request of every tab (replaces earlier ones; {} removes them).';
  static override examples = ['<%= config.bin %> set headers \'{"Authorization":"Bearer abc","X-Env":"staging"}\''];
  static override actions = ['headers'];
  static override args = { json: Args.string({ description: 'A JSON object of header names to string values', required: true }) };

  protected request({ args }: Parsed<typeof SetHeaders>) {
    let headers: unknown;
    try {
      headers = JSON.parse(args.json);
    } catch (error) {
      throw new CliFailure(`Headers must be a JSON object, e.g. '{"X-Env":"staging"}': ${(error as Error).message}`, 'INVALID_ARGUMENTS');
    }
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
      throw new CliFailure(`Headers must be a JSON object, e.g. '{"X-Env":"staging"}'.`, 'INVALID_ARGUMENTS');
    const entries: Array<[string, unknown]> = Object.entries(headers);
    const bad = entries.find(([, value]) => typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean');
    if (bad) throw new CliFailure(`Header "${bad[0]}" needs a string value.`, 'INVALID_ARGUMENTS');
    return { action: 'headers', headers: Object.fromEntries(entries.map(([name, value]) => [name, String(value)])) };
  }
}
