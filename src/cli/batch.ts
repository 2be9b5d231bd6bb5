// `agent-browser batch`: many commands over one connection to the daemon, in order. Steps come
// from the arguments (one command line each) or from stdin (one per line: a command line or a
// wire request as JSON). Shared by the fast path and the oclif command.
import fs from 'node:fs';
import type { DaemonSettings } from '../client/ensure.js';
import type { LoadedConfig } from '../config/index.js';
import type { WireResponse } from '../protocol/envelope.js';
import type { DaemonConnection } from '../transport/client.js';
import { GLOBAL_BOOLEAN_FLAGS, GLOBAL_VALUE_FLAGS } from './argv.js';
import { parseCommandLine, type CommandSpecs } from './command-line.js';
import { fetchActions, isPluginActionWord, pluginCommandLine } from './plugin-action.js';
import { answerDeadline, BIN, CliFailure, jsonAnswer, renderResponse, withDaemon, type Send } from './invoke.js';
import { colorEnabled, painter } from './output.js';

/**
 * One step: what the user wrote, and the request it became; for a plugin action's line, the words
 * to read against the action's schema once the daemon has listed its actions.
 */
export type BatchStep = { source: string; request: Record<string, unknown> } | { source: string; plugin: { id: string; tokens: string[] } };

/** Why a step may not carry global flags. */
export const STEP_GLOBAL_FLAGS = 'Global flags (--session, --json, …) go on the batch command itself, not on a step.';

/** Splits a command line into words the way a POSIX shell would for quotes and backslashes. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      started = true;
    } else if (/\s/.test(char)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += char;
      started = true;
    }
  }
  if (quote) throw new CliFailure(`Unclosed ${quote} quote in: ${line}`);
  if (started) words.push(word);
  return words;
}

/** A step given as a wire request (`{"action":"click","selector":"@e2"}`). */
export function wireStep(line: string): BatchStep {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (error) {
    throw new CliFailure(`Not a JSON request: ${line} (${(error as Error).message})`);
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request) || typeof (request as { action?: unknown }).action !== 'string') {
    throw new CliFailure(`A JSON step needs an "action": ${line}`);
  }
  return { source: line, request: request as Record<string, unknown> };
}

/**
 * The step for one line, built by the fast parser; null when only oclif can read the command
 * (the caller builds those with the command classes).
 */
export function fastStep(
  specs: CommandSpecs | null,
  line: string,
  requestFor: (parsed: NonNullable<ReturnType<typeof parseCommandLine>>) => Record<string, unknown>,
): BatchStep | null {
  if (line.startsWith('{')) return wireStep(line);
  const words = splitCommandLine(line);
  if (specs && isPluginActionWord(words[0], specs.ids)) {
    if (words.some((word) => GLOBAL_BOOLEAN_FLAGS.has(word.split('=')[0]!) || GLOBAL_VALUE_FLAGS.has(word.split('=')[0]!)))
      throw new CliFailure(STEP_GLOBAL_FLAGS);
    return { source: line, plugin: { id: words[0]!, tokens: words.slice(1) } };
  }
  const parsed = specs ? parseCommandLine(specs, words) : null;
  if (!parsed) return null;
  if (Object.keys(parsed.globals).length > 0) throw new CliFailure(STEP_GLOBAL_FLAGS);
  try {
    return { source: line, request: requestFor(parsed) };
  } catch {
    return null;
  }
}

/**
 * Where stdin's lines are kept once read: on the process, because the fast path (its own bundled
 * copy of this module) may read them and then hand the batch to oclif's copy.
 */
const STDIN_LINES = Symbol.for('agent-browser.batch.stdin');

/** The steps' lines: the arguments, else stdin's non-empty lines (read once per process). */
export function batchLines(args: string[]): string[] {
  if (args.length > 0) return args;
  const store = process as unknown as Record<symbol, string[] | undefined>;
  if (store[STDIN_LINES] === undefined) {
    if (process.stdin.isTTY)
      throw new CliFailure('Give the steps as arguments (batch "open example.com" "snapshot -i") or one per line on stdin (commands, or JSON requests).');
    store[STDIN_LINES] = fs
      .readFileSync(0, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
  }
  const lines = store[STDIN_LINES]!;
  if (lines.length === 0) throw new CliFailure('No steps: stdin was empty.');
  return lines;
}

/**
 * Sends the steps in order over one connection and prints each answer as its command would
 * (with --json: one `{success, data, error}` line per step). Stops at the first failure unless
 * `keepGoing`; exit code 1 when any step failed.
 */
export async function runBatch(
  steps: BatchStep[],
  options: {
    settings: DaemonSettings;
    loaded: LoadedConfig;
    json?: boolean;
    keepGoing?: boolean;
    prepare?: (connection: DaemonConnection, started: boolean) => Promise<void>;
  },
): Promise<void> {
  await withDaemon(
    options.settings,
    async (connection, started, send) => {
      await options.prepare?.(connection, started);
      const requests = await resolvePluginSteps(steps, send);
      for (const [index, step] of steps.entries()) {
        const own = requests[index]!;
        const request: Record<string, unknown> = {
          ...own,
          id: typeof own.id === 'string' || typeof own.id === 'number' ? own.id : `cli-${process.pid}-${index + 1}`,
        };
        const response: WireResponse = await send(request, answerDeadline(options.loaded, request));
        if (options.json) process.stdout.write(`${JSON.stringify({ step: index + 1, ...jsonAnswer(response) })}\n`);
        else renderResponse(response, { action: typeof request.action === 'string' ? request.action : undefined });
        if (!response.success) {
          process.exitCode = 1;
          const rest = steps.length - index - 1;
          if (!options.keepGoing && rest > 0) {
            if (!options.json)
              process.stderr.write(
                `${painter(colorEnabled(process.stderr)).dim(`Stopped at step ${index + 1} of ${steps.length} (${step.source}); ${rest} not run. --keep-going runs the rest after a failure.`)}\n`,
              );
            return;
          }
        }
      }
    },
    { json: options.json },
  );
}

/**
 * Every step's request: plugin actions' lines are read against their schemas, from one `actions`
 * call, before any step runs (a mistyped flag stops the batch as a mistyped built-in would).
 */
async function resolvePluginSteps(steps: readonly BatchStep[], send: Send): Promise<Array<Record<string, unknown>>> {
  const actions = steps.some((step) => 'plugin' in step) ? await fetchActions(send) : [];
  return steps.map((step, index) => {
    if (!('plugin' in step)) return step.request;
    try {
      const outcome = pluginCommandLine(actions, step.plugin.id, step.plugin.tokens);
      if ('help' in outcome) throw new CliFailure(`--help is not a step; run '${BIN} ${step.plugin.id} --help' on its own.`, 'INVALID_ARGUMENTS');
      return outcome.request;
    } catch (error) {
      throw new CliFailure(`Step ${index + 1} (${step.source}): ${(error as Error).message}`, (error as { code?: string }).code ?? 'INVALID_ARGUMENTS');
    }
  });
}
