/**
 * Cookies, storage, saved state and HTTP credentials (reference §2.7) against a real browser: the
 * page and a loopback server see what the actions set, a saved state restores a login in a fresh
 * daemon, and the CLI commands drive the same actions.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';
import { FIXTURES } from '../helpers/paths.js';

const PAGES = path.join(FIXTURES, 'pages', 'e2e');
const USER = 'ada';
const PASSWORD = 's3cret';

interface Site {
  origin: string;
  /** Authorization headers /basic received, in order. */
  authorizations: string[];
  close(): Promise<void>;
}

/**
 * A small site: /login sets an HttpOnly session cookie and stores the user in localStorage,
 * /app shows both, /whoami echoes the Cookie header, /basic wants HTTP Basic auth.
 */
async function startSite(): Promise<Site> {
  const authorizations: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const html = (file: string, headers: http.OutgoingHttpHeaders = {}) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      response.end(fs.readFileSync(path.join(PAGES, file)));
    };
    if (url.pathname === '/login') return html('state-login.html', { 'set-cookie': 'login=ada-token; Path=/; HttpOnly' });
    if (url.pathname === '/app') return html('state-page.html');
    if (url.pathname === '/whoami') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ cookie: request.headers.cookie ?? '' }));
      return;
    }
    if (url.pathname === '/basic') {
      const auth = request.headers.authorization ?? '';
      authorizations.push(auth);
      if (auth === `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`) {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<!doctype html><title>Secret</title><h1 id="secret">Welcome ada</h1>');
      } else {
        response.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="test"' });
        response.end('<!doctype html><title>Denied</title><h1>Denied</h1>');
      }
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    authorizations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the site's server received as Cookie header on a fetch from the page. */
async function serverCookie(daemon: TestDaemon): Promise<string> {
  return (await evaluate(daemon, `fetch('/whoami').then((r) => r.json()).then((j) => j.cookie)`)) as string;
}

const test = suite('state');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });
let site: Site;
let dir = '';

test.before(async () => {
  site = await startSite();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-state-'));
});
test.after(async () => {
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const openApp = () => ok(fx.daemon, { action: 'navigate', url: `${site.origin}/app` });
const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: testEnv(fx.daemon.socketDir), cwd: dir });

test('cookies_set without url/domain/path sets the cookie for the current page: the page and its server see it', async () => {
  await openApp();
  const data = await ok(fx.daemon, { action: 'cookies_set', cookies: [{ name: 'flavour', value: 'oat' }] });
  assert.equal(data, { set: true });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'flavour=oat');
  assert.is(await serverCookie(fx.daemon), 'flavour=oat');
  const { cookies } = await ok(fx.daemon, { action: 'cookies_get' });
  assert.is(cookies.length, 1);
  keys(cookies[0], ['name', 'value', 'domain', 'path', 'expires', 'httpOnly', 'secure', 'sameSite'], 'cookie');
  assert.is(cookies[0].name, 'flavour');
  assert.is(cookies[0].domain, '127.0.0.1');
  assert.is(cookies[0].path, '/');
});

test('cookies_set with url, httpOnly and domain/path; cookies_get {urls} filters by URL', async () => {
  await openApp();
  await ok(fx.daemon, { action: 'cookies_clear' });
  await ok(fx.daemon, {
    action: 'cookies_set',
    cookies: [
      { name: 'hidden', value: 'h1', url: site.origin, httpOnly: true },
      { name: 'scoped', value: 's1', domain: '127.0.0.1', path: '/app', sameSite: 'Lax' },
      { name: 'elsewhere', value: 'e1', url: 'http://example.invalid/' },
    ],
  });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'scoped=s1', 'HttpOnly cookies stay out of document.cookie');
  assert.is(await serverCookie(fx.daemon), 'hidden=h1', 'the server gets the HttpOnly cookie; /app-scoped cookies are not sent to /whoami');
  const names = async (urls?: string[]) =>
    ((await ok(fx.daemon, { action: 'cookies_get', urls })).cookies as Array<{ name: string }>).map((c) => c.name).sort();
  assert.equal(await names(), ['elsewhere', 'hidden', 'scoped']);
  assert.equal(await names([`${site.origin}/app`]), ['hidden', 'scoped']);
  assert.equal(await names(['http://example.invalid/']), ['elsewhere']);
  const hidden = (await ok(fx.daemon, { action: 'cookies_get', urls: [site.origin] })).cookies.find((c: { name: string }) => c.name === 'hidden');
  assert.is(hidden.httpOnly, true);
});

