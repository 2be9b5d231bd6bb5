import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class SetTimezone extends ActionCommand {
  static override summary = 'Set the time zone pages see (Intl, Date); reopens the tabs.';
  static override examples = ['<%= config.bin %> set timezone Europe/Berlin', '<%= config.bin %> set timezone America/New_York'];
  static override actions = ['timezone'];
  static override args = { timezone: Args.string({ description: 'IANA time zone name', required: true }) };

  protected request(args: Record<string, unknown>) {
    return { action: 'timezone', timezone: args.timezone };
  }
}
