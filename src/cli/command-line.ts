// A small parser for the command lines the fast path runs, driven by dist/cli/command-specs.json
// (generated from the oclif command classes by bin/build-specs.js). It accepts only what it is
// sure oclif reads the same way; for anything else (help, `--`, an unknown or malformed flag, a
// value oclif would reject) it answers null and the caller hands the line to oclif, which prints
// the proper message.
import type { GlobalFlagValues } from './invoke.js';

/** How one argument or flag value is read (derived from the action's schema at build time). */
export interface ValueSpec {
  /** `json`: an object or a union, given as JSON text. */
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'json';
  options?: string[];
  min?: number;
  max?: number;
  exclusiveMin?: number;
  exclusiveMax?: number;
  default?: unknown;
  char?: string;
  multiple?: boolean;
  description?: string;
}

/** A positional argument of a command declared as data (see `CliArg` in src/protocol/contract.ts). */
export interface ArgSpec extends ValueSpec {
  name: string;
  required?: boolean;
  param?: string;
  rest?: 'text' | 'list';
  file?: boolean;
  url?: boolean;
}

/** A flag of a command declared as data (see `CliFlag` in src/protocol/contract.ts). */
export interface FlagSpec extends ValueSpec {
  param?: string;
  file?: boolean;
  allowNo?: boolean;
}

export interface CommandSpec {
  /** `contract`: a command declared as data with its action's contract; `batch`: the batch command. */
  kind: 'contract' | 'batch';
  /** The command id (`get:text`). */
  id: string;
  action?: string;
  summary?: string;
  description?: string;
  examples?: string[];
  aliases?: string[];
  hidden?: boolean;
  args: ArgSpec[];
  flags: Record<string, FlagSpec>;
  strict: boolean;
  /** Params every request carries. */
  fixed?: Record<string, unknown>;
  /** The finisher in src/cli/requests.ts that completes the request. */
  finish?: string;
  /** Other actions the finisher may send instead. */
  sends?: string[];
  /** Whether the fast path (no oclif) may run it. */
  fast: boolean;
  output?: 'done' | 'json';
}

export interface CommandSpecs {
  globals: Record<string, ValueSpec>;
  /** The commands declared as data (and `batch`), by id (`get:url`). */
  commands: Record<string, CommandSpec>;
  aliases: Record<string, string>;
  /** Every command id oclif knows, so a sub-command word is never taken for an argument. */
  ids: string[];
  /**
   * The choices of every enum param, by action and param (`cookies.sameSite` for a field of a
   * list of objects), so a command class offers exactly what the schema accepts without restating it.
   */
  options: Record<string, Record<string, string[]>>;
}

export interface ParsedCommandLine {
  id: string;
  spec: CommandSpec;
  args: Record<string, unknown>;
  flags: Record<string, unknown>;
  /** The positional tokens, as oclif's `argv`. */
  argv: string[];
  globals: GlobalFlagValues;
}

