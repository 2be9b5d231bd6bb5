import { Args, Flags } from '@oclif/core';
import { ActionCommand, CliFailure } from '../base.js';

const WAIT_UNTIL: Record<string, string> = { load: 'load', domcontentloaded: 'domcontentloaded', 'dom-content-loaded': 'domcontentloaded', networkidle: 'networkidle', 'network-idle': 'networkidle' };

/** The reference prepends https:// to bare hosts; loopback hosts get http://, which is what local servers speak. */
export function normalizeUrl(input: string): string {
  if (/^(https?|about|data|file|chrome|view-source|blob):/i.test(input)) return input;
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?([/?#]|$)/i.test(input)) return `http://${input}`;
  return `https://${input}`;
}

export default class Open extends ActionCommand {
  static override actions = ['navigate'];
  static override summary = 'Open a URL in the active tab (starts the daemon and browser when needed).';
  static override aliases = ['goto', 'navigate'];
  static override examples = ['<%= config.bin %> open example.com', '<%= config.bin %> open http://127.0.0.1:3000/login --wait-until networkidle', '<%= config.bin %> --session work open about:blank'];
  static override args = { url: Args.string({ description: 'URL; https:// is added to bare hosts, http:// to localhost/127.0.0.1', required: true }) };
  static override flags = {
    'wait-until': Flags.string({ description: 'When navigation counts as done.', options: Object.keys(WAIT_UNTIL) }),
    headers: Flags.string({ description: 'JSON object of HTTP headers sent to this URL’s host only.' }),
  };

  protected request(args: Record<string, unknown>, flags: Record<string, unknown>) {
    let headers: unknown;
    if (typeof flags.headers === 'string') {
      try {
        headers = JSON.parse(flags.headers);
      } catch (error) {
        throw new CliFailure(`--headers must be a JSON object, e.g. '{"Authorization":"Bearer x"}': ${(error as Error).message}`);
      }
    }
    return { action: 'navigate', url: normalizeUrl(String(args.url)), waitUntil: flags['wait-until'] ? WAIT_UNTIL[String(flags['wait-until'])] : undefined, headers };
  }
}
