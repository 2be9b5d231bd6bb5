/**
 * A browser that takes long to start (a loaded machine, many sessions starting at once) must not
 * make the CLI give up on a daemon that is still launching it: the CLI waits as long as the daemon
 * itself allows an action whose browser must start first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testBrowserPath } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const test = suite('slow browser launch');
let dir = '';
let server: PageServer;

test.before(async () => {
  dir = makeSocketDir();
  server = await startPageServer();
});

test.after(async () => {
  await runCli(['--session', 'slow', 'close'], { env: testEnv(dir) }).catch(() => undefined);
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('the first open waits for a browser that needs 20 s to start, although the action timeout is 1 s', async () => {
  const wrapper = path.join(dir, 'slow-chromium');
  fs.writeFileSync(wrapper, `#!/bin/sh\nsleep 20\nexec ${JSON.stringify(testBrowserPath())} "$@"\n`, { mode: 0o755 });
  server.page('/slow/page', '<!doctype html><title>Finally</title><h1>Finally</h1>');
  const env = testEnv(dir, { AGENT_BROWSER_SESSION: 'slow', AGENT_BROWSER_EXECUTABLE_PATH: wrapper, AGENT_BROWSER_DEFAULT_TIMEOUT: '1000' });
  const open = await runCli(['open', server.url('/slow/page')], { env, timeoutMs: 120_000 });
  assert.is(open.code, 0, open.stderr);
  assert.match(open.stdout, '✓ Finally');
  assert.not.match(open.stderr, /No answer from the daemon/);
});

test.run();