/** The limits of a number, as words (`>= 1`, `> 0 and <= 100`). */
export function describeLimits(spec: Pick<ValueSpec, 'min' | 'max' | 'exclusiveMin' | 'exclusiveMax'>): string {
  if (spec.min !== undefined && spec.max !== undefined && spec.exclusiveMin === undefined && spec.exclusiveMax === undefined)
    return `from ${spec.min} to ${spec.max}`;
  return [
    spec.min !== undefined ? `>= ${spec.min}` : '',
    spec.exclusiveMin !== undefined ? `> ${spec.exclusiveMin}` : '',
    spec.max !== undefined ? `<= ${spec.max}` : '',
    spec.exclusiveMax !== undefined ? `< ${spec.exclusiveMax}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

/**
 * Reads one value as `spec` says, or says why it cannot: the one reader of command-line values
 * (the fast path, the oclif commands and plugin actions).
 */
export function readValue(spec: ValueSpec, text: string): { value: unknown } | { problem: string } {
  if (spec.kind === 'integer' || spec.kind === 'number') {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return { problem: `takes a number` };
    if (spec.kind === 'integer' && !Number.isInteger(value)) return { problem: 'takes a whole number' };
    if (
      (spec.min !== undefined && value < spec.min) ||
      (spec.exclusiveMin !== undefined && value <= spec.exclusiveMin) ||
      (spec.max !== undefined && value > spec.max) ||
      (spec.exclusiveMax !== undefined && value >= spec.exclusiveMax)
    )
      return { problem: `must be ${spec.kind === 'integer' ? 'a whole number' : 'a number'} ${describeLimits(spec)}` };
    return { value };
  }
  if (spec.kind === 'boolean') return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: 'is true or false' };
  if (spec.kind === 'json') {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { problem: 'takes JSON' };
    }
  }
  if (spec.options && !spec.options.includes(text)) return { problem: `is one of ${spec.options.join(', ')}` };
  return { value: text };
}

function convert(spec: ValueSpec, text: string): unknown {
  const read = readValue(spec, text);
  return 'value' in read ? read.value : undefined;
}

/**
 * Parses `tokens` (the CLI's arguments, global flags anywhere) into a command, its args and flags,
 * or answers null when oclif should handle the line.
 */
export function parseCommandLine(specs: CommandSpecs, tokens: string[]): ParsedCommandLine | null {
  const globals: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  const positionals: string[] = [];
  let spec: CommandSpec | undefined;
  let id = '';

  const take = (name: string, flagSpec: ValueSpec, into: Record<string, unknown>, inline: string | undefined, next: () => string | undefined): boolean => {
    if (flagSpec.kind === 'boolean') {
      if (inline !== undefined || name in into) return false;
      into[name] = true;
      return true;
    }
    const text = inline ?? next();
    if (text === undefined || (inline === undefined && text.startsWith('-'))) return false;
    const value = convert(flagSpec, text);
    if (value === undefined) return false;
    if (flagSpec.multiple) into[name] = [...((into[name] as unknown[]) ?? []), value];
    else if (name in into) return false;
    else into[name] = value;
    return true;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = () => tokens[++i];
    if (token.startsWith('--') && token.length > 2) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      const own = spec?.flags[name];
      if (own) {
        if (!take(name, own, flags, inline, next)) return null;
      } else if (specs.globals[name]) {
        if (!take(name, specs.globals[name]!, globals, inline, next)) return null;
      } else {
        return null;
      }
    } else if (token.startsWith('-') && token !== '-') {
      if (token.length !== 2 || !spec) return null;
      const entry = Object.entries(spec.flags).find(([, flagSpec]) => flagSpec.char === token[1]);
      if (!entry || !take(entry[0], entry[1], flags, undefined, next)) return null;
    } else if (!spec) {
      // The command's words: the longest id oclif knows among the next words wins (`get url`).
      let words = 1;
      for (let count = 3; count > 1; count--) {
        const candidate = tokens.slice(i, i + count);
        if (candidate.length === count && specs.ids.includes(candidate.join(':'))) {
          words = count;
          break;
        }
      }
      const typed = tokens.slice(i, i + words).join(':');
      id = specs.commands[typed] ? typed : (specs.aliases[typed] ?? '');
      spec = specs.commands[id];
      if (!spec?.fast) return null;
      i += words - 1;
    } else {
      positionals.push(token);
    }
  }
  if (!spec) return null;

  const args: Record<string, unknown> = {};
  for (const [index, argSpec] of spec.args.entries()) {
    if (argSpec.rest) break;
    const text = positionals[index];
    if (text === undefined) {
      if (argSpec.required) return null;
      if (argSpec.default !== undefined) args[argSpec.name] = argSpec.default;
      continue;
    }
    const value = convert(argSpec, text);
    if (value === undefined) return null;
    args[argSpec.name] = value;
  }
  const restArg = spec.args.find((arg) => arg.rest);
  if (restArg?.required && positionals.length <= spec.args.indexOf(restArg)) return null;
  if (spec.strict && !restArg && positionals.length > spec.args.length) return null;
  for (const [name, flagSpec] of Object.entries(spec.flags)) {
    if (!(name in flags) && flagSpec.default !== undefined) flags[name] = flagSpec.default;
  }
  return { id, spec, args, flags, argv: positionals, globals: globals as GlobalFlagValues };
}
