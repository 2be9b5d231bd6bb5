import { Args } from '@oclif/core';
import { ActionCommand } from '../base.js';

export default class Cancel extends ActionCommand {
  static override actions = ['cancel'];
  static override summary = 'Cancel a queued or running request by its id (daemon status shows the running one); it answers CANCELLED.';
  static override examples = ['<%= config.bin %> daemon status', '<%= config.bin %> cancel cli-41234'];
  static override args = { id: Args.string({ description: 'The id of the request to cancel', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'cancel', requestId: args.id };
  }
}
