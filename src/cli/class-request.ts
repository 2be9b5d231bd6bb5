import type { Config } from '@oclif/core';
import { ActionCommand, CliFailure, GLOBAL_FLAG_NAMES, type ParsedLine, type WireRequest } from './base.js';
import { STEP_GLOBAL_FLAGS } from './batch.js';
import { BIN } from './invoke.js';

/** Commands whose own run() does more than send one request, but whose request alone is plain. */
const SINGLE_REQUEST: Record<string, Record<string, unknown>> = { close: { action: 'close' } };

/**
 * The request a command line becomes, built by its own oclif command class with oclif's full
 * parser (what `batch` uses for steps the fast parser leaves alone). Global flags are refused:
 * they belong to the process that sends the requests.
 */
export async function requestViaCommandClass(config: Config, words: string[]): Promise<{ id: string; request: Record<string, unknown> }> {
  for (let count = Math.min(3, words.length); count > 0; count--) {
    const found = config.findCommand(words.slice(0, count).join(':'));
    if (!found) continue;
    const rest = words.slice(count);
    if (rest.some((word) => GLOBAL_FLAG_NAMES.has(word.split('=')[0]!))) throw new CliFailure(STEP_GLOBAL_FLAGS);
    const single = SINGLE_REQUEST[found.id];
    if (single) return { id: found.id, request: single };
    const command = await found.load();
    if (!(command.prototype instanceof ActionCommand) || command.prototype.run !== ActionCommand.prototype.run) {
      throw new CliFailure(`'${found.id.replaceAll(':', ' ')}' does more than send one request, so it cannot be a batch step; run it on its own.`);
    }
    const instance = new (command as unknown as new (argv: string[], config: Config) => ActionCommand)(rest, config) as unknown as {
      parseCommand(): Promise<ParsedLine>;
      request(parsed: ParsedLine): WireRequest | Promise<WireRequest>;
    };
    return { id: found.id, request: await instance.request(await instance.parseCommand()) };
  }
  throw new CliFailure(`Unknown command '${words[0] ?? ''}'. Run '${BIN} --help' for the list.`);
}
