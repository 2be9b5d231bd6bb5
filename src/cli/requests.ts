// The requests of the commands an agent runs most, built from parsed arguments without oclif: the
// oclif command classes call these, and so does the fast path (src/cli/fast.ts), which parses the
// same arguments against the command specs generated from those classes.
import path from 'node:path';
import { CliFailure } from './invoke.js';
import { screenshotFile } from '../protocol/screenshot-file.js';

type Values = Record<string, unknown>;

/** Builds a command's wire request from its parsed args, flags and positional argv. */
export type RequestBuilder = (args: Values, flags: Values, argv: string[]) => Record<string, unknown>;

export const WAIT_UNTIL: Record<string, string> = {
  load: 'load',
  domcontentloaded: 'domcontentloaded',
  'dom-content-loaded': 'domcontentloaded',
  networkidle: 'networkidle',
  'network-idle': 'networkidle',
};

/** The reference prepends https:// to bare hosts; loopback hosts get http://, which is what local servers speak. */
export function normalizeUrl(input: string): string {
  if (/^(https?|about|data|file|chrome|view-source|blob):/i.test(input)) return input;
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)(:\d+)?([/?#]|$)/i.test(input)) return `http://${input}`;
  return `https://${input}`;
}

const builders = {
  open(args, flags) {
    let headers: unknown;
    if (typeof flags.headers === 'string') {
      try {
        headers = JSON.parse(flags.headers);
      } catch (error) {
        throw new CliFailure(`--headers must be a JSON object, e.g. '{"Authorization":"Bearer x"}': ${(error as Error).message}`);
      }
    }
    return {
      action: 'navigate',
      url: normalizeUrl(String(args.url)),
      waitUntil: flags['wait-until'] ? WAIT_UNTIL[String(flags['wait-until'])] : undefined,
      headers,
    };
  },
  click: (args, flags) => ({
    action: 'click',
    selector: args.selector,
    button: flags.button,
    clickCount: flags['click-count'],
    delay: flags.delay,
    newTab: flags['new-tab'] || undefined,
  }),
  fill: (args, _flags, argv) => ({ action: 'fill', selector: args.selector, value: argv.slice(1).join(' ') }),
  type: (args, flags, argv) => ({
    action: 'type',
    selector: args.selector,
    text: argv.slice(1).join(' '),
    delay: flags.delay,
    clear: flags.clear || undefined,
  }),
  press: (args, flags) => ({ action: 'press', key: args.key, selector: flags.selector }),
  select(args, _flags, argv) {
    const values = argv.slice(1);
    return { action: 'select', selector: args.selector, values: values.length === 1 ? values[0] : values };
  },
  eval: (_args, _flags, argv) => ({ action: 'evaluate', script: argv.join(' ') }),
  scroll: (args, flags) => ({ action: 'scroll', direction: args.direction, amount: args.amount, selector: flags.selector }),
  snapshot: (_args, flags) => ({
    action: 'snapshot',
    interactive: flags.interactive || undefined,
    compact: flags.compact || undefined,
    maxDepth: flags.depth,
    selector: flags.selector,
    cursor: flags.cursor || undefined,
  }),
  screenshot(args, flags) {
    const format = (flags.format as string | undefined) ?? (flags.quality !== undefined ? 'jpeg' : undefined);
    const file = args.path ? path.resolve(String(args.path)) : screenshotFile(format as 'png' | 'jpeg' | undefined);
    return {
      action: 'screenshot',
      path: file,
      fullPage: flags.full,
      selector: flags.selector,
      format,
      quality: flags.quality,
      annotate: flags.annotate || undefined,
    };
  },
  wait(args, flags) {
    const target = args.target as string | undefined;
    const timeout = flags.timeout as number | undefined;
    const modes = [flags.url, flags.load, flags.fn, flags.text].filter((value) => value !== undefined).length;
    if (modes > 1 || (modes === 1 && target !== undefined))
      throw new CliFailure('Wait for one thing at a time: a selector, a number of ms, --text, --url, --load or --fn.');
    if (flags.url !== undefined) return { action: 'waitforurl', url: flags.url, timeout };
    if (flags.load !== undefined) return { action: 'waitforloadstate', state: flags.load, timeout };
    if (flags.fn !== undefined) return { action: 'waitforfunction', expression: flags.fn, timeout };
    if (target !== undefined && /^\d+$/.test(target)) {
      if (flags.text || flags.state) throw new CliFailure('Give either a number of milliseconds or a selector with --state/--text, not both.');
      return { action: 'wait', timeout: Number(target) };
    }
    return { action: 'wait', selector: target, text: flags.text, state: flags.state, timeout: flags.timeout };
  },
  'get:attr': (args) => ({ action: 'getattribute', selector: args.selector, attribute: args.attribute }),
  tab: (args) => (args.index === undefined ? { action: 'tab_list' } : { action: 'tab_switch', index: args.index }),
  'keyboard:type': (_args, flags, argv) => ({ action: 'keyboard', subaction: 'type', text: argv.join(' '), delay: flags.delay }),
} satisfies Record<string, RequestBuilder>;

/** Request builders by command id (`get:attr` for `get attr`). */
export const REQUESTS: Record<keyof typeof builders, RequestBuilder> = builders;
