// `agent-browser skill` must stay true to the CLI: every command it shows (in `agent-browser …`
// lines and in backticks, batch steps included) is in the oclif command table with the flags it
// uses, and every error code it names is one the daemon sends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { globalFlags } from '../../src/cli/base.js';
import { splitCommandLine } from '../../src/cli/batch.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SKILL } from '../../src/cli/skill.js';
import { ErrorCodes } from '../../src/protocol/errors.js';
import { ROOT } from '../helpers/paths.js';

type FlagTable = Record<string, { char?: string; type?: string }>;
type CommandClass = { flags?: FlagTable; aliases?: string[] };

/** Command ids and aliases (`get:text`, `goto`), to their classes. */
const TABLE = new Map<string, CommandClass>();
// The built table: the commands declared as data are made from dist/cli/command-specs.json.
const { COMMANDS } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'command-table.js')).href)) as { COMMANDS: Record<string, CommandClass> };
for (const [id, command] of Object.entries(COMMANDS)) {
  TABLE.set(id, command);
  for (const alias of command.aliases ?? []) TABLE.set(alias, command);
}
const GLOBALS = globalFlags as unknown as FlagTable;

/** Checks one command line as written in the guide; returns the command id it names. */
function checkCommandLine(line: string): string {
  const words = splitCommandLine(line);
  // Global flags may come first (`--session research open …`).
  while (words[0]?.startsWith('--') && words[0].slice(2) in GLOBALS) words.splice(0, GLOBALS[words[0].slice(2)]!.type === 'boolean' ? 1 : 2);
  let length = 0;
  for (let k = Math.min(words.length, 4); k >= 1; k--) {
    if (TABLE.has(words.slice(0, k).join(':'))) {
      length = k;
      break;
    }
  }
  assert.ok(length > 0, `"${line}": "${words[0]}" is not a command`);
  const id = words.slice(0, length).join(':');
  const flags = { ...GLOBALS, ...(TABLE.get(id)!.flags ?? {}) };
  for (const word of words.slice(length)) {
    if (/^--[a-z]/.test(word)) assert.ok(word.slice(2).split('=')[0]! in flags, `"${line}": ${id} has no flag ${word}`);
    else if (/^-[a-zA-Z]$/.test(word))
      assert.ok(
        Object.values(flags).some((flag) => flag.char === word[1]),
        `"${line}": ${id} has no flag ${word}`,
      );
    else if (id === 'batch') checkCommandLine(word);
  }
  return id;
}

/** Every command the guide shows: `agent-browser …` (up to a # comment) and backticked ones. */
function mentionedCommandLines(): string[] {
  const lines: string[] = [];
  for (const line of SKILL.split('\n')) {
    // A comment starts after two or more spaces; `#email` in a selector is not one.
    const invocation = /^\s*agent-browser (.*?)(?:\s{2,}#.*)?$/.exec(line);
    if (invocation) lines.push(invocation[1]!);
  }
  for (const [, span] of SKILL.matchAll(/`([^`]+)`/g)) lines.push(span!);
  return lines;
}

test('the guide is concise: at most 120 lines', () => {
  assert.ok(SKILL.split('\n').length <= 120, `${SKILL.split('\n').length} lines`);
});

test('every command the guide shows exists, with the flags it uses', () => {
  const ids = new Set(mentionedCommandLines().map(checkCommandLine));
  for (const id of ['open', 'snapshot', 'click', 'fill', 'wait', 'batch', 'close', 'tab:new', 'session:list', 'doctor'])
    assert.ok(ids.has(id), `the guide shows ${id}`);
});

/** The message `check` failed with (uvu's assert.throws passes its own assertion errors through). */
function failure(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no failure';
}

test('the check catches a command or flag that does not exist', () => {
  assert.match(
    failure(() => checkCommandLine('snapshot --interactiv')),
    'snapshot has no flag --interactiv',
  );
  assert.match(
    failure(() => checkCommandLine('clik @e1')),
    '"clik" is not a command',
  );
  assert.match(
    failure(() => checkCommandLine('batch "open x" "snapshot -z"')),
    'snapshot has no flag -z',
  );
  assert.is(checkCommandLine('--session s --json get text @e1'), 'get:text');
});

test('every error code the guide names is one the daemon sends, and the common ones are there', () => {
  const named = new Set(
    [...SKILL.matchAll(/\b[A-Z]{2,}(?:_[A-Z]+)+\b|\bTIMEOUT\b/g)].map((match) => match[0]).filter((word) => !word.startsWith('AGENT_BROWSER')),
  );
  for (const code of named) assert.ok((ErrorCodes as readonly string[]).includes(code), `${code} is in src/protocol/errors.ts`);
  for (const code of ['UNKNOWN_REF', 'STALE_REF', 'ELEMENT_NOT_FOUND', 'TIMEOUT', 'BROWSER_CLOSED']) assert.ok(named.has(code), `the guide explains ${code}`);
});

test('the guide covers the loop, waits, batch, --json and sessions', () => {
  for (const topic of ['snapshot -i', 'stale', 'wait --text', 'batch', '--json', '--session', '"success"']) assert.match(SKILL, topic);
});

test.run();
