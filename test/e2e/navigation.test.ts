/**
 * Navigation against a real page: navigate, url, title, back/forward/reload and content answer the
 * reference's `data` keys (with 0.19's `origin` where 0.19 has it); `pause` (Inspector, headed only)
 * answers NOT_SUPPORTED in a headless browser; setcontent replaces the document (old refs go stale).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, keys, ok, useFixture, openWaitsPage } from '../helpers/e2e.js';

const test = suite('navigation');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const ACTIONS = '/e2e/actions.html';
const SECOND = '/e2e/second.html';

async function open(pathname = ACTIONS) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

const READING = '/e2e/reading-page.html';

/** The ref of the first snapshot line matching `pattern`. */
async function refOf(pattern: RegExp): Promise<string> {
  const { snapshot } = await ok(fx.daemon, { action: 'snapshot' });
  const line = (snapshot as string).split('\n').find((l) => pattern.test(l));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  assert.ok(ref, `no ref for ${pattern} in:\n${snapshot}`);
  return `@${ref}`;
}

test('navigate → {url, title} of the loaded page', async () => {
  const data = await open();
  keys(data, ['url', 'title']);
  assert.equal(data, { url: fx.server.url(ACTIONS), title: 'Actions' });
  assert.is(await evaluate(fx.daemon, 'document.readyState'), 'complete');
});

test('url and title → {url} / {title}', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'url' }), { url: fx.server.url(ACTIONS) });
  assert.equal(await ok(fx.daemon, { action: 'title' }), { title: 'Actions' });
});

test('back / forward / reload → {url}; reload starts the document afresh', async () => {
  await open();
  await open(SECOND);
  const back = await ok(fx.daemon, { action: 'back' });
  keys(back, ['url']);
  assert.is(back.url, fx.server.url(ACTIONS));
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Actions');
  const forward = await ok(fx.daemon, { action: 'forward' });
  assert.equal(forward, { url: fx.server.url(SECOND) });
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Second');
  await evaluate(fx.daemon, 'window.marker = 42');
  assert.is(await evaluate(fx.daemon, 'window.marker'), 42);
  const reload = await ok(fx.daemon, { action: 'reload' });
  assert.equal(reload, { url: fx.server.url(SECOND) });
  assert.is(await evaluate(fx.daemon, 'typeof window.marker'), 'undefined');
});

test('content → {html, origin}: the whole document, or one element’s inner HTML', async () => {
  await open();
  const page = await ok(fx.daemon, { action: 'content' });
  keys(page, ['html', 'origin']);
  assert.ok(page.html.startsWith('<!DOCTYPE html>'), page.html.slice(0, 40));
  assert.ok(page.html.includes('<h1 id="heading" data-kind="title">Actions page</h1>'));
  assert.is(page.origin, fx.server.url(ACTIONS));
  const part = await ok(fx.daemon, { action: 'content', selector: '#rich' });
  assert.is(part.html, '<b>bold</b> and <i>italic</i>');
});

test('pause in a headless browser answers NOT_SUPPORTED with advice instead of blocking', async () => {
  await openWaitsPage(fx);
  const answer = await fails(fx.daemon, { action: 'pause' }, 'NOT_SUPPORTED');
  assert.match(answer.error, '--headed');
  assert.equal(await ok(fx.daemon, { action: 'url' }), { url: fx.server.url('/waits/start') });
});

test('setcontent → {set:true}: the page shows the new HTML; refs of the old document are stale', async () => {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(READING) });
  const ref = await refOf(/button "Press me"/);
  const data = await ok(fx.daemon, { action: 'setcontent', html: '<title>Replaced</title><h1 id="new">Brand new</h1>' });
  assert.equal(data, { set: true });
  assert.equal(await ok(fx.daemon, { action: 'gettext', selector: '#new' }).then((d) => d.text), 'Brand new');
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Replaced');
  assert.is(await evaluate(fx.daemon, "document.getElementById('panel')"), null);
  await fails(fx.daemon, { action: 'click', selector: ref }, 'STALE_REF');
});

test('CLI: open sends --headers to the page and reads --wait-until spellings, on the fast path and through oclif', async () => {
  // A server that answers each page with the X-Test header it received, as its title.
  const server = http.createServer((request, response) => response.end(`<title>${String(request.headers['x-test'] ?? 'none')}</title>`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (const [path, env] of [
      ['fast', {}],
      ['oclif', { AGENT_BROWSER_FAST_PATH: '0' }],
    ] as const) {
      const result = await runCli(
        ['--session', fx.daemon.session, 'open', `${base}/${path}`, '--headers', `{"X-Test":"sent-${path}"}`, '--wait-until', 'network-idle'],
        {
          env: { ...fx.daemon.env, ...env },
          cwd: fx.daemon.socketDir,
        },
      );
      assert.is(result.code, 0, result.stderr);
      assert.is(result.stdout.split('\n')[0], `✓ sent-${path}`, `${path}: the page was requested with the header`);
    }
    const bad = await runCli(['--session', fx.daemon.session, 'open', `${base}/bad`, '--headers', 'nope'], { env: fx.daemon.env, cwd: fx.daemon.socketDir });
    assert.is(bad.code, 1);
    assert.match(bad.stderr, '--headers takes JSON, not "nope".');
  } finally {
    server.close();
  }
});

test.run();
