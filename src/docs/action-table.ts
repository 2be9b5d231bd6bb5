import fs from 'node:fs';
import path from 'node:path';
import { assemblePlugins } from '../builtins/assemble.js';
import { offlineControl } from '../builtins/index.js';
import { COMMANDS } from '../cli/commands/index.js';
import { defaultConfig } from '../config/index.js';
import { ALL_CONTRACTS } from '../protocol/actions/index.js';
import { Host } from '../host/host.js';
import type { Logger } from '../host/types.js';

/** One row of docs/actions.md: a built-in action, the CLI commands that send it, the tests that exercise it. */
export interface ActionRow {
  action: string;
  summary: string;
  plugin: string;
  commands: string[];
  tests: string[];
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The built-in registry, assembled the way the daemon assembles it (no browser is started). */
export async function builtinActions(): Promise<Array<{ name: string; summary: string; plugin: string }>> {
  const host = new Host(defaultConfig(), silent);
  await assemblePlugins(host, offlineControl(host, 'the docs registry'));
  return host.registry.list().map(({ name, summary, plugin }) => ({ name, summary, plugin }));
}

/** Which CLI commands send each action: those its contract declares, and the command classes that name it. */
export function commandsByAction(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (action: string, id: string) => map.set(action, [...(map.get(action) ?? []), `agent-browser ${id.replaceAll(':', ' ')}`]);
  for (const contract of ALL_CONTRACTS)
    for (const command of contract.cli ?? []) for (const action of [contract.name, ...(command.sends ?? [])]) add(action, command.id);
  for (const [id, command] of Object.entries(COMMANDS)) for (const action of new Set(command.actions)) add(action, id);
  for (const [action, ids] of map) map.set(action, [...ids].sort());
  return map;
}

/** Test files that send each action on the wire (`action: 'name'` in a request they build). */
export function testsByAction(root: string, actions: string[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const tier of ['e2e', 'integration', 'reliability']) {
    const dir = path.join(root, 'test', tier);
    for (const file of fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.test.ts'))
      .sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const action of actions) {
        const pattern = new RegExp(`["']?action["']?\\s*:\\s*["']${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`);
        if (pattern.test(text)) map.set(action, [...(map.get(action) ?? []), `test/${tier}/${file}`]);
      }
    }
  }
  return map;
}

export async function actionRows(root: string): Promise<ActionRow[]> {
  const actions = await builtinActions();
  const commands = commandsByAction();
  const tests = testsByAction(
    root,
    actions.map((a) => a.name),
  );
  return actions.map((a) => ({
    action: a.name,
    summary: a.summary,
    plugin: a.plugin.replace(/^agent-browser:/, ''),
    commands: commands.get(a.name) ?? [],
    tests: tests.get(a.name) ?? [],
  }));
}

export function renderActionTable(rows: ActionRow[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Actions',
    '',
    'Generated from the daemon’s action registry by `npm run docs` — do not edit by hand.',
    'Every built-in action, the area (plugin) that provides it, the CLI commands that send it, and the',
    'test files that exercise it on the wire. `agent-browser actions` lists the same registry with each',
    "action’s JSON schema; `agent-browser run <action> --params '{…}'` sends any of them.",
    '',
    `${rows.length} actions, ${rows.filter((r) => r.tests.length === 0).length} without a test.`,
    '',
    '| action | area | summary | CLI | tests |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| \`${r.action}\` | ${r.plugin} | ${cell(r.summary)} | ${r.commands.map((c) => `\`${c}\``).join(', ') || '`run`'} | ${r.tests.map((t) => t.replace(/^test\//, '')).join(', ') || '**none**'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
