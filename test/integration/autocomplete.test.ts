// Shell completion through @oclif/plugin-autocomplete, as a user sets it up: the setup steps it
// prints, and the bash script it generates completing real commands in a real bash.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';

const test = suite('autocomplete');
let dir: string;
let env: NodeJS.ProcessEnv;

test.before(() => {
  dir = makeSocketDir();
  // oclif keeps the generated scripts in its cache folder: $XDG_CACHE_HOME/agent-browser.
  env = testEnv(dir, { XDG_CACHE_HOME: path.join(dir, 'cache') });
});

test.after(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const bashScript = () => path.join(dir, 'cache', 'agent-browser', 'autocomplete', 'functions', 'bash', 'agent-browser.bash');

test('autocomplete bash prints the setup steps, exits 0, and writes a script that knows the commands', async () => {
  const run = await runCli(['autocomplete', 'bash'], { env });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, 'agent-browser autocomplete script bash');
  assert.match(run.stdout, '~/.bashrc');
  const script = fs.readFileSync(bashScript(), 'utf8');
  for (const command of ['open', 'snapshot', 'click', 'fill', 'get:text', 'config:show', 'config:explain', 'doctor', 'skill']) {
    assert.match(script, new RegExp(`^${command} `, 'm'), `the script lists ${command}`);
  }
  // The flags of a command come with it (snapshot's own and the global ones).
  assert.match(script, /^snapshot .*--interactive.*$/m);
  assert.match(script, /^snapshot .*--session.*$/m);
});

test('the bash script completes commands, sub-commands and flags in a real bash', async () => {
  const bash = spawnSync('bash', ['--version']);
  if (bash.status !== 0) {
    console.log('  (bash not found: skipped the live completion check)');
    return;
  }
  if (!fs.existsSync(bashScript())) assert.is((await runCli(['autocomplete', 'bash'], { env })).code, 0);
  const complete = (words: string[]) => {
    const line = ['agent-browser', ...words];
    const program = `source ${JSON.stringify(bashScript())}; COMP_WORDS=(${line.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${line.length - 1}; _agent-browser_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', program], { encoding: 'utf8' });
    assert.is(result.status, 0, result.stderr);
    // Readline shows each candidate once; the script lists a topic once per sub-command.
    return [...new Set(result.stdout.split('\n').filter(Boolean))].sort();
  };
  assert.equal(complete(['sna']), ['snapshot']);
  assert.equal(complete(['cl']), ['clear', 'click', 'clipboard', 'close'].sort());
  assert.equal(complete(['get', 'ti']), ['title']);
  assert.equal(complete(['snapshot', '--inter']), ['--interactive']);
  assert.equal(complete(['doc']), ['doctor']);
  assert.equal(complete(['config', 'ex']), ['explain']);
});

test('autocomplete zsh and powershell print their setup steps and exit 0', async () => {
  for (const shell of ['zsh', 'powershell']) {
    const run = await runCli(['autocomplete', shell], { env });
    assert.is(run.code, 0, `${shell}: ${run.stderr}`);
    assert.match(run.stdout, `agent-browser autocomplete script ${shell}`);
  }
});

test('an unknown shell is refused with the supported ones named', async () => {
  const run = await runCli(['autocomplete', 'fish'], { env });
  assert.is.not(run.code, 0);
  assert.match(run.stderr, /bash|zsh|powershell/);
});

test.run();
