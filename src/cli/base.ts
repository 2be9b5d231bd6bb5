import { Args, Command, Flags, type Interfaces } from '@oclif/core';
import type { ConfigFlags, LoadedConfig } from '../config/index.js';
import type { DaemonSettings } from '../client/ensure.js';
import type { DaemonConnection } from '../transport/client.js';
import type { WireResponse } from '../protocol/envelope.js';
import { describeRemote, parseCdpArgument, redactEndpoint, requestedRemote, type RemoteLaunchFields, type RemoteTarget } from '../protocol/remote.js';
import {
  answerDeadline,
  BIN,
  CliFailure,
  configFlagsFrom,
  daemonSettingsFor,
  isKnownFailure,
  printFailure,
  renderResponse,
  sendIfRunning,
  changesFlagRefused,
  withChangesFlag,
  withDaemon,
  type FallbackOutput,
} from './invoke.js';
import { readValue } from './command-line.js';
import type { WireRequest } from './requests.js';
import { colorEnabled, painter } from './output.js';

export { CliFailure };

/** Flags every command takes, before or after the command name. */
export const globalFlags = {
  session: Flags.string({ description: 'Session name: one daemon and one browser per session (env AGENT_BROWSER_SESSION).', helpGroup: 'GLOBAL' }),
  json: Flags.boolean({ description: 'Print {"success","data","error"} as JSON instead of text.', helpGroup: 'GLOBAL' }),
  headed: Flags.boolean({ description: 'Show the browser window (for a daemon this command starts).', helpGroup: 'GLOBAL' }),
  'executable-path': Flags.string({ description: 'Chrome/Chromium binary to launch (env AGENT_BROWSER_EXECUTABLE_PATH).', helpGroup: 'GLOBAL' }),
  extension: Flags.string({ description: 'Load an unpacked extension folder (repeatable).', multiple: true, multipleNonGreedy: true, helpGroup: 'GLOBAL' }),
  config: Flags.string({ description: 'Use this config file instead of searching for .agentbrowserrc.', helpGroup: 'GLOBAL' }),
  debug: Flags.boolean({ description: 'Verbose daemon logging.', helpGroup: 'GLOBAL' }),
  'owner-pid': Flags.integer({
    description: 'A daemon this command starts ends when this process exits (env AGENT_BROWSER_OWNER_PID).',
    min: 1,
    helpGroup: 'GLOBAL',
  }),
  cdp: Flags.string({
    description:
      'Attach the session to a running Chrome over CDP first: a port (9222) or a URL (http://host:9222, ws://…, wss://…?token=…). It stays attached; later commands need no flag.',
    helpGroup: 'GLOBAL',
  }),
  'ws-endpoint': Flags.string({
    description: 'Attach the session to a Playwright browser server (ws://…) instead of launching a browser (env AGENT_BROWSER_WS_ENDPOINT).',
    helpGroup: 'GLOBAL',
  }),
  changes: Flags.boolean({
    description:
      'After an action that can change the page, print what it changed instead of needing a new snapshot: URL, title, and the interactive elements that appeared (+), changed (~) or went (-), with refs.',
    helpGroup: 'GLOBAL',
  }),
};

export type GlobalFlags = Interfaces.InferredFlags<typeof globalFlags>;

/** A command class's own args and flags (its statics). */
type CommandShape = { args?: Interfaces.ArgInput; flags?: Interfaces.FlagInput };

/** What oclif read from a command line, typed by the command class's own args and flags plus the global flags. */
export interface Parsed<C extends CommandShape> {
  args: Interfaces.InferredArgs<NonNullable<C['args']>>;
  flags: Interfaces.InferredFlags<NonNullable<C['flags']>> & GlobalFlags;
  /** The positional words, in order. */
  argv: string[];
}

/** A parsed command line whose types only the command class knows (what `ActionCommand.request` is given). */
export type ParsedLine = Parsed<{ args: Interfaces.ArgInput; flags: Interfaces.FlagInput }>;

