import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class SetCredentials extends ActionCommand {
  static override summary = 'Answer HTTP Basic/Digest authentication with this user name and password.';
  static override examples = ['<%= config.bin %> set credentials admin s3cret'];
  static override aliases = ['set:auth'];
  static override actions = ['credentials'];
  static override args = {
    username: Args.string({ description: 'User name', required: true }),
    password: Args.string({ description: 'Password', required: true }),
  };

  protected request(args: Record<string, unknown>) {
    return { action: 'credentials', username: args.username, password: args.password };
  }
}
