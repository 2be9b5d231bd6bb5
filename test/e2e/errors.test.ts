/**
 * What an agent reads when something goes wrong on a real page: element failures rewritten into
 * advice with stable codes, navigation and script failures, a missing browser, no ANSI escapes
 * anywhere, and a daemon that keeps serving after every failure.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { closedPort, fails, ok, plainMessage, useFixture } from '../helpers/e2e.js';

const ERRORS_PAGE = `<!doctype html><title>Errors</title>
<button class="dup" type="button">One</button><button class="dup" type="button">Two</button>
<button id="hidden" type="button" style="display:none">Hidden</button>
<input id="hidden-input" style="visibility:hidden">
<a id="link" href="#x">A link</a>
<p id="status">Ready</p>`;

const OVERLAY_PAGE = `<!doctype html><title>Overlay</title>
<button id="under" type="button" onclick="document.getElementById('status').textContent='clicked'">Under the overlay</button>
<p id="status">Ready</p>
<div id="overlay" style="position:fixed;inset:0;background:rgba(0,0,0,.5);z-index:10">Cookie banner</div>`;

const test = suite('errors');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '1500' } });

/** Every error message this file saw, checked for ANSI at the end. */
const seen: string[] = [];

async function openPage(pathname: string, html: string) {
  fx.server.page(pathname, html);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

/** The request fails with `code`; the daemon then still answers the next request. */
async function expectFailure(request: Record<string, unknown>, code: string): Promise<string> {
  const answer = await fails(fx.daemon, request, code);
  seen.push(answer.error);
  plainMessage(answer.error);
  assert.is(answer.id, `t-${String(request.action)}`, 'id echoed on failure');
  const next = await fx.daemon.request({ id: 'after-error', action: 'title' });
  assert.ok(next.success, `daemon still serves after ${code}: ${JSON.stringify(next)}`);
  return answer.error;
}

test('ambiguous selector → AMBIGUOUS_SELECTOR "matched 2 elements"', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  const message = await expectFailure({ action: 'click', selector: 'button.dup' }, 'AMBIGUOUS_SELECTOR');
  assert.ok(message.includes('"button.dup" matched 2 elements'), message);
  assert.ok(message.includes('snapshot'), message);
  // Same advice for other element actions.
  const fill = await expectFailure({ action: 'gettext', selector: '.dup' }, 'AMBIGUOUS_SELECTOR');
  assert.ok(fill.includes('matched 2 elements'), fill);
});

test('a full-screen overlay over the button → ELEMENT_BLOCKED naming the covering element, nothing clicked', async () => {
  await openPage('/e2e/overlay', OVERLAY_PAGE);
  const message = await expectFailure({ action: 'click', selector: '#under' }, 'ELEMENT_BLOCKED');
  assert.ok(message.includes('Element "#under" is covered by another element (<div id="overlay"'), message);
  assert.ok(/modal|overlay/.test(message), message);
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#status' })).text, 'Ready');
  // Once the overlay is gone the same click works.
  await ok(fx.daemon, { action: 'evaluate', script: "document.getElementById('overlay').remove()" });
  await ok(fx.daemon, { action: 'click', selector: '#under' });
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#status' })).text, 'clicked');
});

test('hover over a blocked element → ELEMENT_BLOCKED too', async () => {
  await openPage('/e2e/overlay', OVERLAY_PAGE);
  await expectFailure({ action: 'hover', selector: '#under' }, 'ELEMENT_BLOCKED');
});

test('missing element → ELEMENT_NOT_FOUND naming the selector, within the configured timeout', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  for (const request of [
    { action: 'click', selector: '#does-not-exist' },
    { action: 'fill', selector: '#does-not-exist', value: 'x' },
    { action: 'gettext', selector: '#does-not-exist' },
    { action: 'check', selector: '#does-not-exist' },
  ]) {
    const message = await expectFailure(request, 'ELEMENT_NOT_FOUND');
    assert.ok(message.includes('"#does-not-exist"'), message);
    assert.ok(message.includes('not found'), message);
    assert.ok(message.includes('snapshot'), message);
  }
});

