import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class EvalHandle extends ActionCommand {
  static override actions = ['evalhandle'];
  static override summary =
    'Evaluate a JavaScript expression via a handle: prints its JSON value, or "Handle (non-serializable)" for elements, functions, windows.';
  static override examples = ['<%= config.bin %> evalhandle "document.body"', '<%= config.bin %> evalhandle "({a: 1, b: [2, 3]})"'];
  static override strict = false;
  static override args = { script: Args.string({ description: 'Expression (the rest of the line, joined with spaces)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'evalhandle', script: argv.join(' ') };
  }
}
