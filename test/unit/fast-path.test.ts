// The CLI's fast path reads command lines exactly as oclif does, or leaves them to oclif: every
// request it builds is compared with the one the oclif command class builds for the same line,
// and its config search with cosmiconfig's on the same folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Config } from '@oclif/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { splitCommandLine } from '../../src/cli/batch.js';
import { parseCommandLine, type CommandSpecs } from '../../src/cli/command-line.js';
import { requestOf as requestFor } from '../../src/cli/fast.js';
import { findConfigFile } from '../../src/config/load.js';
import { QuickSearchUnavailable, quickFindConfigFile } from '../../src/config/quick-find.js';
import { ROOT } from '../helpers/paths.js';

const specs = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'cli', 'command-specs.json'), 'utf8')) as CommandSpecs;
let oclif: Config;
// The built module: oclif loads the built command classes, and `instanceof` needs the same ActionCommand.
let requestViaCommandClass: typeof import('../../src/cli/class-request.js').requestViaCommandClass;

/** Sample values a spec accepts, to build one command line per command and flag. */
function sample(spec: { kind: string; options?: string[]; min?: number }, name = ''): string {
  if (name === 'headers') return '{"X-Test":"1"}';
  if (spec.options) return spec.options.at(-1)!;
  if (spec.kind === 'integer' || spec.kind === 'number') return String(Math.max(spec.min ?? 0, 3));
  return '#sample';
}

/** One line per fast command with its required args, and one more per flag. */
function generatedLines(): string[][] {
  const lines: string[][] = [];
  for (const [id, spec] of Object.entries(specs.commands)) {
    if (spec.kind === 'batch' || id === 'screenshot') continue; // screenshot's default path holds the time
    const base = [...id.split(':'), ...spec.args.filter((arg) => arg.required).map((arg) => sample(arg))];
    lines.push(base);
    for (const [name, flag] of Object.entries(spec.flags))
      lines.push(flag.kind === 'boolean' ? [...base, `--${name}`] : [...base, `--${name}`, sample(flag, name)]);
  }
  return lines;
}

const HAND_WRITTEN = [
  'fill @e1 hello   world',
  'fill @e1',
  'type @e2 --clear some text',
  'type @e2 text --delay 20',
  'select @e3 red green',
  'select @e3 red',
  'open example.com --wait-until network-idle',
  'goto localhost:3000/a?b=c',
  'navigate 127.0.0.1:8080',
  `open http://x.test --headers '{"A":"b"}'`,
  'snapshot -i -c -d 2 -s #main',
  'snapshot --interactive --depth=0',
  'scroll',
  'scroll up',
  'scroll left 40 -s .box',
  'wait 500',
  'wait #ready --state visible',
  'wait --text Welcome',
  'wait --url **/done --timeout 900',
  'wait --load networkidle',
  'eval document.title + 1',
  'press Enter',
  'press Control+a -s #field',
  'key Tab',
  'click @e5 --button right --click-count 2',
  'get attr @e1 href',
  'get url',
  'tab',
  'tab 1',
  'tab list',
  'keyboard type hello there',
  'screenshot out.png --full',
  'screenshot shot.jpg --quality 70 -s @e2',
  'is visible @e9',
  'scrollinto @e1',
  'get url --session other --json',
];

const parse = suite('fast path: requests match oclif');

parse.before(async () => {
  oclif = await Config.load({ root: ROOT });
  ({ requestViaCommandClass } = await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'class-request.js')).href));
});

parse('every generated and hand-written line builds the same request on both paths', async () => {
  const lines = [...generatedLines(), ...HAND_WRITTEN.map(splitCommandLine)];
  assert.ok(lines.length >= 100, `${lines.length} lines`);
  let compared = 0;
  for (const tokens of lines) {
    const parsed = parseCommandLine(specs, tokens);
    assert.ok(parsed, `the fast parser reads: ${tokens.join(' ')}`);
    const words = tokens.filter((token, index) => !['--session', '--json'].includes(token) && tokens[index - 1] !== '--session');
    const outcome = <T>(work: () => T) => {
      try {
        return { value: work() };
      } catch (error) {
        return { refused: (error as Error).message };
      }
    };
    const viaClass = await requestViaCommandClass(oclif, words).then(
      (value) => ({ value }),
      (error: Error) => ({ refused: error.message }),
    );
    const fast = outcome(() => requestFor(parsed!));
    if ('refused' in viaClass) {
      // A line both paths refuse (`frame` without a target) must be refused in the same words.
      assert.equal(fast, viaClass, tokens.join(' '));
      compared++;
      continue;
    }
    const expected = viaClass.value;
    assert.is(parsed!.id, specs.aliases[expected.id] ?? expected.id, tokens.join(' '));
    assert.ok('value' in fast, `${tokens.join(' ')}: ${JSON.stringify(fast)}`);
    assert.equal(JSON.parse(JSON.stringify(fast.value)), JSON.parse(JSON.stringify(expected.request)), tokens.join(' '));
    compared++;
  }
  assert.is(compared, lines.length);
});

