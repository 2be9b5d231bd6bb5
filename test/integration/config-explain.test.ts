// `config explain <key>` as a user runs it: a real .agentbrowserrc in a project folder, an
// environment variable and a flag, each named as the source of the value in effect.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { tempProject } from './_support.js';

const test = suite('config explain');
let project: string;
let socketDir: string;
let rcFile: string;
let env: NodeJS.ProcessEnv;

test.before(() => {
  project = tempProject();
  socketDir = makeSocketDir();
  rcFile = path.join(project, '.agentbrowserrc');
  fs.writeFileSync(rcFile, 'timeout: 12000\nviewport: 800x600\nargs:\n  - --lang=de-DE\n');
  env = testEnv(socketDir);
});

test.after(() => {
  for (const dir of [project, socketDir]) fs.rmSync(dir, { recursive: true, force: true });
});

const explain = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(['config', 'explain', ...args], { env: { ...env, ...extraEnv }, cwd: project });

test('a key set in .agentbrowserrc: its value, the file, type, allowed values, env var, description and an example', async () => {
  const run = await explain(['timeout']);
  assert.is(run.code, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[0]!, /^timeout: .*timeout of an action/);
  assert.match(run.stdout, new RegExp(`value +12000 +← file ${rcFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  assert.match(run.stdout, /default +25000/);
  assert.match(run.stdout, /type +number \(milliseconds\)/);
  assert.match(run.stdout, /allowed +1 to 2147483647/);
  assert.match(run.stdout, /env +AGENT_BROWSER_DEFAULT_TIMEOUT/);
  assert.match(run.stdout, /example +timeout: \d+/);
  assert.match(run.stdout, /AGENT_BROWSER_DEFAULT_TIMEOUT=\d+/);

  const json = await explain(['viewport', '--json']);
  assert.is(json.code, 0, json.stderr);
  assert.is(json.json.success, true);
  assert.equal(json.json.data.value, { width: 800, height: 600 });
  assert.equal(json.json.data.source, { kind: 'file', path: rcFile });
  assert.is(json.json.data.env, 'AGENT_BROWSER_VIEWPORT');
  for (const field of ['description', 'type', 'allowed']) assert.type(json.json.data[field], 'string', field);
});

test('an environment variable beats the file and is named as the source', async () => {
  const run = await explain(['timeout', '--json'], { AGENT_BROWSER_DEFAULT_TIMEOUT: '4000' });
  assert.is(run.code, 0, run.stderr);
  assert.is(run.json.data.value, 4000);
  assert.equal(run.json.data.source, { kind: 'env', name: 'AGENT_BROWSER_DEFAULT_TIMEOUT' });
  const human = await explain(['timeout'], { AGENT_BROWSER_DEFAULT_TIMEOUT: '4000' });
  assert.match(human.stdout, /value +4000 +← env AGENT_BROWSER_DEFAULT_TIMEOUT/);
});

test('a flag beats the environment; the key may be named by its environment variable', async () => {
  const run = await explain(['AGENT_BROWSER_HEADED', '--headed', '--json'], { AGENT_BROWSER_HEADED: '0' });
  assert.is(run.code, 0, run.stderr);
  assert.is(run.json.data.key, 'headless');
  assert.is(run.json.data.value, false);
  assert.equal(run.json.data.source, { kind: 'flag', name: '--headed' });
  assert.equal(run.json.data.flags, ['--headed']);
  const session = await explain(['session', '--session', 'work']);
  assert.is(session.code, 0, session.stderr);
  assert.match(session.stdout, /value +"work" +← flag --session/);
  assert.match(session.stdout, /flag +--session/);
});

test('an unset key says so, with its default', async () => {
  const run = await explain(['executablePath']);
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, /value +\(unset\) +← default/);
  assert.match(run.stdout, /env +AGENT_BROWSER_EXECUTABLE_PATH/);
  assert.match(run.stdout, /flag +--executable-path/);
});

test('an unknown key fails with the closest key names, in text and JSON', async () => {
  const run = await explain(['timout']);
  assert.is(run.code, 1);
  assert.match(run.stderr, /Unknown config key "timout"\. Did you mean "timeout"\?/);
  const json = await explain(['idle', '--json']);
  assert.is(json.code, 1);
  assert.is(json.json.success, false);
  assert.is(json.json.code, 'UNKNOWN_CONFIG_KEY');
  assert.match(json.json.error, '"idleTimeout"');
  const none = await explain(['zzzzzzzz']);
  assert.is(none.code, 1);
  assert.match(none.stderr, /The keys are: session, headless/);
});

test.run();