test('reading a missing element gives up after one action timeout, not two', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  const started = Date.now();
  await expectFailure({ action: 'gettext', selector: '#does-not-exist' }, 'ELEMENT_NOT_FOUND');
  const ms = Date.now() - started;
  // AGENT_BROWSER_DEFAULT_TIMEOUT is 1500: waiting it out twice would take 3000 ms or more.
  assert.ok(ms < 3000, `answered after ${ms} ms`);
});

test('hidden element → ELEMENT_NOT_VISIBLE (or TIMEOUT saying "not visible")', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  for (const request of [
    { action: 'click', selector: '#hidden' },
    { action: 'fill', selector: '#hidden-input', value: 'x' },
  ]) {
    const answer = await fails(fx.daemon, request);
    seen.push(answer.error);
    assert.ok(answer.code === 'ELEMENT_NOT_VISIBLE' || (answer.code === 'TIMEOUT' && answer.error.includes('not visible')), `${answer.code}: ${answer.error}`);
    assert.ok(answer.error.includes(request.selector), answer.error);
    assert.ok(answer.error.includes('not visible'), answer.error);
  }
});

test('navigation to a closed port → NAVIGATION_FAILED with the net error', async () => {
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}/`;
  const answer = await fails(fx.daemon, { action: 'navigate', url }, 'NAVIGATION_FAILED');
  seen.push(answer.error);
  plainMessage(answer.error);
  assert.ok(answer.error.includes('ERR_CONNECTION_REFUSED'), answer.error);
  assert.ok(answer.error.includes(url), answer.error);
  // The daemon and the tab are usable again, at once.
  await openPage('/e2e/errors', ERRORS_PAGE);
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Errors');
});

test('a URL that failed opens once its server is up (the agent started its dev server)', async () => {
  const port = await closedPort();
  const url = `http://127.0.0.1:${port}/`;
  await fails(fx.daemon, { action: 'navigate', url }, 'NAVIGATION_FAILED');
  await fails(fx.daemon, { action: 'navigate', url }, 'NAVIGATION_FAILED');
  const late = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Dev server</title><p>up</p>');
  });
  await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const data = await ok(fx.daemon, { action: 'navigate', url });
      assert.equal(data, { url, title: 'Dev server' });
    }
  } finally {
    late.closeAllConnections();
    await new Promise<void>((resolve) => late.close(() => resolve()));
  }
});

test('navigation to a malformed URL → a clear error, not a crash', async () => {
  const answer = await fails(fx.daemon, { action: 'navigate', url: 'http://exa mple.com:notaport/' });
  seen.push(answer.error);
  plainMessage(answer.error);
  assert.ok(answer.error.includes('exa mple.com'), answer.error);
  assert.ok((await fx.daemon.request({ id: 'x', action: 'url' })).success);
});

test('evaluate of a throwing script → the script’s own error, one clear line', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  const thrown = await fails(fx.daemon, { action: 'evaluate', script: "(() => { throw new Error('boom at checkout') })()" });
  seen.push(thrown.error);
  plainMessage(thrown.error);
  assert.ok(thrown.error.includes('boom at checkout'), thrown.error);
  assert.is(thrown.code, 'EVALUATION_FAILED');
  assert.not.ok(thrown.error.includes('\n'), `one line: ${JSON.stringify(thrown.error)}`);
  const syntax = await fails(fx.daemon, { action: 'evaluate', script: 'this is not javascript' });
  seen.push(syntax.error);
  assert.ok(syntax.error.includes('SyntaxError'), syntax.error);
  const reference = await fails(fx.daemon, { action: 'evaluate', script: 'notDefinedAnywhere.x' });
  seen.push(reference.error);
  assert.ok(reference.error.includes('notDefinedAnywhere'), reference.error);
  const rejected = await fails(fx.daemon, { action: 'evaluate', script: "Promise.reject(new Error('async nope'))" });
  seen.push(rejected.error);
  assert.ok(rejected.error.includes('async nope'), rejected.error);
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: '6 * 7' })).result, 42);
});