test('cookies_set on a page without a URL of its own and without url fails with advice', async () => {
  await ok(fx.daemon, { action: 'navigate', url: 'about:blank' });
  const answer = await fails(fx.daemon, { action: 'cookies_set', cookies: [{ name: 'a', value: 'b' }] }, 'INVALID_PARAMS');
  assert.match(answer.error, /no url or domain/);
  assert.match(answer.error, /--url/);
  await fails(fx.daemon, { action: 'cookies_set', cookies: [{ value: 'b' }] }, 'INVALID_PARAMS');
});

test('cookies_clear → {cleared:true}; the page and its server see no cookie afterwards', async () => {
  await openApp();
  await ok(fx.daemon, { action: 'cookies_set', cookies: [{ name: 'gone', value: 'soon' }] });
  assert.match(await evaluate(fx.daemon, 'document.cookie'), /gone=soon/);
  assert.equal(await ok(fx.daemon, { action: 'cookies_clear' }), { cleared: true });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), '');
  assert.is(await serverCookie(fx.daemon), '');
  assert.equal((await ok(fx.daemon, { action: 'cookies_get' })).cookies, []);
});

test('storage_set / storage_get / storage_clear act on the page’s localStorage and sessionStorage', async () => {
  await openApp();
  await evaluate(fx.daemon, `localStorage.clear(); sessionStorage.clear(); localStorage.setItem('fromPage', 'p')`);
  assert.equal(await ok(fx.daemon, { action: 'storage_set', type: 'local', key: 'user', value: 'grace' }), { set: true });
  assert.is(await evaluate(fx.daemon, `localStorage.getItem('user')`), 'grace', 'the page sees the value');
  await ok(fx.daemon, { action: 'storage_set', type: 'session', key: 'tab', value: 'one' });
  assert.is(await evaluate(fx.daemon, `sessionStorage.getItem('tab')`), 'one');
  assert.is(await evaluate(fx.daemon, `localStorage.getItem('tab')`), null, 'session and local storage are apart');

  assert.equal(await ok(fx.daemon, { action: 'storage_get', type: 'local', key: 'fromPage' }), { key: 'fromPage', value: 'p' });
  assert.equal(await ok(fx.daemon, { action: 'storage_get', type: 'local', key: 'missing' }), { key: 'missing', value: null });
  assert.equal(await ok(fx.daemon, { action: 'storage_get', type: 'local' }), { data: { fromPage: 'p', user: 'grace' } });
  assert.equal(await ok(fx.daemon, { action: 'storage_get', type: 'session' }), { data: { tab: 'one' } });

  assert.equal(await ok(fx.daemon, { action: 'storage_clear', type: 'local' }), { cleared: true });
  assert.is(await evaluate(fx.daemon, 'localStorage.length'), 0);
  assert.is(await evaluate(fx.daemon, `sessionStorage.getItem('tab')`), 'one', 'clearing local leaves session storage');
  await fails(fx.daemon, { action: 'storage_get', type: 'cookie' }, 'INVALID_PARAMS');
  await fails(fx.daemon, { action: 'storage_set', type: 'local', key: '', value: 'x' }, 'INVALID_PARAMS');
});

test('storage on a page without an origin fails with advice instead of a DOMException', async () => {
  await ok(fx.daemon, { action: 'navigate', url: 'about:blank' });
  const answer = await fails(fx.daemon, { action: 'storage_get', type: 'local' });
  assert.match(answer.error, /Open a page of the site first/);
});