parse('global flags are read anywhere on the line, as oclif reads them after hoisting', () => {
  const parsed = parseCommandLine(specs, ['--session', 'work', '--json', 'get', 'url', '--owner-pid', '42']);
  assert.equal(parsed?.globals, { session: 'work', json: true, 'owner-pid': 42 });
  assert.is(parsed?.id, 'get:url');
});

parse('lines oclif must read (help, errors, unknown or malformed flags, `--`) are left to it', () => {
  for (const line of [
    [],
    ['--help'],
    ['click', '--help'],
    ['click', '-h'],
    ['click'],
    ['click', 'a', 'b'],
    ['click', 'a', '--button', 'up'],
    ['click', 'a', '--nope'],
    ['click', 'a', '--click-count', '0'],
    ['snapshot', '-d', '-1'],
    ['snapshot', '-ic'],
    ['scroll', 'sideways'],
    ['scroll', 'down', 'far'],
    ['fill', '@e1', '--', '--literal'],
    ['get'],
    ['get', 'nothing'],
    ['tab', 'close', 'last'],
    ['daemon', 'status'],
    ['config', 'show'],
    ['close'],
    ['--owner-pid', '0', 'get', 'url'],
    ['--session', '--weird', 'get', 'url'],
    ['get', 'url', '--json=yes'],
    ['get', 'url', '--json', '--json'],
  ]) {
    assert.is(parseCommandLine(specs, line), null, `left to oclif: ${line.join(' ')}`);
  }
});

parse('command lines become the requests the reference CLI sends (what the contracts declare)', () => {
  const request = (line: string) => JSON.parse(JSON.stringify(requestFor(parseCommandLine(specs, splitCommandLine(line))!)));
  assert.equal(request('fill @e1'), { action: 'fill', selector: '@e1', value: '' }, 'fill without text clears the field');
  assert.equal(request('fill @e1 two  words'), { action: 'fill', selector: '@e1', value: 'two words' });
  assert.equal(request('select @e3 red'), { action: 'select', selector: '@e3', values: 'red' });
  assert.equal(request('select @e3 red green'), { action: 'select', selector: '@e3', values: ['red', 'green'] });
  assert.equal(request(`open 127.0.0.1:8080/x --headers '{"A":"b"}' --wait-until network-idle`), {
    action: 'navigate',
    url: 'http://127.0.0.1:8080/x',
    headers: { A: 'b' },
    waitUntil: 'networkidle',
  });
  assert.equal(request('upload @e1 a.txt'), { action: 'upload', selector: '@e1', files: [path.resolve('a.txt')] });
  assert.equal(request('wait 500'), { action: 'wait', timeout: 500 });
  assert.equal(request('wait --load networkidle'), { action: 'waitforloadstate', state: 'networkidle' });
  assert.equal(request('scroll'), { action: 'scroll', direction: 'down', amount: 300 });
  assert.equal(request('find text "Sign in" fill hi there'), { action: 'getbytext', text: 'Sign in', subaction: 'fill', value: 'hi there' });
  assert.equal(request('set offline off'), { action: 'offline', offline: false });
  assert.equal(request('state save login'), { action: 'state_save', path: 'login' });
  assert.equal(request('tab'), { action: 'tab_list' });
});

parse('--headed / --executable-path / --extension are parsed, so the fast path can leave launch flags to oclif', () => {
  const parsed = parseCommandLine(specs, ['--headed', '--extension', '/e1', '--extension', '/e2', 'open', 'example.com']);
  assert.equal(parsed?.globals, { headed: true, extension: ['/e1', '/e2'] });
});