test('wait for something that never comes → TIMEOUT naming what it waited for', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  const bySelector = await expectFailure({ action: 'wait', selector: '#never', timeout: 300 }, 'TIMEOUT');
  assert.ok(bySelector.includes('#never'), bySelector);
  const byText = await expectFailure({ action: 'wait', text: 'Never shown', timeout: 300 }, 'TIMEOUT');
  assert.ok(byText.includes('Never shown'), byText);
});

test('fill on a link is refused as the wrong kind of element; a Playwright error reaches the client without ANSI codes', async () => {
  await openPage('/e2e/errors', ERRORS_PAGE);
  const answer = await fails(fx.daemon, { action: 'fill', selector: '#link', value: 'x' });
  seen.push(answer.error);
  plainMessage(answer.error);
  assert.is(answer.code, 'WRONG_ELEMENT', answer.error);
  assert.ok(answer.error.includes('is a <a id="link"> element, and fill needs an <input>, <textarea> or contenteditable element'), answer.error);
  const press = await fails(fx.daemon, { action: 'press', key: 'NotAKey' });
  seen.push(press.error);
  plainMessage(press.error);
  assert.ok(press.error.includes('NotAKey'), press.error);
});

test('no error message of this file contained ANSI escape codes', () => {
  assert.ok(seen.length >= 15, `collected ${seen.length} messages`);
  for (const message of seen) plainMessage(message);
});

test.run();

// ------------------------------------------------------------------ no browser

const missing = suite('errors: browser not found');
let dir = '';
let daemon: TestDaemon | undefined;
let setupError: unknown = null;

missing.before(async () => {
  try {
    dir = makeSocketDir();
    daemon = await startDaemon({ env: { AGENT_BROWSER_EXECUTABLE_PATH: '/nonexistent/chrome' } });
  } catch (error) {
    setupError = error;
  }
});
missing.before.each(() => {
  if (setupError) throw setupError;
});
missing.after(async () => {
  try {
    await daemon?.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

missing('the first page action answers BROWSER_NOT_FOUND naming the path and the fix', async () => {
  const answer = await daemon!.request({ id: 'nav-1', action: 'navigate', url: 'about:blank' });
  assert.is(answer.id, 'nav-1');
  assert.is(answer.success, false);
  assert.is(answer.code, 'BROWSER_NOT_FOUND');
  plainMessage(answer.error);
  assert.ok(answer.error.includes('/nonexistent/chrome'), answer.error);
  assert.ok(answer.error.includes('AGENT_BROWSER_EXECUTABLE_PATH'), 'names where the path came from');
  assert.ok(/Fix or remove|--executable-path|install/.test(answer.error), `says how to fix it: ${answer.error}`);
});

missing('the daemon keeps answering (and fails the same way, without hanging)', async () => {
  const status = await daemon!.request({ id: 's', action: 'status' });
  assert.ok(status.success);
  assert.is(status.data.browser.launched, false);
  const again = await daemon!.request({ id: 'again', action: 'snapshot' });
  assert.is(again.code, 'BROWSER_NOT_FOUND');
});

missing('through the CLI: --executable-path to a missing binary → ✗ message on stderr, exit 1', async () => {
  const env = testEnv(dir, { AGENT_BROWSER_IDLE_TIMEOUT_MS: '60000' });
  const session = `nb${process.pid}`;
  try {
    const result = await runCli(['--session', session, '--executable-path', '/nonexistent/chrome', 'open', 'about:blank'], { env, cwd: dir });
    assert.is(result.code, 1, result.stdout + result.stderr);
    assert.ok(result.stderr.startsWith('✗ '), result.stderr);
    assert.ok(result.stderr.includes('/nonexistent/chrome'), result.stderr);
    assert.ok(/--executable-path|AGENT_BROWSER_EXECUTABLE_PATH/.test(result.stderr), result.stderr);
    assert.is(result.stdout, '');
  } finally {
    await runCli(['--session', session, 'close'], { env, cwd: dir });
  }
  assert.not.ok(fs.existsSync(path.join(dir, `${session}.sock`)), 'the CLI close stopped that daemon');
});

missing.run();
