/**
 * The CLI's fast path (no oclif, no cosmiconfig) against a real page: the same output and exit
 * codes as the oclif path for the same command lines, the config files it reads itself, and
 * `batch` (arguments, NDJSON on stdin, --json, stopping at a failure, steps only oclif parses).
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const test = suite('cli fast path');
const session = `fast${process.pid}`;
let dir = '';
let env: NodeJS.ProcessEnv = {};
let server: PageServer;
let url = '';
let setupError: unknown = null;

const cli = (args: string[], extra: NodeJS.ProcessEnv = {}, input?: string) => runCli(args, { env: { ...env, ...extra }, cwd: dir, input });
const slow = (args: string[], input?: string) => cli(args, { AGENT_BROWSER_FAST_PATH: '0' }, input);

function succeeded(result: CliResult, label: string): void {
  assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
}

test.before(async () => {
  try {
    dir = makeSocketDir();
    env = testEnv(dir, { TMPDIR: dir, AGENT_BROWSER_SESSION: session, AGENT_BROWSER_DEFAULT_TIMEOUT: '1500' });
    server = await startPageServer();
    url = server.url('/e2e/actions.html');
    succeeded(await cli(['open', url]), 'open');
  } catch (error) {
    setupError = error;
  }
});
test.before.each(() => {
  if (setupError) throw setupError;
});
test.after(async () => {
  try {
    await runCli(['close'], { env, cwd: dir, timeoutMs: 30_000 }).catch(() => undefined);
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the same command lines print the same on the fast path and through oclif', async () => {
  const lines = [
    ['get', 'url'],
    ['get', 'title'],
    ['--json', 'get', 'title'],
    ['snapshot', '-i'],
    ['snapshot', '-i', '-c', '-d', '1'],
    ['get', 'text', '#heading'],
    ['get', 'attr', '#heading', 'id'],
    ['is', 'visible', '#heading'],
    ['fill', '#name', 'Grace', 'Hopper'],
    ['get', 'value', '#name'],
    ['eval', '1 + 2'],
    ['scroll', 'down', '10'],
    ['tab'],
    ['wait', '5'],
    ['click', '#does-not-exist'],
    ['--json', 'click', '#does-not-exist'],
    ['click', '@e999'],
    ['get', 'url', '--session', session],
  ];
  for (const line of lines) {
    const fast = await cli(line);
    const viaOclif = await slow(line);
    const label = line.join(' ');
    assert.is(fast.code, viaOclif.code, `${label}: exit code\nfast: ${fast.stderr}\noclif: ${viaOclif.stderr}`);
    assert.is(fast.stdout, viaOclif.stdout, `${label}: stdout`);
    assert.is(fast.stderr, viaOclif.stderr, `${label}: stderr`);
  }
});

test('the fast path reads a JSON .agentbrowserrc in the working folder (session from the file)', async () => {
  const project = fs.mkdtempSync(path.join(dir, 'proj-'));
  fs.writeFileSync(path.join(project, '.agentbrowserrc'), JSON.stringify({ session }));
  const { AGENT_BROWSER_SESSION: _omitted, ...withoutSession } = env;
  const result = await runCli(['get', 'url'], { env: withoutSession, cwd: project });
  succeeded(result, 'get url in the project');
  assert.is(result.stdout, `${url}\n`);
  // A YAML file goes through cosmiconfig and means the same.
  fs.writeFileSync(path.join(project, '.agentbrowserrc'), `session: ${session}\n`);
  const yaml = await runCli(['get', 'url'], { env: withoutSession, cwd: project });
  succeeded(yaml, 'get url with a YAML rc');
  assert.is(yaml.stdout, `${url}\n`);
  // An invalid file is reported in the full loader's words, whichever path started.
  fs.writeFileSync(path.join(project, '.agentbrowserrc'), JSON.stringify({ session, timeout: 'soon' }));
  const invalid = await runCli(['get', 'url'], { env: withoutSession, cwd: project });
  assert.is(invalid.code, 1);
  assert.match(invalid.stderr, 'Invalid configuration in');
  assert.match(invalid.stderr, 'timeout');
});

test('batch runs its arguments in order over one connection and prints each answer', async () => {
  const result = await cli(['batch', `open ${url}`, 'fill #name "Ada Lovelace"', 'get value #name', 'click #counter', 'get text #counter', 'get url']);
  succeeded(result, 'batch');
  assert.is(result.stdout, `✓ Actions\n  ${url}\n✓ Done\nAda Lovelace\n✓ Done\nClicked 1\n${url}\n`);
});

test('batch reads commands and JSON requests from stdin; --json prints one line per step', async () => {
  const input = ['# a comment', 'get title', '', '{"action":"gettext","selector":"#heading"}', '{"id":"mine","action":"url"}'].join('\n');
  const result = await cli(['batch', '--json'], {}, input);
  succeeded(result, 'batch --json');
  const answers = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(
    answers.map((a) => a.step),
    [1, 2, 3],
  );
  assert.is(answers[0].data.title, 'Actions');
  assert.is(answers[1].data.text, 'Actions page');
  assert.is(answers[2].data.url, url);
});

test('batch stops at the first failing step (exit 1, says what was not run); --keep-going runs the rest', async () => {
  const stopped = await cli(['batch', 'get title', 'click #missing', 'get url']);
  assert.is(stopped.code, 1);
  assert.is(stopped.stdout, 'Actions\n');
  assert.match(stopped.stderr, '#missing');
  assert.match(stopped.stderr, 'Stopped at step 2 of 3 (click #missing); 1 not run');
  const kept = await cli(['batch', '--keep-going', 'get title', 'click #missing', 'get url']);
  assert.is(kept.code, 1);
  assert.is(kept.stdout, `Actions\n${url}\n`);
});

test('batch steps only oclif parses (tab new, set viewport) run through their command classes', async () => {
  const result = await cli(['batch', 'set viewport 800 600', `tab new ${url}`, 'tab list', 'tab close', 'get url']);
  succeeded(result, 'batch with oclif-only steps');
  const lines = result.stdout.trim().split('\n');
  assert.match(lines.join('\n'), /\[1\] Actions/);
  assert.is(lines.at(-1), url);
});

test('batch refuses a step that is not one request, or carries global flags, before sending anything', async () => {
  const notSingle = await cli(['batch', 'get title', 'daemon status']);
  assert.is(notSingle.code, 1);
  assert.is(notSingle.stdout, '');
  assert.match(notSingle.stderr, "Step 2 (daemon status): 'daemon status' does more than send one request");
  const globals = await cli(['batch', 'get title --session other']);
  assert.is(globals.code, 1);
  assert.match(globals.stderr, 'Global flags');
  const badJson = await cli(['batch', '{"action":']);
  assert.is(badJson.code, 1);
  assert.match(badJson.stderr, 'Step 1');
});

test.run();
