import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Eval extends ActionCommand {
  static override actions = ['evaluate'];
  static override summary = 'Evaluate a JavaScript expression in the page and print the result as JSON.';
  static override examples = ['<%= config.bin %> eval document.title', `<%= config.bin %> eval "[...document.querySelectorAll('a')].length"`];
  static override strict = false;
  static override args = { script: Args.string({ description: 'Expression (the rest of the line, joined with spaces)', required: true }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.eval(args, flags, argv);
  }
}