parse('--cdp / --ws-endpoint are parsed anywhere on the line, and such lines are left to oclif (it attaches first)', async () => {
  const parsed = parseCommandLine(specs, ['--cdp', '9222', 'get', 'url', '--ws-endpoint=ws://127.0.0.1:3000/']);
  assert.equal(parsed?.globals, { cdp: '9222', 'ws-endpoint': 'ws://127.0.0.1:3000/' });
  // The built fast path gives these lines back before it loads config or contacts a daemon.
  const { runFast } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'cli', 'fast.js')).href)) as typeof import('../../src/cli/fast.js');
  for (const line of [
    ['--cdp', '9222', 'get', 'url'],
    ['snapshot', '-i', '--cdp=http://127.0.0.1:9222'],
    ['--ws-endpoint', 'ws://127.0.0.1:3000/', 'click', '@e1'],
    ['--cdp=', 'get', 'url'],
    ['batch', '--cdp', '9222', 'get url'],
  ]) {
    assert.is(await runFast(line), false, `left to oclif: ${line.join(' ')}`);
  }
});

const split = suite('batch: splitCommandLine');

split('words, quotes and escapes as a POSIX shell splits them', () => {
  assert.equal(splitCommandLine('fill @e1 "hello world"'), ['fill', '@e1', 'hello world']);
  assert.equal(splitCommandLine(`eval 'document.querySelector("h1").textContent'`), ['eval', 'document.querySelector("h1").textContent']);
  assert.equal(splitCommandLine('type @e2 it\\\'s  "a \\"quoted\\" word"'), ['type', '@e2', "it's", 'a "quoted" word']);
  assert.equal(splitCommandLine('fill @e1 ""'), ['fill', '@e1', '']);
  assert.equal(splitCommandLine('  get   url  '), ['get', 'url']);
});

split('an unclosed quote is an error naming the line', () => {
  assert.throws(() => splitCommandLine('fill @e1 "open'), /Unclosed " quote in: fill @e1 "open/);
});

const config = suite('fast path: config search matches cosmiconfig');
const made: string[] = [];

function project(files: Record<string, string>): { root: string; deep: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'abq-'));
  made.push(root);
  const deep = path.join(root, 'a', 'b');
  fs.mkdirSync(deep, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return { root, deep };
}

config.after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const home = os.homedir();
const env = { HOME: home } as NodeJS.ProcessEnv;

for (const [label, files, from] of [
  ['.agentbrowserrc as JSON two folders up', { '.agentbrowserrc': '{"session":"rc"}' }, 'deep'],
  ['.agentbrowserrc.json next to a package.json without the key', { 'a/b/package.json': '{"name":"x"}', 'a/.agentbrowserrc.json': '{"timeout":1234}' }, 'deep'],
  [
    'package.json with an "agentbrowser" key wins over an rc file above it',
    { 'a/b/package.json': '{"agentbrowser":{"session":"pkg"}}', '.agentbrowserrc': '{"session":"rc"}' },
    'deep',
  ],
  ['an empty .agentbrowserrc counts as found', { 'a/.agentbrowserrc': '' }, 'deep'],
  [
    'package.json comes before .agentbrowserrc in the same folder',
    { 'package.json': '{"agentbrowser":{"session":"first"}}', '.agentbrowserrc.json': '{"session":"second"}' },
    'root',
  ],
] as const) {
  config(`same file and contents: ${label}`, async () => {
    const dirs = project(files as Record<string, string>);
    const cwd = from === 'deep' ? dirs.deep : dirs.root;
    const quick = await quickFindConfigFile(cwd, env, {}, home);
    const full = await findConfigFile(cwd, env, {}, home);
    assert.ok(full, 'cosmiconfig found a file');
    assert.equal(quick, full);
  });
}

config('an explicit --config JSON file is read the same way', async () => {
  const dirs = project({ 'custom.json': '{"session":"explicit"}' });
  const flags = { config: path.join(dirs.root, 'custom.json') };
  assert.equal(await quickFindConfigFile(dirs.deep, env, flags, home), await findConfigFile(dirs.deep, env, flags, home));
});

for (const [label, files] of [
  ['YAML', { '.agentbrowserrc': 'session: yaml\n' }],
  ['.agentbrowserrc.yaml', { '.agentbrowserrc.yaml': 'session: y\n' }],
  ['a JavaScript config', { 'agentbrowser.config.mjs': 'export default {}' }],
  ["cosmiconfig's meta config", { '.config/config.json': '{"cosmiconfig":{}}' }],
] as const) {
  config(`${label} is left to cosmiconfig`, async () => {
    const dirs = project(files as Record<string, string>);
    try {
      await quickFindConfigFile(dirs.root, env, {}, home);
      assert.unreachable('the quick search should give up');
    } catch (error) {
      assert.instance(error, QuickSearchUnavailable);
    }
  });
}

parse.run();
split.run();
config.run();
