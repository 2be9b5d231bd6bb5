// The request a command declared as data sends, built from its parsed args and flags as its spec
// (dist/cli/command-specs.json, derived from the action contracts) says. oclif's commands, the
// fast path and `batch` all build requests here. A few commands need a step data cannot say; their
// finishers are below, named by the contract's `finish`.
import path from 'node:path';
import { screenshotFile } from '../protocol/screenshot-file.js';
import type { CommandSpec } from './command-line.js';
import { CliFailure } from './invoke.js';
import { statePathArg } from './state-files.js';

/** A request on its way to the daemon: `action` plus the action's params. */
export type WireRequest = { action: string } & Record<string, unknown>;

/** What a command line was read into (oclif's or the fast parser's output). */
export interface ReadValues {
  args: Record<string, unknown>;
  flags: Record<string, unknown>;
  /** The positional words, as oclif's `argv`. */
  argv: string[];
}

/** The wait-until spellings the reference CLI accepts, by the wire value. */
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

/** The sub-actions `find` runs on the element it found. */
export const FIND_ACTIONS = ['click', 'fill', 'check', 'hover', 'text'] as const;

/** `[action] [text…]` after the locator's own arguments: the sub-action (default click) and fill's text. */
export function subaction(rest: string[], usage: string): { subaction: string; value?: string } {
  const [action = 'click', ...words] = rest;
  if (!(FIND_ACTIONS as readonly string[]).includes(action)) {
    throw new CliFailure(`Unknown find action "${action}": use ${FIND_ACTIONS.join(', ')}. Quote values with spaces: ${usage}`, 'INVALID_ARGUMENTS');
  }
  if (action !== 'fill' && words.length > 0) {
    throw new CliFailure(`"${action}" takes no text, but got "${words.join(' ')}". Quote values with spaces: ${usage}`, 'INVALID_ARGUMENTS');
  }
  return action === 'fill' ? { subaction: action, value: words.join(' ') } : { subaction: action };
}

/** Finishers: the step after the data mapping for commands whose request data cannot describe. */
const FINISHERS: Record<string, (request: WireRequest, values: ReadValues, spec: CommandSpec) => WireRequest> = {
  /** `find <kind> <value> [action] [text…]`: the sub-action (default click) and fill's text. */
  find(request, { argv }, spec) {
    const rest = argv.slice(1);
    const value = spec.args[0]?.name === 'selector' ? '"<selector>"' : '"two words"';
    return { ...request, ...subaction(rest, `agent-browser ${spec.id.replaceAll(':', ' ')} ${value} ${rest[0] ?? 'click'}`) };
  },
  /** `open`: the reference's wait-until spellings (`network-idle` is `networkidle`). */
  open(request, { flags }) {
    return typeof flags['wait-until'] === 'string' ? { ...request, waitUntil: WAIT_UNTIL[flags['wait-until']] } : request;
  },
  /** `screenshot`: a file in the temp folder when no path is given; --quality implies JPEG. */
  screenshot(request, { args, flags }) {
    const format = typeof flags.format === 'string' ? flags.format : flags.quality !== undefined ? 'jpeg' : undefined;
    const file = typeof args.path === 'string' ? path.resolve(args.path) : screenshotFile(format === 'jpeg' || format === 'png' ? format : undefined);
    return { ...request, path: file, format };
  },
  /** `select`: one value goes as a string, several as a list (as the reference CLI sends them). */
  select(request) {
    const values = request.values;
    return Array.isArray(values) && values.length === 1 ? { ...request, values: values[0] } : request;
  },
  /** `tab`: the tab list, or a switch to tab <n>. */
  tab(request, { args }) {
    return args.index === undefined ? { action: 'tab_list' } : request;
  },
  /** `set offline [on|off]`. */
  offline(request, { args }) {
    return { ...request, offline: args.state === undefined || args.state === 'on' || args.state === 'true' };
  },
  /** `profiler start --categories a,b`. */
  categories(request, { flags }) {
    if (typeof flags.categories !== 'string') return request;
    const categories = flags.categories
      .split(',')
      .map((category) => category.trim())
      .filter(Boolean);
    return { ...request, categories };
  },
  /** `state save|load <name|path>`: a bare name stays a name in the state folder; a path is made absolute. */
  statePath(request) {
    return typeof request.path === 'string' ? { ...request, path: statePathArg(request.path) } : request;
  },
  /** `frame <selector>|--name|--url`, or `frame main` back to the page. */
  frame(request, { args, flags }) {
    if (args.selector === 'main' && !flags.name && !flags.url) return { action: 'mainframe' };
    if (args.selector === undefined && !flags.name && !flags.url)
      throw new CliFailure("frame needs the <iframe>'s selector or ref, --name or --url (or 'main' to go back to the page).", 'INVALID_ARGUMENTS');
    return request;
  },
  /** `wait`: one of a selector, a number of ms, --text, --url, --load or --fn, each its own action. */
  wait(request, { args, flags }) {
    const target = typeof args.target === 'string' ? args.target : undefined;
    const timeout = flags.timeout;
    const modes = [flags.url, flags.load, flags.fn, flags.text].filter((value) => value !== undefined).length;
    if (modes > 1 || (modes === 1 && target !== undefined))
      throw new CliFailure('Wait for one thing at a time: a selector, a number of ms, --text, --url, --load or --fn.', 'INVALID_ARGUMENTS');
    if (flags.url !== undefined) return { action: 'waitforurl', url: flags.url, timeout };
    if (flags.load !== undefined) return { action: 'waitforloadstate', state: flags.load, timeout };
    if (flags.fn !== undefined) return { action: 'waitforfunction', expression: flags.fn, timeout };
    if (target !== undefined && /^\d+$/.test(target)) {
      if (flags.text || flags.state)
        throw new CliFailure('Give either a number of milliseconds or a selector with --state/--text, not both.', 'INVALID_ARGUMENTS');
      return { action: 'wait', timeout: Number(target) };
    }
    return { ...request, selector: target };
  },
};

/** The finisher names the contracts may use (the build check refuses others). */
export const FINISHER_NAMES: readonly string[] = Object.keys(FINISHERS);

function mapped(value: unknown, spec: { file?: boolean; url?: boolean }): unknown {
  const one = (item: unknown) => (typeof item !== 'string' ? item : spec.file ? path.resolve(item) : spec.url ? normalizeUrl(item) : item);
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** The request a command declared as data sends for the values read from its command line. */
export function requestFor(spec: CommandSpec, values: ReadValues): WireRequest {
  let request: WireRequest = { action: spec.action!, ...spec.fixed };
  spec.args.forEach((arg, index) => {
    let value: unknown = values.args[arg.name];
    if (arg.rest) {
      const words = values.argv.slice(index);
      value = arg.rest === 'list' ? (words.length > 0 ? words : undefined) : words.length > 0 ? words.join(' ') : arg.default;
    }
    if (value !== undefined && arg.param) request[arg.param] = mapped(value, arg);
  });
  for (const [name, flag] of Object.entries(spec.flags)) {
    const value = values.flags[name];
    // An unset boolean flag is left out, as the reference CLI leaves it out.
    if (value === undefined || (value === false && !flag.allowNo) || !flag.param) continue;
    request[flag.param] = mapped(value, flag);
  }
  if (spec.finish) {
    const finish = FINISHERS[spec.finish];
    if (!finish) throw new CliFailure(`Command for ${spec.action} names an unknown finisher "${spec.finish}"; rebuild agent-browser.`, 'INTERNAL');
    request = finish(request, values, spec);
  }
  return request;
}
