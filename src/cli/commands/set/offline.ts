import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class SetOffline extends ActionCommand {
  static override summary = 'Take the browser off the network (on, the default) or back on (off).';
  static override examples = ['<%= config.bin %> set offline', '<%= config.bin %> set offline off'];
  static override actions = ['offline'];
  static override args = { state: Args.string({ description: 'on or off', options: ['on', 'off', 'true', 'false'], default: 'on' }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'offline', offline: args.state === 'on' || args.state === 'true' };
  }
}
