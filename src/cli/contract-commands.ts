// oclif commands made from the command specs the build derives from the action contracts: one
// class per command declared as data, with its args and flags typed, limited and described by the
// action's schema. oclif's explicit discovery reads them through command-table.ts.
import { Args, Flags, type Interfaces } from '@oclif/core';
import { ActionCommand, type ParsedLine } from './base.js';
import { describeLimits, readValue, type ArgSpec, type CommandSpec, type FlagSpec, type ValueSpec } from './command-line.js';
import { requestFor } from './requests.js';

/** A parse function that reads a value as the spec says, failing with the reader's words. */
function parser(spec: ValueSpec, label: string) {
  return async (input: string): Promise<unknown> => {
    const read = readValue(spec, input);
    if ('problem' in read) throw new Error(`${label} ${read.problem}, not ${JSON.stringify(input)}.`);
    return read.value;
  };
}

/** A one-letter flag alias, as oclif types it. */
function isLetter(char: string): char is Interfaces.AlphabetLowercase | Interfaces.AlphabetUppercase {
  return /^[a-zA-Z]$/.test(char);
}

function describe(spec: ValueSpec): string | undefined {
  const limits = describeLimits(spec);
  return [spec.description, limits ? `(${limits})` : ''].filter(Boolean).join(' ') || undefined;
}

function oclifFlag(name: string, spec: FlagSpec) {
  const common = { description: describe(spec), ...(spec.char && isLetter(spec.char) ? { char: spec.char } : {}) };
  if (spec.kind === 'boolean') return Flags.boolean({ ...common, default: spec.default === true, ...(spec.allowNo ? { allowNo: true } : {}) });
  const options = spec.options ? { options: spec.options } : {};
  if (spec.kind === 'string') {
    const fallback = typeof spec.default === 'string' ? { default: spec.default } : {};
    return spec.multiple ? Flags.string({ ...common, ...options, multiple: true }) : Flags.string({ ...common, ...options, ...fallback });
  }
  const parse = parser(spec, `--${name}`);
  const fallback = spec.default !== undefined ? { default: spec.default } : {};
  return spec.multiple ? Flags.custom<unknown>({ ...common, parse, multiple: true })() : Flags.custom<unknown>({ ...common, parse, ...fallback })();
}

function oclifArg(spec: ArgSpec) {
  const common = { description: describe(spec), required: spec.required === true };
  if (spec.kind === 'string' || spec.rest)
    return Args.string({
      ...common,
      ...(spec.options && !spec.rest ? { options: spec.options } : {}),
      ...(typeof spec.default === 'string' ? { default: spec.default } : {}),
    });
  return Args.custom<unknown>({ ...common, parse: parser(spec, `<${spec.name}>`), ...(spec.default !== undefined ? { default: spec.default } : {}) })();
}

/** The oclif command for a command declared as data. */
export function contractCommand(id: string, spec: CommandSpec): typeof ActionCommand {
  const command = class extends ActionCommand {
    static override actions = [spec.action!, ...(spec.sends ?? [])];
    static override summary = spec.summary;
    static override description = spec.description;
    static override examples = spec.examples ?? [];
    static override aliases = spec.aliases ?? [];
    static override hidden = spec.hidden ?? false;
    static override strict = spec.strict;
    static override args = Object.fromEntries(spec.args.map((arg) => [arg.name, oclifArg(arg)]));
    static override flags = Object.fromEntries(Object.entries(spec.flags).map(([name, flag]) => [name, oclifFlag(name, flag)]));
    protected override fallbackOutput = spec.output ?? 'done';

    protected request(parsed: ParsedLine) {
      return requestFor(spec, parsed);
    }
  };
  Object.defineProperty(command, 'name', { value: `${id.replace(/(^|[:-])(\w)/g, (_, _sep, c: string) => c.toUpperCase())}Command` });
  return command;
}
