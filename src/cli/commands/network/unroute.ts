import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class NetworkUnroute extends ActionCommand {
  static override summary = 'Remove the route for a URL glob, or every route.';
  static override examples = ['<%= config.bin %> network unroute "**/api/user"', '<%= config.bin %> network unroute'];
  static override actions = ['unroute'];
  static override args = { url: Args.string({ description: 'The glob given to "network route" (all routes when omitted)' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'unroute', url: args.url };
  }
}