test('state_save writes cookies and localStorage of the origin to a JSON file', async () => {
  await ok(fx.daemon, { action: 'cookies_clear' });
  await ok(fx.daemon, { action: 'navigate', url: `${site.origin}/login` });
  const file = path.join(dir, 'nested', 'saved.json');
  assert.equal(await ok(fx.daemon, { action: 'state_save', path: file }), { path: file });
  const state = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(state.cookies.some((c: { name: string; value: string; httpOnly: boolean }) => c.name === 'login' && c.value === 'ada-token' && c.httpOnly));
  const origin = state.origins.find((o: { origin: string }) => o.origin === site.origin);
  assert.ok(origin, JSON.stringify(state.origins));
  assert.equal(
    origin.localStorage.find((item: { name: string }) => item.name === 'user'),
    { name: 'user', value: 'ada' },
  );
});

test('state_load: a missing file and a file that is not a storage state fail clearly', async () => {
  const missing = path.join(dir, 'nope.json');
  const answer = await fails(fx.daemon, { action: 'state_load', path: missing }, 'FILE_NOT_FOUND');
  assert.is(answer.error, `State file not found: ${missing}`);
  const notJson = path.join(dir, 'text.json');
  fs.writeFileSync(notJson, 'hello');
  assert.match((await fails(fx.daemon, { action: 'state_load', path: notJson }, 'INVALID_PARAMS')).error, /not a storage state file: it is not JSON/);
  const otherJson = path.join(dir, 'other.json');
  fs.writeFileSync(otherJson, JSON.stringify({ name: 'package', version: '1.0.0' }));
  assert.match((await fails(fx.daemon, { action: 'state_load', path: otherJson }, 'INVALID_PARAMS')).error, /not a storage state file.*state save/);
});

test('state_load in a running browser replaces cookies and storage and reloads the tab', async () => {
  await ok(fx.daemon, { action: 'navigate', url: `${site.origin}/login` });
  const file = path.join(dir, 'login.json');
  await ok(fx.daemon, { action: 'state_save', path: file });
  await ok(fx.daemon, { action: 'cookies_clear' });
  await openApp();
  await evaluate(fx.daemon, 'localStorage.clear()');
  await ok(fx.daemon, { action: 'reload' });
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#user' })).text, '(nobody)');
  assert.equal(await ok(fx.daemon, { action: 'state_load', path: file }), { loaded: true, path: file });
  assert.is((await ok(fx.daemon, { action: 'url' })).url, `${site.origin}/app`, 'the tab reopened at its URL');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#user' })).text, 'ada');
  assert.is(await serverCookie(fx.daemon), 'login=ada-token');
});

