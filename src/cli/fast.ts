// The CLI's fast path: the commands an agent runs most (open, snapshot, click, fill, get …, batch)
// go straight to the daemon without loading oclif or cosmiconfig, which cost more than Node's own
// start. Only lines it reads exactly as oclif would are taken (see command-line.ts); everything
// else, including help and errors in the command line, goes to oclif. AGENT_BROWSER_FAST_PATH=0
// sends every line to oclif.
import type { LoadedConfig } from '../config/index.js';
import { loadConfig } from '../config/load.js';
import { quickFindConfigFile, QuickSearchUnavailable } from '../config/quick-find.js';
import { batchLines, fastStep, runBatch, type BatchStep } from './batch.js';
import { parseCommandLine, type CommandSpecs, type ParsedCommandLine } from './command-line.js';
import {
  answerDeadline,
  configFlagsFrom,
  daemonSettingsFor,
  isKnownFailure,
  printFailure,
  renderResponse,
  changesFlagRefused,
  withChangesFlag,
  withDaemon,
} from './invoke.js';
import { requestFor } from './requests.js';
import { commandSpecs } from './specs.js';
import { fetchActions, isPluginActionWord, pluginCommandLine } from './plugin-action.js';

/** The wire request of a parsed command line (throws CliFailure as the oclif command would). */
export function requestOf(parsed: ParsedCommandLine): Record<string, unknown> {
  return requestFor(parsed.spec, parsed);
}

/** The request of a single command's line; null when building it fails (oclif then says why). */
function singleRequest(parsed: ParsedCommandLine): Record<string, unknown> | null {
  try {
    return requestOf(parsed);
  } catch {
    return null;
  }
}

/** The batch's steps when the fast parser reads every one of them. */
function batchSteps(specs: CommandSpecs, parsed: ParsedCommandLine): BatchStep[] | null {
  try {
    const steps = batchLines(parsed.argv).map((line) => fastStep(specs, line, requestOf));
    return steps.every((step) => step !== null) ? (steps as BatchStep[]) : null;
  } catch {
    return null;
  }
}

/**
 * Flags that only apply when a daemon starts, or that attach it to a remote browser first; oclif's
 * path checks them against a running daemon.
 */
function hasLaunchFlags(parsed: Pick<ParsedCommandLine, 'globals'>): boolean {
  const g = parsed.globals;
  return Boolean(g.headed || g['executable-path'] || g.extension?.length || g.cdp !== undefined || g['ws-endpoint'] !== undefined);
}

/**
 * Loads the configuration without cosmiconfig when the files in play are plain JSON (or absent);
 * null when only the full loader can read them.
 */
export async function quickConfig(parsed: Pick<ParsedCommandLine, 'globals'>): Promise<LoadedConfig | null> {
  try {
    return await loadConfig({ cwd: process.cwd(), env: process.env, flags: configFlagsFrom(parsed.globals), findFile: quickFindConfigFile });
  } catch (error) {
    // A config problem is reported by the full path, in its words.
    if (error instanceof QuickSearchUnavailable || (error as Error).name === 'ConfigError') return null;
    throw error;
  }
}

/**
 * A plugin action's line (`links:list --limit 5`): its id, the tokens after it and the global
 * flags among them; null for any other line.
 */
function pluginLine(specs: CommandSpecs, tokens: string[]): { id: string; rest: string[]; globals: ParsedCommandLine['globals'] } | null {
  const globals: Record<string, unknown> = {};
  const rest: string[] = [];
  let id: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const eq = token.indexOf('=');
    const name = token.startsWith('--') ? token.slice(2, eq === -1 ? undefined : eq) : '';
    const global = specs.globals[name];
    if (global) {
      const text = global.kind === 'boolean' ? undefined : eq === -1 ? tokens[++i] : token.slice(eq + 1);
      const value = global.kind === 'boolean' ? true : global.kind === 'integer' ? Number(text) : text;
      globals[name] = global.multiple ? [...((globals[name] as unknown[]) ?? []), value] : value;
      rest.push(...(global.kind === 'boolean' || eq !== -1 ? [token] : [token, text ?? '']));
    } else if (id === undefined && !token.startsWith('-')) {
      if (!isPluginActionWord(token, specs.ids)) return null;
      id = token;
    } else {
      rest.push(token);
    }
  }
  return id === undefined ? null : { id, rest, globals: globals as ParsedCommandLine['globals'] };
}

/** Runs a plugin action's line: the daemon's schema for it reads the flags (or prints its help). */
async function runPluginAction(line: { id: string; rest: string[]; globals: ParsedCommandLine['globals'] }, loaded: LoadedConfig): Promise<void> {
  const json = line.globals.json;
  const settings = daemonSettingsFor(loaded, configFlagsFrom(line.globals));
  await withDaemon(
    settings,
    async (_connection, _started, send) => {
      const outcome = pluginCommandLine(await fetchActions(send, line.id), line.id, line.rest);
      if ('help' in outcome) {
        process.stdout.write(outcome.help);
        return;
      }
      const request = withChangesFlag({ id: `cli-${process.pid}`, ...outcome.request }, line.globals);
      renderResponse(await send(request, answerDeadline(loaded, request)), { json, action: line.id });
    },
    { json },
  );
}

/**
 * Runs the command line when the fast path can; false when nothing was sent and oclif must run
 * it instead.
 */
export async function runFast(tokens: string[]): Promise<boolean> {
  if (process.env.AGENT_BROWSER_FAST_PATH === '0') return false;
  const specs = commandSpecs();
  if (!specs) return false;
  const plugin = pluginLine(specs, tokens);
  if (plugin) {
    if (hasLaunchFlags(plugin)) return false;
    const loaded = await quickConfig(plugin);
    if (!loaded) return false;
    await reportingFailures(plugin.globals.json, () => runPluginAction(plugin, loaded));
    return true;
  }
  const parsed = parseCommandLine(specs, tokens);
  if (!parsed || hasLaunchFlags(parsed)) return false;
  const steps = parsed.spec.kind === 'batch' ? batchSteps(specs, parsed) : null;
  const single = parsed.spec.kind === 'batch' ? null : singleRequest(parsed);
  if (!steps && !single) return false;
  const loaded = await quickConfig(parsed);
  if (!loaded) return false;
  const json = parsed.globals.json;
  const settings = daemonSettingsFor(loaded, configFlagsFrom(parsed.globals));
  await reportingFailures(json, async () => {
    if (steps) {
      if (parsed.globals.changes) throw changesFlagRefused('batch');
      await runBatch(steps, { settings, loaded, json, keepGoing: parsed.flags['keep-going'] === true });
    } else {
      const request: Record<string, unknown> = withChangesFlag({ id: `cli-${process.pid}`, ...single }, parsed.globals);
      const response = await withDaemon(settings, (_connection, _started, send) => send(request, answerDeadline(loaded, request)), { json });
      renderResponse(response, { json, action: typeof request.action === 'string' ? request.action : undefined, fallback: parsed.spec.output });
    }
  });
  return true;
}

/** Runs `work`, printing a failure as oclif's path would (`✗ message`, or JSON with --json). */
async function reportingFailures(json: boolean | undefined, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = error as Error & { code?: string };
    printFailure(isKnownFailure(failure) ? failure.message : `Unexpected error: ${failure.stack ?? failure.message}`, { json, code: failure.code });
  }
}
