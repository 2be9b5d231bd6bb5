#!/usr/bin/env node
// Writes dist/cli/command-specs.json after `tsc`: the commands the action contracts declare as data
// (src/protocol/actions/*), typed, limited and described by each action's schema, plus the global
// flags and `batch`. oclif's command table and the fast path are both made from this one file.
// Fails the build when a command's mapping disagrees with its action's schema, when a param cannot
// be given from the command line without a reason, or when a command class's flag disagrees with
// the schema of the action it sends.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const { ALL_CONTRACTS } = await import(path.join(dist, 'protocol/actions/index.js'));
const { z } = await import(path.join(dist, 'protocol/zod.js'));
const { deriveCommands, checkCommandClass, enumOptions } = await import(path.join(dist, 'cli/derive-specs.js'));

const jsonSchemaOf = (schema) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
const { commands, problems } = deriveCommands(ALL_CONTRACTS, jsonSchemaOf);
const options = enumOptions(ALL_CONTRACTS, jsonSchemaOf);
const target = path.join(dist, 'cli', 'command-specs.json');
// Written before the command classes load: their flags take enum choices from it (paramOptions).
fs.writeFileSync(target, `${JSON.stringify({ globals: {}, commands: {}, aliases: {}, ids: [], options })}\n`);
const { COMMANDS } = await import(path.join(dist, 'cli/commands/index.js'));
const { globalFlags } = await import(path.join(dist, 'cli/base.js'));

const contractsByName = new Map(ALL_CONTRACTS.map((contract) => [contract.name, contract]));
for (const [id, command] of Object.entries(COMMANDS)) {
  if (commands[id]) problems.push(`command '${id.replaceAll(':', ' ')}' is both a class in src/cli/commands and declared in ${commands[id].action}'s contract`);
  problems.push(...checkCommandClass(id, command, contractsByName, jsonSchemaOf));
}
if (problems.length > 0) {
  process.stderr.write(`build-specs: the CLI disagrees with the action contracts:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  process.exit(1);
}

/** The value spec of an oclif flag that only takes text or true/false (the global flags). */
function globalSpec(flag) {
  if (flag.type === 'boolean') return { kind: 'boolean' };
  const integer = typeof flag.parse === 'function' && flag.min !== undefined;
  return { kind: integer ? 'integer' : 'string', ...(flag.min !== undefined ? { min: flag.min } : {}), ...(flag.multiple ? { multiple: true } : {}) };
}

const batch = COMMANDS.batch;
commands.batch = {
  kind: 'batch',
  id: 'batch',
  args: [{ name: 'steps', kind: 'string' }],
  flags: Object.fromEntries(Object.entries(batch.flags).map(([name, flag]) => [name, globalSpec(flag)])),
  strict: batch.strict !== false,
  fast: true,
};
const aliases = {};
for (const [id, spec] of Object.entries(commands)) for (const alias of spec.aliases ?? []) aliases[alias] = id;
const globals = Object.fromEntries(Object.entries(globalFlags).map(([name, flag]) => [name, globalSpec(flag)]));
const ids = [...new Set([...Object.keys(COMMANDS), ...Object.keys(commands)])].sort();
fs.writeFileSync(target, `${JSON.stringify({ globals, commands, aliases, ids, options })}\n`);