test('credentials: a Basic-auth page denies without them and lets the user in with them', async () => {
  // Without credentials Chromium gives up on the challenge: the navigation fails.
  const denied = await fails(fx.daemon, { action: 'navigate', url: `${site.origin}/basic` }, 'NAVIGATION_FAILED');
  assert.match(denied.error, /ERR_INVALID_AUTH_CREDENTIALS/);
  assert.is(site.authorizations.length > 0, true, 'the server was asked');
  assert.not.ok(site.authorizations.some(Boolean), 'no Authorization header without credentials');
  assert.equal(await ok(fx.daemon, { action: 'credentials', username: USER, password: PASSWORD }), { set: true });
  const opened = await ok(fx.daemon, { action: 'navigate', url: `${site.origin}/basic` });
  assert.is(opened.title, 'Secret');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#secret' })).text, 'Welcome ada');
  assert.ok(site.authorizations.includes(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`));
});

test('CLI: cookies set/get/clear, storage local|session, state save/load, set credentials', async () => {
  await openApp();
  const run = async (...args: string[]) => {
    const result = await cli(...args);
    assert.is(result.code, 0, `${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    return result.stdout.replace(/\n$/, '');
  };
  await run('cookies', 'clear');
  assert.is(await run('cookies', 'set', 'cli', 'yes'), '✓ Done');
  await run('cookies', 'set', 'secret', 'shh', '--url', site.origin, '--http-only');
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'cli=yes');
  assert.is(await serverCookie(fx.daemon), 'cli=yes; secret=shh');
  assert.equal((await run('cookies')).split('\n').sort(), ['cli=yes', 'secret=shh']);
  assert.equal(await run('cookies', 'get', '--url', 'http://example.invalid/'), 'No cookies');
  const json = JSON.parse(await run('cookies', 'get', '--json'));
  assert.is(json.success, true);
  assert.is(json.data.cookies.find((c: { name: string }) => c.name === 'secret').httpOnly, true);
  await run('cookies', 'clear');
  assert.is(await serverCookie(fx.daemon), '');

  await evaluate(fx.daemon, 'localStorage.clear(); sessionStorage.clear()');
  await run('storage', 'local', 'set', 'theme', 'dark');
  assert.is(await evaluate(fx.daemon, `localStorage.getItem('theme')`), 'dark');
  assert.is(await run('storage', 'local', 'get', 'theme'), 'dark');
  assert.equal(JSON.parse(await run('storage', 'local')), { data: { theme: 'dark' } });
  assert.equal(JSON.parse(await run('storage', 'local', 'get')), { data: { theme: 'dark' } });
  await run('storage', 'session', 'set', 'step', '2');
  assert.is(await evaluate(fx.daemon, `sessionStorage.getItem('step')`), '2');
  await run('storage', 'local', 'clear');
  assert.is(await evaluate(fx.daemon, 'localStorage.length'), 0);
  assert.is(await evaluate(fx.daemon, 'sessionStorage.length'), 1);
  await run('storage', 'session', 'clear');
  assert.is(await evaluate(fx.daemon, 'sessionStorage.length'), 0);

  await ok(fx.daemon, { action: 'navigate', url: `${site.origin}/login` });
  // './': a bare name would mean the state folder (config stateDir).
  assert.is(await run('state', 'save', './cli-state.json'), `✓ State saved to ${path.join(dir, 'cli-state.json')}`);
  assert.ok(fs.existsSync(path.join(dir, 'cli-state.json')), 'relative path resolved against the CLI’s folder');
  await run('cookies', 'clear');
  await openApp();
  await evaluate(fx.daemon, 'localStorage.clear()');
  assert.is(await run('state', 'load', './cli-state.json'), `✓ State loaded from ${path.join(dir, 'cli-state.json')}`);
  assert.is(await serverCookie(fx.daemon), 'login=ada-token');
  assert.is(await evaluate(fx.daemon, `localStorage.getItem('user')`), 'ada');
  const missing = await cli('state', 'load', './missing.json');
  assert.is(missing.code, 1);
  assert.is(missing.stderr, `✗ State file not found: ${path.join(dir, 'missing.json')}\n`);

  assert.is(await run('set', 'credentials', USER, PASSWORD), '✓ Done');
  assert.is((await ok(fx.daemon, { action: 'navigate', url: `${site.origin}/basic` })).title, 'Secret');
});

test.run();

/** A login saved by one daemon restores in a fresh daemon: the reopened tab is logged in. */
const across = suite('state across daemons');
let acrossSite: Site;
let acrossDir = '';
const daemons: TestDaemon[] = [];

across.before(async () => {
  acrossSite = await startSite();
  acrossDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-state2-'));
});
across.after(async () => {
  for (const daemon of daemons) await daemon.stop().catch(() => undefined);
  await acrossSite?.close();
  fs.rmSync(acrossDir, { recursive: true, force: true });
});

across('state_save in one daemon, state_load in a fresh one restores the login cookie and localStorage', async () => {
  const file = path.join(acrossDir, 'auth.json');
  const first = await startDaemon({ env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });
  daemons.push(first);
  await ok(first, { action: 'navigate', url: `${acrossSite.origin}/login` });
  await ok(first, { action: 'state_save', path: file });
  await first.stop(); // one browser at a time

  const second = await startDaemon({ env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });
  daemons.push(second);
  await ok(second, { action: 'navigate', url: `${acrossSite.origin}/app` });
  assert.is((await ok(second, { action: 'gettext', selector: '#user' })).text, '(nobody)', 'a fresh daemon starts logged out');
  assert.is(await serverCookie(second), '');

  const loaded = await ok(second, { action: 'state_load', path: file });
  assert.equal(loaded, { loaded: true, path: file });
  assert.is((await ok(second, { action: 'gettext', selector: '#user' })).text, 'ada', 'the reopened tab reads the restored localStorage');
  assert.is(await serverCookie(second), 'login=ada-token', 'the server sees the restored HttpOnly login cookie');
  assert.equal(
    ((await ok(second, { action: 'cookies_get' })).cookies as Array<{ name: string }>).map((c) => c.name),
    ['login'],
  );
});

across.run();
