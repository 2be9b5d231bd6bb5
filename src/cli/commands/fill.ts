import { Args } from '@oclif/core';
import { ActionCommand, selectorArg } from '../base.js';
import { REQUESTS } from '../requests.js';

export default class Fill extends ActionCommand {
  static override actions = ['fill'];
  static override summary = 'Clear an input and fill it with text.';
  static override examples = ['<%= config.bin %> fill @e3 user@example.com', '<%= config.bin %> fill "#bio" Hello there'];
  static override strict = false;
  static override args = { selector: selectorArg, text: Args.string({ description: 'Text (the rest of the line, joined with spaces)' }) };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.fill(args, flags, argv);
  }
}
