import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Confirm extends ActionCommand {
  static override summary = 'Run an action that waits for confirmation, by the id it answered with; prints what that action answers.';
  static override description =
    'Actions of the categories in confirmActions (config) or AGENT_BROWSER_CONFIRM_ACTIONS answer "needs confirmation" with an id instead of running. An id can be used once and expires after 60 s.';
  static override examples = ['<%= config.bin %> confirm c_8f3a12345678abcd'];
  static override actions = ['confirm'];
  static override args = { id: Args.string({ description: 'The confirmation id (c_…)', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'confirm', confirmationId: args.id };
  }
}
