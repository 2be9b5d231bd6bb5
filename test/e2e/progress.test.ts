/**
 * The progress line a person sees on a terminal while the daemon starts and Chromium launches:
 * on a real pseudo-terminal it appears and is erased before the command's output; piped, or
 * with --json, there is no trace of it.
 */
import fs from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { startPageServer, type PageServer } from '../helpers/server.js';
import { hasScript, runInTerminal, SPINNER, visibleLines } from '../helpers/terminal.js';

const test = suite('progress line');
let dir = '';
let server: PageServer;
let counter = 0;
const sessions: string[] = [];

/** A fresh session: nothing runs for it yet. */
function freshSession(): NodeJS.ProcessEnv {
  const session = `progress${process.pid}-${++counter}`;
  sessions.push(session);
  return testEnv(dir, { AGENT_BROWSER_SESSION: session });
}

test.before(async () => {
  dir = makeSocketDir();
  server = await startPageServer();
  server.page('/hello', '<!doctype html><title>Hello progress</title><h1>Hello</h1>');
});

test.after(async () => {
  for (const session of sessions) await runCli(['close'], { env: testEnv(dir, { AGENT_BROWSER_SESSION: session }), timeoutMs: 30_000 }).catch(() => undefined);
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('on a terminal: "Starting the daemon…" then "Launching Chromium…", both erased before the output', async () => {
  if (!hasScript()) {
    console.log('  (util-linux script not found: the terminal checks are skipped)');
    return;
  }
  const env = freshSession();
  const run = await runInTerminal(['open', server.url('/hello')], { env, cwd: dir });
  assert.is(run.code, 0, run.output);
  assert.match(run.output, `Starting the daemon for session "${env.AGENT_BROWSER_SESSION}"…`);
  assert.match(run.output, 'Launching Chromium…');
  assert.ok(run.output.indexOf('Starting the daemon') < run.output.indexOf('Launching Chromium…'), 'the daemon starts before the browser launches');
  assert.match(run.output, SPINNER);
  assert.equal(visibleLines(run.output), ['✓ Hello progress', `  ${server.url('/hello')}`], 'the terminal shows only the output in the end');

  const again = await runInTerminal(['get', 'title'], { env, cwd: dir });
  assert.is(again.code, 0, again.output);
  assert.not.match(again.output, SPINNER, 'nothing to wait for: no spinner');
  assert.equal(visibleLines(again.output), ['Hello progress']);
});

test('on a terminal with --json, and for batch: no spinner in JSON; batch output stays clean', async () => {
  if (!hasScript()) return;
  const json = await runInTerminal(['--json', 'open', server.url('/hello')], { env: freshSession(), cwd: dir });
  assert.is(json.code, 0, json.output);
  assert.not.match(json.output, SPINNER);
  assert.not.match(json.output, /Starting the daemon|Launching Chromium/);
  assert.is(JSON.parse(json.output.trim()).data.title, 'Hello progress');

  const batch = await runInTerminal(['batch', `open ${server.url('/hello')}`, 'get title'], { env: freshSession(), cwd: dir });
  assert.is(batch.code, 0, batch.output);
  assert.match(batch.output, 'Launching Chromium…');
  assert.equal(visibleLines(batch.output), ['✓ Hello progress', `  ${server.url('/hello')}`, 'Hello progress']);
});

test('piped: neither stdout nor stderr carries a spinner or progress text', async () => {
  const env = freshSession();
  for (const args of [
    ['open', server.url('/hello')],
    ['--json', 'get', 'title'],
    ['get', 'title'],
  ]) {
    const run = await runCli(args, { env, cwd: dir });
    assert.is(run.code, 0, run.stderr);
    for (const text of [run.stdout, run.stderr]) {
      assert.not.match(text, SPINNER, `${args.join(' ')}`);
      assert.not.match(text, /Starting the daemon|Launching Chromium|\u001b\[2K/, `${args.join(' ')}`);
    }
  }
});

test.run();
