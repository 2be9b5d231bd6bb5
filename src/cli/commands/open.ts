import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../base.js';
import { REQUESTS, WAIT_UNTIL } from '../requests.js';

export { normalizeUrl } from '../requests.js';

export default class Open extends ActionCommand {
  static override actions = ['navigate'];
  static override summary = 'Open a URL in the active tab (starts the daemon and browser when needed).';
  static override aliases = ['goto', 'navigate'];
  static override examples = [
    '<%= config.bin %> open example.com',
    '<%= config.bin %> open http://127.0.0.1:3000/login --wait-until networkidle',
    '<%= config.bin %> --session work open about:blank',
  ];
  static override args = { url: Args.string({ description: 'URL; https:// is added to bare hosts, http:// to localhost/127.0.0.1', required: true }) };
  static override flags = {
    'wait-until': Flags.string({ description: 'When navigation counts as done.', options: Object.keys(WAIT_UNTIL) }),
    headers: Flags.string({ description: 'JSON object of HTTP headers sent to this URL’s host only.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>, argv: string[]) {
    return REQUESTS.open(args, flags, argv);
  }
}
