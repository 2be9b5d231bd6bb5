// Command-line flags read against an action's param schema (the JSON Schema `actions` publishes):
// `--quiet-ms 5` reaches the param `quietMs` as a number, an enum value is checked, an unknown flag
// is refused with the closest valid one. Plugin actions are run this way (src/cli/plugin-action.ts).
import { closestNames } from '../protocol/suggest.js';
import { describeLimits, readValue, type ValueSpec } from './command-line.js';
import { CliFailure } from './invoke.js';

/** The part of a JSON Schema the CLI reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
}

/** How one param is given on the command line. */
export interface SchemaFlag {
  /** The param's name on the wire (`quietMs`). */
  param: string;
  /** The flag, kebab-case (`quiet-ms`). */
  flag: string;
  /** `json`: objects and unions, given as JSON. `list`: repeat the flag (or give a JSON array). */
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'list' | 'json';
  /** For `list`: how each item is read. */
  item?: 'string' | 'integer' | 'number' | 'json';
  options?: string[];
  min?: number;
  max?: number;
  exclusiveMin?: number;
  exclusiveMax?: number;
  required: boolean;
  default?: unknown;
  description?: string;
}

/** `quietMs` → `quiet-ms`; `maxURLs` → `max-urls`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** The type names a schema allows, with `null` left out (null counts as absent). */
function typesOf(schema: JsonSchema): string[] {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.flatMap(typesOf))];
  if (schema.enum) return [...new Set(schema.enum.filter((value) => value !== null).map((value) => typeof value))];
  if (schema.const !== undefined) return [typeof schema.const];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.filter((type) => type !== 'null');
}

function scalarKind(schema: JsonSchema): 'string' | 'integer' | 'number' | 'boolean' | 'json' {
  const types = typesOf(schema);
  if (types.length !== 1) return 'json';
  const [type] = types;
  return type === 'string' || type === 'integer' || type === 'number' || type === 'boolean' ? type : 'json';
}

/** The flags of a param schema, in the schema's order. */
export function schemaFlags(schema: JsonSchema): SchemaFlag[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([param, property]) => {
    const types = typesOf(property);
    const options = (
      property.enum ?? (property.anyOf ?? property.oneOf ?? []).flatMap((variant) => variant.enum ?? (variant.const !== undefined ? [variant.const] : []))
    ).filter((value): value is string => typeof value === 'string');
    const base = {
      param,
      flag: kebabCase(param),
      required: required.has(param) && property.default === undefined,
      ...(property.default !== undefined ? { default: property.default } : {}),
      ...(property.description ? { description: property.description } : {}),
      // zod writes the safe-integer range on every integer; it says nothing to a user.
      ...(property.minimum !== undefined && property.minimum > Number.MIN_SAFE_INTEGER ? { min: property.minimum } : {}),
      ...(property.maximum !== undefined && property.maximum < Number.MAX_SAFE_INTEGER ? { max: property.maximum } : {}),
      ...(property.exclusiveMinimum !== undefined ? { exclusiveMin: property.exclusiveMinimum } : {}),
      ...(property.exclusiveMaximum !== undefined ? { exclusiveMax: property.exclusiveMaximum } : {}),
      ...(options.length > 0 && types.every((type) => type === 'string') ? { options } : {}),
    };
    // A list, or one value or a list of them (`z.union([z.string(), z.array(z.string())])`).
    const items = property.items ?? (property.anyOf ?? property.oneOf ?? []).find((variant) => variant.type === 'array')?.items;
    const single = types.filter((type) => type !== 'array');
    if (types.includes('array') && items && (single.length === 0 || (single.length === 1 && single[0] === scalarKind(items)))) {
      const item = scalarKind(items);
      return { ...base, kind: 'list', item: item === 'boolean' ? 'json' : item };
    }
    return { ...base, kind: scalarKind(property) };
  });
}

function describeKind(flag: SchemaFlag): string {
  if (flag.options) return flag.options.join('|');
  if (flag.kind === 'list') return `${flag.item === 'json' ? 'json' : flag.item}, repeatable`;
  return flag.kind;
}

/** Reads one value of a flag with the CLI's one value reader; a value it refuses fails naming the flag. */
function readFlagValue(flag: SchemaFlag, kind: ValueSpec['kind'], text: string): unknown {
  const read = readValue({ ...flag, kind, options: kind === 'string' ? flag.options : undefined }, text);
  if ('problem' in read) {
    // JSON-typed params (objects, unions) also take plain text; the daemon's schema has the last word.
    if (kind === 'json') return text;
    throw new CliFailure(`--${flag.flag} ${read.problem}, not ${JSON.stringify(text)}.`, 'INVALID_ARGUMENTS');
  }
  return read.value;
}

/** Global flags the caller handles itself; they pass through untouched. */
export interface PassThrough {
  boolean: ReadonlySet<string>;
  value: ReadonlySet<string>;
}

/**
 * Reads `tokens` (what follows the command) into params: `--flag value`, `--flag=value`, `--flag`
 * and `--no-flag` for booleans, a list flag repeated, `--params '{json}'` merged first. Global
 * flags in `passThrough` are returned as they were. Refuses an unknown flag (naming the closest
 * valid one), a positional word and a value of the wrong type, with code INVALID_ARGUMENTS.
 */
