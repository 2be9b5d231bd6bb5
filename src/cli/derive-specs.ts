// Build time: the CLI commands declared in the action contracts become command specs
// (dist/cli/command-specs.json), their value kinds, enums, limits and descriptions taken from each
// action's param schema, and the mapping is checked against the schema. Runs in the build
// (bin/build-specs.js) and in unit tests, never when a command runs: it needs the schemas' JSON.
import type { ActionContract, CliArg, CliCommand, CliFlag } from '../protocol/contract.js';
import { describeLimits, type ArgSpec, type CommandSpec, type FlagSpec, type ValueSpec } from './command-line.js';
import { FINISHER_NAMES } from './requests.js';
import { schemaFlags, type JsonSchema, type SchemaFlag } from './schema-flags.js';

/** The value spec a schema param gives a flag or argument (`item`: read one item of a list param). */
function fromParam(param: SchemaFlag, item: boolean): ValueSpec {
  const kind = item || param.kind !== 'list' ? (item ? (param.item ?? 'string') : param.kind) : 'json';
  return {
    kind: kind === 'list' ? 'json' : kind,
    ...(param.options ? { options: [...param.options] } : {}),
    ...(param.min !== undefined ? { min: param.min } : {}),
    ...(param.max !== undefined ? { max: param.max } : {}),
    ...(param.exclusiveMin !== undefined ? { exclusiveMin: param.exclusiveMin } : {}),
    ...(param.exclusiveMax !== undefined ? { exclusiveMax: param.exclusiveMax } : {}),
    ...(param.description ? { description: param.description } : {}),
  };
}

interface Derived {
  spec: CommandSpec;
  problems: string[];
}

