#!/usr/bin/env node
// Writes dist/cli/command-specs.json after `tsc`: the arguments and flags of every command the
// fast path (src/cli/fast.ts) may run without loading oclif, read from the oclif command classes
// themselves so the two parsers cannot drift apart. A command qualifies when its request is
// {action}, {action, selector} or a builder in src/cli/requests.ts, and it prints the default way.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli');
const { COMMANDS } = await import(path.join(dist, 'commands/index.js'));
const { ActionCommand, PlainCommand, ElementCommand, globalFlags } = await import(path.join(dist, 'base.js'));
const { REQUESTS } = await import(path.join(dist, 'requests.js'));

const UNSUPPORTED_FLAG_KEYS = [
  'allowNo',
  'dependsOn',
  'exclusive',
  'exactlyOne',
  'relationships',
  'env',
  'aliases',
  'charAliases',
  'multipleNonGreedy',
  'delimiter',
];

/** How the fast path converts a value: as typed, or as an integer/number (probed through oclif's own parser). */
async function valueKind(definition) {
  if (typeof definition.parse !== 'function') return 'string';
  const probes = ['7', definition.min, definition.max].filter((value) => value !== undefined).map(String);
  for (const probe of probes) {
    let parsed;
    try {
      parsed = await definition.parse(probe, {}, definition);
    } catch {
      continue;
    }
    if (parsed === probe) return 'string';
    if (typeof parsed !== 'number') return null;
    try {
      return Number.isInteger(await definition.parse('7.5', {}, definition)) ? null : 'number';
    } catch {
      return 'integer';
    }
  }
  return null;
}

async function valueSpec(definition) {
  const kind = await valueKind(definition);
  if (kind === null || typeof definition.default === 'function') return null;
  return {
    kind,
    ...(definition.options ? { options: definition.options } : {}),
    ...(definition.min !== undefined ? { min: definition.min } : {}),
    ...(definition.max !== undefined ? { max: definition.max } : {}),
    ...(definition.default !== undefined ? { default: definition.default } : {}),
  };
}

async function flagSpecs(flags, { allowMultiple = false } = {}) {
  const specs = {};
  for (const [name, flag] of Object.entries(flags ?? {})) {
    // Repeatable global flags (--extension) only matter when a daemon starts; the fast path leaves those runs to oclif.
    if (UNSUPPORTED_FLAG_KEYS.some((key) => flag[key] !== undefined && flag[key] !== false && !(allowMultiple && key === 'multipleNonGreedy'))) return null;
    if (flag.multiple && !allowMultiple) return null;
    const spec = flag.type === 'boolean' ? { kind: 'boolean' } : await valueSpec(flag);
    if (spec === null) return null;
    specs[name] = { ...spec, ...(flag.char ? { char: flag.char } : {}), ...(flag.multiple ? { multiple: true } : {}) };
  }
  return specs;
}

function requestKind(id, command) {
  if (id === 'batch') return { kind: 'batch' };
  if (command.prototype.run !== ActionCommand.prototype.run) return null;
  if (id in REQUESTS) return { kind: 'builder' };
  if (command.prototype instanceof PlainCommand && command.prototype.request === PlainCommand.prototype.request)
    return { kind: 'plain', action: command.action };
  if (command.prototype instanceof ElementCommand && command.prototype.request === ElementCommand.prototype.request)
    return { kind: 'element', action: command.action };
  return null;
}

const commands = {};
const aliases = {};
for (const [id, command] of Object.entries(COMMANDS)) {
  const request = requestKind(id, command);
  if (!request) continue;
  const flags = await flagSpecs(command.flags);
  const args = [];
  for (const [name, arg] of Object.entries(command.args ?? {})) {
    const spec = await valueSpec(arg);
    if (spec === null) break;
    args.push({ name, ...(arg.required ? { required: true } : {}), ...spec });
  }
  if (flags === null || args.length !== Object.keys(command.args ?? {}).length) {
    process.stderr.write(`build-specs: "${id}" uses a parser feature the fast path does not know; it always runs through oclif\n`);
    continue;
  }
  commands[id] = { ...request, args, flags, strict: command.strict !== false };
  for (const alias of command.aliases ?? []) aliases[alias] = id;
}
const globals = await flagSpecs(globalFlags, { allowMultiple: true });
const target = path.join(dist, 'command-specs.json');
const ids = Object.keys(COMMANDS);
fs.writeFileSync(target, `${JSON.stringify({ globals, commands, aliases, ids })}\n`);
