import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Deny extends ActionCommand {
  static override summary = 'Drop an action that waits for confirmation, by the id it answered with, without running it.';
  static override examples = ['<%= config.bin %> deny c_8f3a12345678abcd'];
  static override actions = ['deny'];
  static override args = { id: Args.string({ description: 'The confirmation id (c_…)', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'deny', confirmationId: args.id };
  }
}
