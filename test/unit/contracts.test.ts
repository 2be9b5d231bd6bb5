// The action contracts and the CLI derived from them: every built-in command's flags come from its
// action's schema, and the build-time check (bin/build-specs.js runs the same functions) refuses a
// command whose mapping disagrees with the schema.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkCommandClass, deriveCommand, deriveCommands, enumOptions } from '../../src/cli/derive-specs.js';
import type { JsonSchema } from '../../src/cli/schema-flags.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { ALL_CONTRACTS } from '../../src/protocol/actions/index.js';
import { click } from '../../src/protocol/actions/interaction.js';
import { contract, type ActionContract, type CliCommand } from '../../src/protocol/contract.js';
import { ROOT } from '../helpers/paths.js';

const jsonSchemaOf = (schema: ActionContract['params']) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;

/** A toy action whose CLI mapping each test breaks in one way. */
const toy = contract({
  name: 'toy',
  summary: 'Does toy things.',
  params: z.object({
    mode: z.enum(['fast', 'slow']).optional(),
    count: z.number().int().min(1).optional().describe('How many'),
    label: z.string().optional(),
  }),
  group: 'interaction',
  cli: [],
});

const problemsOf = (command: CliCommand<z.input<typeof toy.params>>) => deriveCommand(toy, command, jsonSchemaOf).problems;

test('every built-in contract derives its commands without a problem, and names each command once', () => {
  const { commands, problems } = deriveCommands(ALL_CONTRACTS, jsonSchemaOf);
  assert.equal(problems, []);
  assert.ok(Object.keys(commands).length > 100, `${Object.keys(commands).length} commands declared as data`);
  const names = ALL_CONTRACTS.map((action) => action.name);
  assert.is(new Set(names).size, names.length, 'each action has one contract');
});

test('a command takes its help, enums, limits and descriptions from the action: nothing is restated', () => {
  const { spec, problems } = deriveCommand(click, click.cli![0]!, jsonSchemaOf);
  assert.equal(problems, []);
  assert.is(spec.summary, click.summary, 'no summary of its own: the action’s');
  assert.equal(spec.flags.button!.options, ['left', 'right', 'middle']);
  assert.is(spec.flags['click-count']!.exclusiveMin, 0);
  assert.is(spec.flags['new-tab']!.kind, 'boolean');
  assert.match(spec.args[0]!.description ?? '', 'Ref (@e3)', 'the selector’s description comes from the schema');
});

test('the check refuses an option the schema does not accept, and a looser kind', () => {
  assert.equal(
    problemsOf({
      id: 'toy',
      fast: true,
      examples: [],
      flags: { mode: { param: 'mode', options: ['fast', 'turbo'] }, count: { param: 'count' }, label: { param: 'label' } },
    }),
    ['toy → command \'toy\': --mode offers turbo, which "mode" does not accept (fast, slow)'],
  );
  assert.equal(
    problemsOf({
      id: 'toy',
      fast: true,
      examples: [],
      flags: { mode: { param: 'mode' }, count: { param: 'count', kind: 'string' }, label: { param: 'label' } },
    }),
    ['toy → command \'toy\': --count is read as string, but "count" is integer'],
  );
});

test('the check refuses a param no flag reaches (unless omitted with a reason), and a flag for a param the schema lacks', () => {
  assert.equal(problemsOf({ id: 'toy', fast: true, examples: [], flags: { mode: { param: 'mode' }, count: { param: 'count' } } }), [
    'toy → command \'toy\': "label" cannot be given from the command line; map it to a flag or argument, or list it in omits with the reason',
  ]);
  assert.equal(
    problemsOf({
      id: 'toy',
      fast: true,
      examples: [],
      flags: { mode: { param: 'mode' }, count: { param: 'count' } },
      omits: { label: 'labels are for the wire' },
    }),
    [],
  );
  const wrongName = problemsOf({
    id: 'toy',
    fast: true,
    examples: [],
    flags: {
      mode: { param: 'mode' },
      count: { param: 'count' },
      label: { param: 'label' }, // A plugin written in plain JavaScript gets no type check: the build check is what catches it.
      colour: { param: 'colour' as 'label' },
    },
  });
  assert.equal(wrongName, ["toy → command 'toy': --colour fills \"colour\", which toy's schema does not have"]);
  assert.equal(problemsOf({ id: 'toy', fast: true, examples: [], finish: 'nope', omits: { mode: 'x', count: 'x', label: 'x' } }), [
    'toy → command \'toy\': finisher "nope" does not exist in src/cli/requests.ts',
  ]);
});

test('a command class whose flag accepts numbers outside the schema’s limits, or other options, is refused', () => {
  const contracts = new Map([['toy', toy as ActionContract]]);
  assert.equal(
    checkCommandClass(
      'toy',
      { actions: ['toy'], flags: { count: { type: 'option', min: 0 }, mode: { type: 'option', options: ['fast'] } } },
      contracts,
      jsonSchemaOf,
    ),
    ["command 'toy' --count (toy's \"count\"): accepts numbers below the param's limit (>= 1)"],
  );
  assert.equal(checkCommandClass('toy', { actions: ['toy'], flags: { mode: { type: 'option', options: ['fast', 'warp'] } } }, contracts, jsonSchemaOf), [
    "command 'toy' --mode (toy's \"mode\"): offers warp, which the param refuses (fast, slow)",
  ]);
  assert.equal(
    checkCommandClass('toy', { actions: ['toy'], converts: { count: 'read as words' }, flags: { count: { type: 'option' } } }, contracts, jsonSchemaOf),
    [],
  );
});

test('the command classes of this CLI agree with the schemas of the actions they send', () => {
  const contracts = new Map(ALL_CONTRACTS.map((action) => [action.name, action]));
  const problems = Object.entries(COMMANDS).flatMap(([id, command]) => checkCommandClass(id, command, contracts, jsonSchemaOf));
  assert.equal(problems, []);
});

test('command classes take enum choices from the contracts (the built specs), so no enum is restated', async () => {
  const { COMMANDS: BUILT } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'command-table.js')).href)) as {
    COMMANDS: Record<string, { flags: Record<string, { options?: string[] }> }>;
  };
  assert.equal(BUILT['cookies:set']!.flags['same-site']!.options, ['Strict', 'Lax', 'None']);
  assert.equal(BUILT['diff:url']!.flags['wait-until']!.options, ['load', 'domcontentloaded', 'networkidle']);
  const derived = enumOptions(ALL_CONTRACTS, jsonSchemaOf);
  assert.equal(derived.emulatemedia!.colorScheme, ['light', 'dark', 'no-preference']);
});

test.run();
