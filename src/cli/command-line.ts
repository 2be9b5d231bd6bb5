// A small parser for the command lines the fast path runs, driven by dist/cli/command-specs.json
// (generated from the oclif command classes by bin/build-specs.js). It accepts only what it is
// sure oclif reads the same way; for anything else (help, `--`, an unknown or malformed flag, a
// value oclif would reject) it answers null and the caller hands the line to oclif, which prints
// the proper message.
import type { GlobalFlagValues } from './invoke.js';

/** How one argument or flag value is read. */
export interface ValueSpec {
  kind: 'string' | 'integer' | 'number' | 'boolean';
  options?: string[];
  min?: number;
  max?: number;
  default?: unknown;
  char?: string;
  multiple?: boolean;
}

export interface CommandSpec {
  /** `plain`: {action}; `element`: {action, selector}; `builder`: REQUESTS[id] in requests.ts; `batch`: the batch command. */
  kind: 'plain' | 'element' | 'builder' | 'batch';
  action?: string;
  args: Array<ValueSpec & { name: string; required?: boolean }>;
  flags: Record<string, ValueSpec>;
  strict: boolean;
}

export interface CommandSpecs {
  globals: Record<string, ValueSpec>;
  /** The commands the fast path may run, by id (`get:url`). */
  commands: Record<string, CommandSpec>;
  aliases: Record<string, string>;
  /** Every command id oclif knows, so a sub-command word is never taken for an argument. */
  ids: string[];
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

function convert(spec: ValueSpec, text: string): unknown {
  let value: unknown = text;
  if (spec.kind === 'integer') {
    if (!/^-?\d+$/.test(text)) return undefined;
    value = Number.parseInt(text, 10);
  } else if (spec.kind === 'number') {
    value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) return undefined;
  }
  if (typeof value === 'number' && ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))) return undefined;
  if (spec.options && !spec.options.includes(text)) return undefined;
  return value;
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
      if (!spec) return null;
      i += words - 1;
    } else {
      positionals.push(token);
    }
  }
  if (!spec) return null;

  const args: Record<string, unknown> = {};
  for (const [index, argSpec] of spec.args.entries()) {
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
  if (spec.strict && positionals.length > spec.args.length) return null;
  for (const [name, flagSpec] of Object.entries(spec.flags)) {
    if (!(name in flags) && flagSpec.default !== undefined) flags[name] = flagSpec.default;
  }
  return { id, spec, args, flags, argv: positionals, globals: globals as GlobalFlagValues };
}
