import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class CookiesGet extends ActionCommand {
  static override summary = 'Print the browser’s cookies, all of them or those for the given URLs.';
  static override examples = ['<%= config.bin %> cookies get', '<%= config.bin %> cookies get --url https://example.com --url https://api.example.com'];
  static override actions = ['cookies_get'];
  static override flags = {
    url: Flags.string({ description: 'Only cookies that would be sent to this URL (repeatable).', multiple: true, multipleNonGreedy: true }),
  };

  protected request(_: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'cookies_get', urls: flags.url };
  }
}