/** `--session`, `--json`, …: the global flags as typed. */
export const GLOBAL_FLAG_NAMES: ReadonlySet<string> = new Set(Object.keys(globalFlags).map((name) => `--${name}`));

/** The launch fields of a `--cdp` / `connect` argument; a bad one fails with the reference CLI's message. */
export function cdpLaunchFields(text: string): RemoteLaunchFields {
  try {
    return parseCdpArgument(text);
  } catch (error) {
    throw new CliFailure((error as Error).message, 'INVALID_ARGUMENTS');
  }
}

/** The command line itself is wrong (missing argument, bad flag value): `✗ reason` plus usage, exit 1. */
class ArgumentsError extends Error {}

/** oclif's parser messages, as one or two plain sentences (without its generic notes). */
function describeParseError(error: Error): string {
  const text = error.message
    .replace(/\nSee more help with --help/g, '')
    .replace(/\n\nNote:[\s\S]*$/, '')
    // A flag's own parser names the flag already: `Parsing --x \n\t--x must be …`.
    .replace(/^Parsing (--?[\w-]+|<[\w-]+>)\s*\n\s*(?=\1 )/, '');
  const missing = /^Missing \d+ required args?:\n([\s\S]*)$/.exec(text);
  if (missing) {
    // One line per argument (`name  description`); oclif wraps long descriptions onto indented lines.
    const entries: string[] = [];
    for (const line of missing[1]!.split('\n')) {
      if (line.trim() === '') continue;
      if (/^\s/.test(line) && entries.length > 0) entries[entries.length - 1] += ` ${line.trim()}`;
      else entries.push(line.trim());
    }
    const args = entries.map((entry) => {
      const [name, ...description] = entry.split(/\s{2,}/);
      return `<${name}>${description.length > 0 ? ` (${description.join(' ')})` : ''}`;
    });
    return `Missing argument${args.length > 1 ? 's' : ''}: ${args.join(', ')}`;
  }
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * A flag that takes a number within limits (`--threshold 0.2`). The limits stay on the flag, so the
 * build check (bin/build-specs.js) can compare them with the schema of the action it feeds.
 */
export function numberFlag(
  name: string,
  options: { description: string; char?: Interfaces.AlphabetLowercase; min?: number; max?: number; integer?: boolean },
): Interfaces.OptionFlag<number | undefined> {
  const label = `--${name}`;
  const spec = { kind: options.integer ? ('integer' as const) : ('number' as const), min: options.min, max: options.max };
  const flag = Flags.custom<number>({
    description: options.description,
    ...(options.char ? { char: options.char } : {}),
    parse: async (input) => {
      const read = readValue(spec, input);
      if ('problem' in read) throw new Error(`${label} ${read.problem}, not ${JSON.stringify(input)}.`);
      return read.value as number;
    },
  })();
  return Object.assign(flag, { min: options.min, max: options.max });
}

export abstract class BaseCommand extends Command {
  /** The wire actions this command sends (for the generated action table in docs/actions.md). */
  static actions: string[] = [];
  /**
   * Flags named like a param of the action that the command turns into other values before it
   * sends them, each with how (`--reduced-motion` → `reducedMotion: 'reduce'`). The build check
   * compares every other such flag with the param's schema.
   */
  static converts: Record<string, string> = {};
  /** True for commands whose request is a page action sent with `send` (the global `--changes` applies to it). */
  static sendsPageActions = false;
  static override baseFlags = globalFlags;
  static override enableJsonFlag = false;

  protected globals!: GlobalFlags;
  private loadedConfig?: LoadedConfig;

  /**
   * oclif's parse() spreads the command class, which keeps only its own statics; inherited
   * `args`, `flags` and `baseFlags` would be lost, so they are gathered here explicitly.
   */
  protected async parseCommand<C extends CommandShape = CommandShape>(): Promise<Parsed<C>> {
    const ctor = this.ctor as typeof BaseCommand;
    let parsed;
    try {
      parsed = await this.parse({
        args: ctor.args,
        flags: ctor.flags,
        baseFlags: ctor.baseFlags,
        strict: ctor.strict,
        enableJsonFlag: false,
      } as unknown as typeof BaseCommand);
    } catch (error) {
      throw new ArgumentsError(describeParseError(error as Error));
    }
    this.globals = parsed.flags as GlobalFlags;
    if (this.globals.changes && !ctor.sendsPageActions && !(ctor.flags && 'changes' in ctor.flags))
      throw changesFlagRefused((this.id ?? '').replaceAll(':', ' '));
    // oclif parsed with this class's own statics, so the output has their types.
    return parsed as unknown as Parsed<C>;
  }

  /** The config-relevant flags this command was given (undefined = not given). */
  protected configFlags(): ConfigFlags {
    return configFlagsFrom(this.globals);
  }

  protected async loadConfig(): Promise<LoadedConfig> {
    if (this.loadedConfig) return this.loadedConfig;
    const { loadConfig } = await import('../config/index.js');
    this.loadedConfig = await loadConfig({ cwd: process.cwd(), env: process.env, flags: this.configFlags() });
    return this.loadedConfig;
  }

  /** Where the session's daemon is, and the environment a daemon started from here gets. */
  protected async daemonSettings(): Promise<DaemonSettings> {
    return daemonSettingsFor(await this.loadConfig(), this.configFlags());
  }

  /** Sends one request to the session's daemon, starting it when none runs. */
  protected async send(request: Record<string, unknown>): Promise<WireResponse> {
    const settings = await this.daemonSettings();
    const loaded = await this.loadConfig();
    this.remoteFlag();
    return withDaemon(
      settings,
      async (connection, started, sendOn) => {
        await this.prepareDaemon(settings.session, connection, started);
        return sendOn(withChangesFlag(request, this.globals), answerDeadline(loaded, request));
      },
      { json: this.globals.json },
    );
  }

  /**
   * Before a command reaches the daemon: launch flags must match a running daemon's, and `--cdp` /
   * `--ws-endpoint` attach the session to that browser (a no-op when it is attached already).
   */
  protected async prepareDaemon(session: string, connection: DaemonConnection, started: boolean): Promise<void> {
    const remote = this.remoteFlag();
    if (!started) await this.checkLaunchFlags(session, connection, remote);
    if (!remote) return;
    const response = await connection.request(
      { id: `cli-${process.pid}-attach`, action: 'launch', ...remote.fields },
      (await this.loadConfig()).config.timeout + 15_000,
    );
    if (!response.success) throw new CliFailure(response.error, response.code);
  }

  /** The flags given that only a browser this daemon launches can honour. */
  private localLaunchFlags(): string[] {
    const g = this.globals;
    return [g.headed ? '--headed' : '', g['executable-path'] ? '--executable-path' : '', g.extension?.length ? '--extension' : ''].filter(Boolean);
  }

  /**
   * The remote browser `--cdp` or `--ws-endpoint` names, validated (the reference's messages for a
   * bad port); null without either. Launch flags for a local browser cannot go with them.
   */
  protected remoteFlag(): { target: RemoteTarget; fields: RemoteLaunchFields; flag: string } | null {
    const g = this.globals;
    if (g.cdp === undefined && g['ws-endpoint'] === undefined) return null;
    if (g.cdp !== undefined && g['ws-endpoint'] !== undefined)
      throw new CliFailure('Give either --cdp (a Chrome over CDP) or --ws-endpoint (a Playwright server), not both.', 'INVALID_ARGUMENTS');
    const fields: RemoteLaunchFields = g.cdp !== undefined ? cdpLaunchFields(g.cdp) : { wsEndpoint: g['ws-endpoint'] };
    const target = requestedRemote(fields)!;
    const flag = g.cdp !== undefined ? `--cdp ${redactEndpoint(g.cdp)}` : `--ws-endpoint ${redactEndpoint(g['ws-endpoint']!)}`;
    const local = this.localLaunchFlags();
    if (local.length > 0) {
      throw new CliFailure(
        `${local.join(', ')} cannot apply to a remote browser (${flag}): agent-browser does not launch it, so it cannot choose its binary, extensions or window. Drop ${local.length === 1 ? 'that flag' : 'those flags'}, or drop ${flag.split(' ')[0]} to launch a local browser.`,
        'INVALID_ARGUMENTS',
      );
    }
    return { target, fields, flag };
  }

  /** Sends one request to the session's daemon if one runs (never starts one); null when none answers. */
  protected async sendIfRunning(request: Record<string, unknown>, timeoutMs = 30_000): Promise<WireResponse | null> {
    return sendIfRunning(await this.daemonSettings(), request, timeoutMs);
  }

  /**
   * Sends `close` to a running daemon, and answers `{closed: true}` when none runs: stopping a
   * stopped session is not an error (oqto's backend closes sessions that may have died).
   */
  protected async closeSession(): Promise<WireResponse> {
    const response = (await this.sendIfRunning({ id: `cli-${process.pid}`, action: 'close' })) ?? {
      id: `cli-${process.pid}`,
      success: true,
      data: { closed: true, running: false, ...(await this.removeDeadDaemonFiles()) },
    };
    this.render(response);
    return response;
  }

  /**
   * When no daemon answers: removes the files a dead one left (a killed daemon's socket makes every
   * client read `Connection refused`), and answers what was removed. A process that still holds the
   * session but does not answer is left alone, and the command fails saying so.
   */
  private async removeDeadDaemonFiles(): Promise<{ removed?: string[] }> {
    const settings = await this.daemonSettings();
    const [{ endpointFor }, { inspectSession }, { processAlive, removeFiles }, path] = await Promise.all([
      import('../client/ensure.js'),
      import('../client/status.js'),
      import('../transport/session-files.js'),
      import('node:path'),
    ]);
    const state = await inspectSession(endpointFor(settings), false);
    if (state.staleFiles.length === 0) return {};
    if (state.pid !== null && processAlive(state.pid)) {
      throw new CliFailure(
        `The daemon for session "${settings.session}" (pid ${state.pid}) does not answer, so it was not closed. Stop it with 'kill ${state.pid}' (or 'kill -9 ${state.pid}'), then run this command again to remove its files.`,
        'DAEMON_NOT_ANSWERING',
      );
    }
    removeFiles(state.staleFiles);
    return { removed: state.staleFiles.map((file) => path.basename(file)) };
  }

  /**
   * Launch flags only apply when a daemon starts. Given to a running daemon, they must match what
   * it runs with; otherwise the command is refused (never silently ignored).
   */
  private async checkLaunchFlags(session: string, connection: DaemonConnection, remote: ReturnType<BaseCommand['remoteFlag']>): Promise<void> {
    if (this.localLaunchFlags().length === 0 && !remote) return;
    const status = await connection.request({ id: `cli-${process.pid}-launch`, action: 'status' }, 10_000);
    if (!status.success) return;
    const data = status.data as {
      browser?: { launched?: boolean };
      launch?: { headless: boolean; executablePath: string | null; extensions: string[]; remote?: { kind: RemoteTarget['kind']; endpoint: string } | null };
    };
    const launch = data.launch;
    if (!launch) return;
    const differences: string[] = [];
    const running = launch.remote ? describeRemote({ kind: launch.remote.kind, url: launch.remote.endpoint }) : null;
    if (remote) {
      // Endpoints compare without their secrets: the same server at the same address is the same browser.
      const same = launch.remote?.kind === remote.target.kind && launch.remote.endpoint === redactEndpoint(remote.target.url);
      if (!same && data.browser?.launched)
        differences.push(`${remote.flag} (it ${running ? `is attached to ${running}` : `runs ${launch.executablePath ?? 'the browser it found'}`})`);
    } else if (running) {
      differences.push(
        `${this.localLaunchFlags().join(', ')} (it ${data.browser?.launched ? 'is attached' : 'attaches'} to a remote browser, ${running}, which it does not launch)`,
      );
    }
    if (remote || running) return this.refuseLaunchFlags(session, differences, remote !== null);
    const g = this.globals;
    const path = await import('node:path');
    if (g.headed && launch.headless) differences.push('--headed (it runs headless)');
    if (g['executable-path'] && path.resolve(g['executable-path']) !== launch.executablePath)
      differences.push(`--executable-path ${g['executable-path']} (it runs ${launch.executablePath ?? 'the browser it found'})`);
    const wanted = (g.extension ?? []).map((folder) => path.resolve(folder)).sort();
    if (wanted.length > 0 && JSON.stringify(wanted) !== JSON.stringify([...launch.extensions].sort()))
      differences.push(`--extension ${g.extension!.join(' ')} (it runs ${launch.extensions.length > 0 ? launch.extensions.join(', ') : 'no extensions'})`);
    this.refuseLaunchFlags(session, differences, false);
  }

  private refuseLaunchFlags(session: string, differences: string[], attaching: boolean): void {
    if (differences.length === 0) return;
    const switchHint = attaching ? ` ('${BIN} --session ${session} connect <port|url>' switches it to a Chrome over CDP without a restart.)` : '';
    throw new CliFailure(
      `The daemon for session "${session}" is already running with other launch options: ${differences.join('; ')}. Launch options apply when the daemon starts: run '${BIN} --session ${session} close' first, then this command again.${switchHint}`,
      'LAUNCH_OPTIONS_DIFFER',
    );
  }

  /** How `render` prints data that matches none of the reference's output rules. */
  protected fallbackOutput: FallbackOutput = 'done';

  /** Prints a daemon response the way the reference CLI does; exit code 1 on failure. */
  protected render(response: WireResponse, action?: string): void {
    renderResponse(response, { json: this.globals.json, action, fallback: this.fallbackOutput });
  }

  /** `agent-browser click <selector> [flags]`: the one-line usage a parse error ends with. */
  private usageLine(): string {
    const ctor = this.ctor as typeof BaseCommand;
    const id = (this.id ?? '').replaceAll(':', ' ');
    const args = Object.entries(ctor.args ?? {}).map(([name, arg]) => (arg.required ? `<${name}>` : `[${name}]`));
    return `Usage: ${this.config.bin} ${[id, ...args].join(' ')} [flags]   (see '${this.config.bin} ${id} --help')`;
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number }; parse?: unknown }): Promise<unknown> {
    if (error instanceof ArgumentsError) {
      if (process.argv.includes('--json'))
        process.stdout.write(`${JSON.stringify({ success: false, data: null, error: error.message, code: 'INVALID_ARGUMENTS' })}\n`);
      else process.stderr.write(`${painter(colorEnabled(process.stderr)).red('✗')} ${error.message}\n  ${this.usageLine()}\n`);
      process.exitCode = 1;
      return undefined;
    }
    if (error.oclif?.exit !== undefined && !(error instanceof CliFailure)) return super.catch(error);
    const known = isKnownFailure(error);
    if (!known && !this.globals) return super.catch(error);
    printFailure(known ? error.message : `Unexpected error: ${error.stack ?? error.message}`, {
      json: this.globals?.json,
      code: (error as { code?: string }).code,
    });
    return undefined;
  }
}

/** A command that turns its arguments into one daemon request and prints the answer. */
export abstract class ActionCommand extends BaseCommand {
  static override sendsPageActions = true;

  /**
   * The request to send, built from the parsed command line. A command declares the parameter with
   * its own types: `request({ args, flags }: Parsed<typeof MyCommand>)`.
   */
  protected abstract request(parsed: ParsedLine): WireRequest | Promise<WireRequest>;

  async run(): Promise<unknown> {
    const request = await this.request(await this.parseCommand());
    const response = await this.send({ id: `cli-${process.pid}`, ...request });
    this.render(response, typeof request.action === 'string' ? request.action : undefined);
    return response;
  }
}

/** A request on its way to the daemon: `action` plus the action's params. */
export type { WireRequest };

export const selectorArg = Args.string({ description: 'CSS or Playwright selector, or a ref from snapshot (@e3)', required: true });
