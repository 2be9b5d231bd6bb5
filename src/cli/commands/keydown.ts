import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Keydown extends ActionCommand {
  static override summary = 'Hold a key down until keyup (e.g. Shift while clicking).';
  static override examples = ['<%= config.bin %> keydown Shift'];
  static override actions = ['keydown'];
  static override args = { key: Args.string({ description: 'Key name, e.g. Shift, Control, a', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'keydown', key: args.key };
  }
}
