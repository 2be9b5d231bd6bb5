// The table oclif's explicit discovery imports: the commands with logic of their own (classes in
// commands/, listed by bin/build-commands.js) and the commands declared as data in the action
// contracts (made from dist/cli/command-specs.json).
import { COMMANDS as CLASSES } from './commands/index.js';
import { contractCommand } from './contract-commands.js';
import { commandSpecs } from './specs.js';

const DATA = Object.entries(commandSpecs()?.commands ?? {})
  .filter(([, spec]) => spec.kind === 'contract')
  .map(([id, spec]) => [id, contractCommand(id, spec)] as const);

export const COMMANDS = { ...CLASSES, ...Object.fromEntries(DATA) };