export function paramsFromFlags(
  command: string,
  flags: readonly SchemaFlag[],
  tokens: readonly string[],
  passThrough: PassThrough,
): { params: Record<string, unknown>; passed: string[] } {
  const byName = new Map<string, SchemaFlag>();
  for (const flag of flags) {
    byName.set(flag.flag, flag);
    byName.set(flag.param, flag);
  }
  const params: Record<string, unknown> = {};
  const given = new Set<string>();
  const passed: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('--') || token === '--') {
      throw new CliFailure(
        `${command} takes named params (--name value), not ${JSON.stringify(token)}.${flags.length > 0 ? ` Its flags: ${flags.map((flag) => `--${flag.flag}`).join(', ')}.` : ' It takes no params.'}`,
        'INVALID_ARGUMENTS',
      );
    }
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const inline = eq === -1 ? undefined : token.slice(eq + 1);
    if (passThrough.boolean.has(`--${name}`)) {
      passed.push(token);
      continue;
    }
    if (passThrough.value.has(`--${name}`)) {
      passed.push(...(inline !== undefined ? [token] : [token, tokens[++i] ?? '']));
      continue;
    }
    if (name === 'params') {
      const text = inline ?? tokens[++i] ?? '';
      let object: unknown;
      try {
        object = JSON.parse(text);
      } catch (error) {
        throw new CliFailure(`--params must be a JSON object: ${(error as Error).message}`, 'INVALID_ARGUMENTS');
      }
      if (object === null || typeof object !== 'object' || Array.isArray(object))
        throw new CliFailure('--params must be a JSON object, e.g. {"selector":"@e3"}.', 'INVALID_ARGUMENTS');
      Object.assign(params, object);
      continue;
    }
    const negated = name.startsWith('no-') && !byName.has(name) ? byName.get(name.slice(3)) : undefined;
    const flag = negated ?? byName.get(name);
    if (!flag) {
      const close = closestNames(
        name,
        flags.map((candidate) => candidate.flag),
        { limit: 1 },
      );
      throw new CliFailure(
        `${command} has no flag --${name}.${close.length > 0 ? ` Did you mean --${close[0]}?` : ''} ${flags.length > 0 ? `Its flags: ${flags.map((candidate) => `--${candidate.flag}`).join(', ')}.` : 'It takes no params.'} See '${command} --help'.`,
        'INVALID_ARGUMENTS',
      );
    }
    if (negated && negated.kind !== 'boolean') throw new CliFailure(`--${name}: only a true/false flag can be negated.`, 'INVALID_ARGUMENTS');
    if (given.has(flag.param) && flag.kind !== 'list') throw new CliFailure(`--${flag.flag} was given twice.`, 'INVALID_ARGUMENTS');
    given.add(flag.param);
    if (flag.kind === 'boolean') {
      params[flag.param] = negated ? false : inline === undefined ? true : readFlagValue(flag, 'boolean', inline);
      continue;
    }
    const text = inline ?? tokens[++i];
    if (text === undefined) throw new CliFailure(`--${flag.flag} needs a value (${describeKind(flag)}).`, 'INVALID_ARGUMENTS');
    if (flag.kind === 'list') {
      const items = text.startsWith('[') ? readFlagValue(flag, 'json', text) : [readFlagValue(flag, flag.item ?? 'string', text)];
      params[flag.param] = [...((params[flag.param] as unknown[] | undefined) ?? []), ...(Array.isArray(items) ? items : [items])];
    } else {
      params[flag.param] = readFlagValue(flag, flag.kind, text);
    }
  }
  return { params, passed };
}

/** `--help` for a command whose flags come from its schema. */
export function schemaHelp(options: { command: string; summary: string; flags: readonly SchemaFlag[]; notes?: string[] }): string {
  const { command, summary, flags } = options;
  const usage = flags.map((flag) => {
    const value = flag.kind === 'boolean' ? '' : ` <${describeKind(flag)}>`;
    return flag.required ? `--${flag.flag}${value}` : `[--${flag.flag}${value}]`;
  });
  const lines = [summary, '', 'USAGE', `  $ ${[command, ...usage].join(' ')}`];
  if (flags.length > 0) {
    const left = flags.map((flag) => `--${flag.flag}${flag.kind === 'boolean' ? '' : `=<${describeKind(flag)}>`}`);
    const width = Math.max(...left.map((text) => text.length));
    lines.push('', 'FLAGS');
    flags.forEach((flag, index) => {
      const facts = [
        flag.required ? 'required' : '',
        describeLimits(flag),
        flag.default !== undefined ? `default: ${JSON.stringify(flag.default)}` : '',
        flag.kind === 'boolean' && !flag.required ? `--no-${flag.flag} for false` : '',
      ].filter(Boolean);
      const description = [flag.description ?? '', facts.length > 0 ? `(${facts.join('; ')})` : ''].filter(Boolean).join(' ');
      lines.push(`  ${left[index]!.padEnd(width)}  ${description}`.trimEnd());
    });
  }
  for (const note of options.notes ?? []) lines.push('', note);
  return `${lines.join('\n')}\n`;
}
