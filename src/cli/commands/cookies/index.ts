import { Flags } from '@oclif/core';
import { ActionCommand } from '../../base.js';

export default class Cookies extends ActionCommand {
  static override summary = 'Print the browser’s cookies as name=value lines (--json for every field).';
  static override description = 'Same as "cookies get". Subcommands: cookies get, cookies set, cookies clear.';
  static override examples = ['<%= config.bin %> cookies', '<%= config.bin %> cookies --url https://example.com --json'];
  static override actions = ['cookies_get'];
  static override flags = {
    url: Flags.string({ description: 'Only cookies that would be sent to this URL (repeatable).', multiple: true, multipleNonGreedy: true }),
  };

  protected request(_: Record<string, unknown>, flags: Record<string, unknown>) {
    return { action: 'cookies_get', urls: flags.url };
  }
}