/** One command's spec, and what in its mapping disagrees with the action's schema. */
export function deriveCommand<P>(contract: ActionContract, command: CliCommand<P>, jsonSchemaOf: (schema: ActionContract['params']) => JsonSchema): Derived {
  const problems: string[] = [];
  const where = `${contract.name} → command '${command.id.replaceAll(':', ' ')}'`;
  const params = new Map(schemaFlags(jsonSchemaOf(contract.params)).map((param) => [param.param, param]));
  const reached = new Set<string>(Object.keys(command.fixed ?? {}));

  const valueOf = (label: string, mapping: CliArg<P> | CliFlag<P>, list: boolean): ValueSpec => {
    const like = 'like' in mapping ? mapping.like : undefined;
    if (like) {
      const other = like.contract();
      const param = schemaFlags(jsonSchemaOf(other.params)).find((candidate) => candidate.param === like.param);
      if (!param) problems.push(`${where}: ${label} is typed like ${other.name}'s "${like.param}", which its schema does not have`);
      if (!command.finish) problems.push(`${where}: ${label} is typed like ${other.name}'s "${like.param}", so a finisher must send ${other.name}`);
      return param ? fromParam(param, false) : { kind: 'string' };
    }
    if (!mapping.param) return { kind: mapping.kind ?? 'string', ...(mapping.options ? { options: [...mapping.options] } : {}) };
    const param = params.get(mapping.param);
    if (!param) {
      problems.push(`${where}: ${label} fills "${mapping.param}", which ${contract.name}'s schema does not have`);
      return { kind: 'string' };
    }
    reached.add(mapping.param);
    if (list && param.kind !== 'list') problems.push(`${where}: ${label} collects a list, but "${mapping.param}" is ${param.kind}`);
    const spec = fromParam(param, list);
    if (mapping.kind && mapping.kind !== spec.kind) problems.push(`${where}: ${label} is read as ${mapping.kind}, but "${mapping.param}" is ${spec.kind}`);
    if (mapping.options) {
      const outside = spec.options ? mapping.options.filter((option) => !spec.options!.includes(option)) : [];
      if (spec.kind !== 'string') problems.push(`${where}: ${label} lists options, but "${mapping.param}" is ${spec.kind}`);
      else if (outside.length > 0 && !command.finish)
        problems.push(`${where}: ${label} offers ${outside.join(', ')}, which "${mapping.param}" does not accept (${spec.options?.join(', ') ?? 'any text'})`);
      spec.options = [...mapping.options];
    }
    return spec;
  };

  const args: ArgSpec[] = (command.args ?? []).map((arg, index, all) => {
    if (arg.rest && index !== all.length - 1) problems.push(`${where}: only the last argument can take the rest of the line (${arg.name})`);
    const value = valueOf(`<${arg.name}>`, arg, arg.rest === 'list');
    if (arg.rest === 'text' && value.kind !== 'string') problems.push(`${where}: <${arg.name}> joins words into text, but its param is ${value.kind}`);
    return {
      name: arg.name,
      ...value,
      ...(arg.param ? { param: arg.param } : {}),
      ...(arg.required ? { required: true } : {}),
      ...(arg.rest ? { rest: arg.rest } : {}),
      ...(arg.file ? { file: true } : {}),
      ...(arg.url ? { url: true } : {}),
      ...(arg.description ? { description: arg.description } : {}),
      ...(arg.default !== undefined ? { default: arg.default } : {}),
    };
  });
  const flags: Record<string, FlagSpec> = {};
  for (const [name, flag] of Object.entries(command.flags ?? {})) {
    const value = valueOf(`--${name}`, flag, flag.multiple === true);
    flags[name] = {
      ...value,
      ...(flag.param ? { param: flag.param } : {}),
      ...(flag.char ? { char: flag.char } : {}),
      ...(flag.multiple ? { multiple: true } : {}),
      ...(flag.file ? { file: true } : {}),
      ...(flag.description ? { description: flag.description } : {}),
      ...(flag.default !== undefined ? { default: flag.default } : {}),
      ...(flag.allowNo ? { allowNo: true } : {}),
    };
  }
  for (const key of Object.keys(command.fixed ?? {})) if (!params.has(key)) problems.push(`${where}: fixed param "${key}" is not in ${contract.name}'s schema`);
  for (const [param, why] of Object.entries(command.omits ?? {})) {
    if (!params.has(param)) problems.push(`${where}: omits "${param}", which ${contract.name}'s schema does not have`);
    else if (reached.has(param)) problems.push(`${where}: omits "${param}" (${why}), but a flag or argument fills it`);
    else reached.add(param);
  }
  for (const param of params.keys())
    if (!reached.has(param))
      problems.push(`${where}: "${param}" cannot be given from the command line; map it to a flag or argument, or list it in omits with the reason`);
  if (command.finish && !FINISHER_NAMES.includes(command.finish)) problems.push(`${where}: finisher "${command.finish}" does not exist in src/cli/requests.ts`);
  if (command.sends?.length && !command.finish) problems.push(`${where}: sends ${command.sends.join(', ')}, which only a finisher can do`);
  const spec: CommandSpec = {
    kind: 'contract',
    id: command.id,
    action: contract.name,
    summary: command.summary ?? contract.summary,
    ...(command.description ? { description: command.description } : {}),
    examples: [...command.examples],
    ...(command.aliases?.length ? { aliases: [...command.aliases] } : {}),
    ...(command.hidden ? { hidden: true } : {}),
    args,
    flags,
    strict: !args.some((arg) => arg.rest),
    ...(command.fixed && Object.keys(command.fixed).length > 0 ? { fixed: { ...command.fixed } } : {}),
    ...(command.finish ? { finish: command.finish } : {}),
    ...(command.sends?.length ? { sends: [...command.sends] } : {}),
    fast: command.fast,
    ...(command.output && command.output !== 'done' ? { output: command.output } : {}),
  };
  return { spec, problems };
}

/**
 * Every command the contracts declare, by id, and every problem found (a command id declared
 * twice, a mapping that disagrees with its schema). `jsonSchemaOf` converts a param schema.
 */
