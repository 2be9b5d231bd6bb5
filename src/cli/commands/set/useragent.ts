import { Args } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class SetUseragent extends ActionCommand {
  static override summary = 'Set the user agent (navigator.userAgent and the User-Agent header); reopens the tabs.';
  static override examples = [
    '<%= config.bin %> set useragent "MyBot/1.0 (+https://example.com/bot)"',
    '<%= config.bin %> set useragent Mozilla/5.0 MyAgent/2',
  ];
  static override aliases = ['set:user-agent'];
  static override actions = ['useragent'];
  static override strict = false;
  static override args = { userAgent: Args.string({ description: 'User agent (the rest of the line, joined with spaces)', required: true }) };

  protected request(_args: Record<string, unknown>, _flags: Record<string, unknown>, argv: string[]) {
    return { action: 'useragent', userAgent: argv.join(' ') };
  }
}
