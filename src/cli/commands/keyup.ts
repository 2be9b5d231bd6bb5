import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Keyup extends ActionCommand {
  static override summary = 'Release a key held with keydown.';
  static override examples = ['<%= config.bin %> keyup Shift'];
  static override actions = ['keyup'];
  static override args = { key: Args.string({ description: 'Key name, e.g. Shift, Control, a', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'keyup', key: args.key };
  }
}