export function deriveCommands(
  contracts: readonly ActionContract[],
  jsonSchemaOf: (schema: ActionContract['params']) => JsonSchema,
): { commands: Record<string, CommandSpec>; problems: string[] } {
  const commands: Record<string, CommandSpec> = {};
  const problems: string[] = [];
  const names = new Set(contracts.map((contract) => contract.name));
  for (const contract of contracts)
    for (const command of contract.cli ?? [])
      for (const other of command.sends ?? []) if (!names.has(other)) problems.push(`command '${command.id}' sends ${other}, which is no action`);
  for (const contract of contracts) {
    for (const command of contract.cli ?? []) {
      if (commands[command.id])
        problems.push(`command '${command.id.replaceAll(':', ' ')}' is declared by ${commands[command.id]!.action} and ${contract.name}`);
      const derived = deriveCommand(contract, command, jsonSchemaOf);
      commands[command.id] = derived.spec;
      problems.push(...derived.problems);
    }
  }
  return { commands, problems };
}

/** The statics of an oclif command class the check reads. */
interface CommandClassStatics {
  actions?: string[];
  converts?: Record<string, string>;
  flags?: Record<string, { type?: string; options?: readonly string[]; min?: number; max?: number }>;
}

/**
 * What in a command class (a command with logic of its own) disagrees with the schema of an action
 * it sends: a flag named like one of the action's params (`--click-count` for `clickCount`) must
 * take the same kind of value, offer no option the param refuses and accept no number outside its
 * limits.
 */
export function checkCommandClass(
  id: string,
  command: CommandClassStatics,
  contracts: ReadonlyMap<string, ActionContract>,
  jsonSchemaOf: (schema: ActionContract['params']) => JsonSchema,
): string[] {
  const problems: string[] = [];
  for (const action of command.actions ?? []) {
    const contract = contracts.get(action);
    if (!contract) continue;
    const params = new Map(schemaFlags(jsonSchemaOf(contract.params)).map((param) => [param.flag, param]));
    for (const [name, flag] of Object.entries(command.flags ?? {})) {
      const param = params.get(name);
      if (!param || command.converts?.[name]) continue;
      const where = `command '${id.replaceAll(':', ' ')}' --${name} (${action}'s "${param.param}")`;
      if ((flag.type === 'boolean') !== (param.kind === 'boolean')) problems.push(`${where}: the flag is ${flag.type}, the param ${param.kind}`);
      const refused = param.options ? (flag.options ?? []).filter((option) => !param.options!.includes(option)) : [];
      if (refused.length > 0) problems.push(`${where}: offers ${refused.join(', ')}, which the param refuses (${param.options!.join(', ')})`);
      const low = param.min ?? param.exclusiveMin;
      if (low !== undefined && flag.type !== 'boolean' && (flag.min === undefined || flag.min < low))
        problems.push(`${where}: accepts numbers below the param's limit (${describeLimits(fromParam(param, false))})`);
      if (param.max !== undefined && (flag.max === undefined || flag.max > param.max)) problems.push(`${where}: accepts numbers above ${param.max}`);
    }
  }
  return problems;
}

/** The choices of every enum param, by action and param; a list of objects adds its fields as `param.field`. */
export function enumOptions(
  contracts: readonly ActionContract[],
  jsonSchemaOf: (schema: ActionContract['params']) => JsonSchema,
): Record<string, Record<string, string[]>> {
  const options: Record<string, Record<string, string[]>> = {};
  for (const contract of contracts) {
    const schema = jsonSchemaOf(contract.params);
    const found: Record<string, string[]> = {};
    for (const param of schemaFlags(schema)) if (param.options) found[param.param] = [...param.options];
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (!property.items?.properties) continue;
      for (const field of schemaFlags(property.items)) if (field.options) found[`${name}.${field.param}`] = [...field.options];
    }
    if (Object.keys(found).length > 0) options[contract.name] = found;
  }
  return options;
}
