// Plugin actions as commands: `agent-browser <plugin>:<action> --flag value`. Their schemas live in
// the daemon (plugins are loaded there), so the command asks it for `actions` first, then reads the
// command line against the action's schema (src/cli/schema-flags.ts): `--help` from the schema,
// kebab-case flags, unknown flags refused. The fast path and oclif's path both come here.
import { closestNames } from '../protocol/suggest.js';
import { GLOBAL_BOOLEAN_FLAGS, GLOBAL_VALUE_FLAGS } from './argv.js';
import { BIN, CliFailure, type Send } from './invoke.js';
import { paramsFromFlags, schemaFlags, schemaHelp, type JsonSchema } from './schema-flags.js';

/** One entry of the `actions` answer. */
export interface ActionListing {
  name: string;
  summary: string;
  plugin: string;
  params: JsonSchema;
}

/** What a plugin action's command line asks for: its help, or a request. */
export type PluginCommandLine = { help: string } | { request: Record<string, unknown> };

const GLOBALS = { boolean: GLOBAL_BOOLEAN_FLAGS, value: GLOBAL_VALUE_FLAGS };

/** Whether `word` names a plugin action rather than a command (`links:list`, never `get:url` or `tab:x`). */
export function isPluginActionWord(word: string | undefined, commandIds: Iterable<string>): word is string {
  if (!word || !word.includes(':') || word.startsWith('-')) return false;
  const topic = word.split(':')[0]!;
  for (const id of commandIds) if (id === word || id === topic || id.startsWith(`${topic}:`)) return false;
  return true;
}

/**
 * The daemon's actions (built-ins and plugins), with their param schemas. With `only`, the daemon
 * lists just that action when it has it; when it does not, the whole list, to say what is close.
 */
export async function fetchActions(send: Send, only?: string): Promise<ActionListing[]> {
  const listed = await listActions(send, only === undefined ? undefined : [only]);
  if (only === undefined || listed.some((action) => action.name === only)) return listed;
  return listActions(send);
}

async function listActions(send: Send, names?: string[]): Promise<ActionListing[]> {
  const answer = await send({ id: `cli-${process.pid}-actions`, action: 'actions', ...(names ? { names } : {}) }, 15_000);
  if (!answer.success) throw new CliFailure(answer.error, answer.code);
  return (answer.data as { actions: ActionListing[] }).actions;
}

/** Reads a plugin action's command line (what follows its name) against its schema. */
export function pluginCommandLine(actions: readonly ActionListing[], id: string, tokens: readonly string[]): PluginCommandLine {
  const action = actions.find((candidate) => candidate.name === id);
  if (!action) {
    const close = closestNames(
      id,
      actions.map((candidate) => candidate.name),
    );
    const hint = close.length > 0 ? ` Did you mean ${close.map((name) => `"${name}"`).join(' or ')}?` : '';
    throw new CliFailure(
      `Unknown action "${id}".${hint} Run '${BIN} actions' (or '${BIN} plugins') to list the actions the session's plugins add.`,
      'UNKNOWN_ACTION',
    );
  }
  const command = `${BIN} ${id}`;
  const flags = schemaFlags(action.params);
  if (tokens.some((token) => token === '--help' || token === '-h')) {
    return {
      help: schemaHelp({
        command,
        summary: action.summary,
        flags,
        notes: [
          `From the plugin "${action.plugin}". Global flags (--session, --json, …) work here too; '${BIN} run ${id} --params <json>' sends the params as JSON.`,
        ],
      }),
    };
  }
  return { request: { ...paramsFromFlags(command, flags, tokens, GLOBALS).params, action: id } };
}

/** `agent-browser --help`'s section on plugin actions: one line per action, sorted by name. */
export function pluginActionsSection(actions: readonly ActionListing[]): string[] {
  const plugin = actions.filter((action) => action.name.includes(':') && !action.plugin.startsWith('agent-browser:'));
  if (plugin.length === 0) return [];
  const width = Math.max(...plugin.map((action) => action.name.length));
  return plugin.map((action) => `  ${action.name.padEnd(width)}  ${action.summary}`);
}
