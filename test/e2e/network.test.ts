/**
 * Network actions (reference §2.8, plus responsebody/waitfordownload of §2.5) against a real
 * browser and a loopback site that records what reached it: routes answer or abort in the page,
 * every request is listed once, responses and downloads arrive intact, a HAR file is written,
 * offline and extra headers and the CLI commands do what they say.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { testEnv } from '../helpers/daemon.js';
import { evaluate, eventually, fails, keys, ok, useFixture } from '../helpers/e2e.js';
import { FIXTURES } from '../helpers/paths.js';

const PAGE_FILE = path.join(FIXTURES, 'pages', 'e2e', 'network-page.html');
/** Every byte value, so a download that re-encodes anything shows. */
const FILE_BYTES = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));

interface Site {
  origin: string;
  url(pathname: string): string;
  /** Pathnames requested, in order. */
  hits: string[];
  /** Request headers by pathname (last request). */
  headers: Map<string, http.IncomingHttpHeaders>;
  close(): Promise<void>;
}

async function startSite(): Promise<Site> {
  const hits: string[] = [];
  const headers = new Map<string, http.IncomingHttpHeaders>();
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://x');
    hits.push(pathname);
    headers.set(pathname, request.headers);
    const send = (status: number, type: string, body: string | Buffer, extra: http.OutgoingHttpHeaders = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      response.end(body);
    };
    switch (pathname) {
      case '/page':
        return send(200, 'text/html; charset=utf-8', fs.readFileSync(PAGE_FILE));
      case '/style.css':
        return send(200, 'text/css', 'h1 { color: teal; }');
      case '/app.js':
        return send(200, 'text/javascript', 'window.appLoaded = true;');
      case '/api/data':
        return send(200, 'application/json', JSON.stringify({ items: [1, 2, 3] }));
      case '/api/slow':
        setTimeout(() => send(200, 'application/json', JSON.stringify({ slow: true })), 300);
        return;
      case '/api/text':
        return send(200, 'text/plain', 'just text');
      case '/echo-headers':
        return send(200, 'application/json', JSON.stringify(request.headers));
      case '/file.bin':
        return send(200, 'application/octet-stream', FILE_BYTES, { 'content-disposition': 'attachment; filename="report.bin"' });
      default:
        return send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => `${origin}${pathname}`,
    hits,
    headers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const test = suite('network');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });
let site: Site;
let dir = '';

test.before(async () => {
  site = await startSite();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-network-'));
});
test.after(async () => {
  await site?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const openPage = () => ok(fx.daemon, { action: 'navigate', url: site.url('/page') });
const status = async () => (await ok(fx.daemon, { action: 'gettext', selector: '#status' })).text as string;
const hitsOf = (pathname: string) => site.hits.filter((hit) => hit === pathname).length;

/** Clicks a loader button and waits until the page shows the outcome. */
async function load(button = '#load'): Promise<string> {
  await ok(fx.daemon, { action: 'click', selector: button });
  assert.ok(await eventually(async () => !/^(idle|loading)$/.test(await status()), 5000), `the page finished loading; status: ${await status()}`);
  return status();
}

/** Sends a request that waits for something; resolves (with its answer still pending) once the daemon is working on it. */
async function inFlight(request: Record<string, unknown>): Promise<{ answer: Promise<Record<string, any>> }> {
  const answer = fx.daemon.request({ id: `bg-${String(request.action)}`, ...request });
  const started = await eventually(async () => (await ok(fx.daemon, { action: 'status' })).activeRequests >= 1, 5000, 20);
  assert.ok(started, `${String(request.action)} is in flight`);
  return { answer };
}

async function cli(...args: string[]): Promise<CliResult> {
  return runCli(['--session', fx.daemon.session, ...args], { env: testEnv(fx.daemon.socketDir), cwd: dir });
}

async function cliOut(...args: string[]): Promise<string> {
  const result = await cli(...args);
  assert.is(result.code, 0, `${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

test('requests lists every request of the page once, from its first one; filter and clear work', async () => {
  await ok(fx.daemon, { action: 'requests', clear: true });
  await openPage();
  await load();
  const all = (await ok(fx.daemon, { action: 'requests' })).requests as Array<Record<string, any>>;
  const again = (await ok(fx.daemon, { action: 'requests' })).requests as Array<Record<string, any>>;
  assert.is(again.length, all.length, 'asking twice does not duplicate entries');
  keys(all[0]!, ['url', 'method', 'headers', 'timestamp', 'resourceType'], 'request entry');
  const count = (url: string) => all.filter((r) => r.url === url).length;
  for (const pathname of ['/page', '/style.css', '/app.js', '/missing.png', '/api/data'])
    assert.is(count(site.url(pathname)), 1, `${pathname} listed once in ${JSON.stringify(all.map((r) => r.url))}`);
  const byUrl = (pathname: string) => all.find((r) => r.url === site.url(pathname))!;
  assert.is(byUrl('/page').resourceType, 'document');
  assert.is(byUrl('/page').method, 'GET');
  assert.is(byUrl('/style.css').resourceType, 'stylesheet');
  assert.is(byUrl('/app.js').resourceType, 'script');
  assert.is(byUrl('/api/data').resourceType, 'fetch');
  assert.type(byUrl('/page').timestamp, 'number');
  assert.type(byUrl('/page').headers, 'object');
  const filtered = (await ok(fx.daemon, { action: 'requests', filter: '/api/' })).requests as Array<{ url: string }>;
  assert.equal(
    filtered.map((r) => r.url),
    [site.url('/api/data')],
  );
  assert.equal(await ok(fx.daemon, { action: 'requests', clear: true }), { cleared: true });
  assert.equal((await ok(fx.daemon, { action: 'requests' })).requests, []);
  await load();
  assert.equal(
    ((await ok(fx.daemon, { action: 'requests' })).requests as Array<{ url: string }>).map((r) => r.url),
    [site.url('/api/data')],
  );
});

test('route with a response answers matching requests with that status, body and headers; unroute restores the network', async () => {
  await openPage();
  const before = hitsOf('/api/data');
  const routed = await ok(fx.daemon, {
    action: 'route',
    url: '**/api/data',
    response: { status: 201, body: '{"mocked":true}', contentType: 'application/json', headers: { 'x-mock': 'yes' } },
  });
  assert.equal(routed, { routed: '**/api/data' });
  assert.is(await load(), '201 {"mocked":true}');
  assert.is(await evaluate(fx.daemon, `fetch('/api/data').then((r) => r.headers.get('x-mock') + ' ' + r.headers.get('content-type'))`), 'yes application/json');
  assert.is(hitsOf('/api/data'), before, 'the server never saw the routed requests');
  assert.equal(await ok(fx.daemon, { action: 'unroute', url: '**/api/data' }), { unrouted: '**/api/data' });
  assert.is(await load(), '200 {"items":[1,2,3]}');
  assert.is(hitsOf('/api/data'), before + 1);
});

test('route with defaults answers 200 text/plain with an empty body; a route without response or abort lets requests through', async () => {
  await openPage();
  await ok(fx.daemon, { action: 'route', url: '**/api/text', response: {} });
  assert.is(
    await evaluate(fx.daemon, `fetch('/api/text').then(async (r) => r.status + '|' + r.headers.get('content-type') + '|' + (await r.text()))`),
    '200|text/plain|',
  );
  const before = hitsOf('/api/data');
  await ok(fx.daemon, { action: 'route', url: '**/api/data' });
  assert.is(await load(), '200 {"items":[1,2,3]}');
  assert.is(hitsOf('/api/data'), before + 1, 'the request reached the server');
  assert.equal(await ok(fx.daemon, { action: 'unroute' }), { unrouted: 'all' });
  assert.is(await evaluate(fx.daemon, `fetch('/api/text').then((r) => r.text())`), 'just text', 'unroute without url removes every route');
});

test('route with a top-level body, as the agent-browser CLIs send --body, answers with it (JSON as application/json)', async () => {
  await openPage();
  const before = hitsOf('/api/data');
  await ok(fx.daemon, { action: 'route', url: '**/api/data', abort: false, body: '{"from":"cli"}' });
  assert.is(await load(), '200 {"from":"cli"}');
  assert.is(await evaluate(fx.daemon, `fetch('/api/data').then((r) => r.headers.get('content-type'))`), 'application/json');
  assert.is(hitsOf('/api/data'), before, 'the server never saw the routed requests');
  await ok(fx.daemon, { action: 'route', url: '**/api/data', abort: false, body: 'plain words' });
  assert.is(
    await evaluate(fx.daemon, `fetch('/api/data').then(async (r) => r.headers.get('content-type') + '|' + (await r.text()))`),
    'text/plain|plain words',
  );
  await fails(fx.daemon, { action: 'route', url: '**/api/data', abort: true, body: 'x' }, 'INVALID_PARAMS');
  await ok(fx.daemon, { action: 'unroute' });
});

test('route with abort makes the request fail in the page', async () => {
  await openPage();
  await ok(fx.daemon, { action: 'route', url: '**/api/data', abort: true });
  assert.match(await load(), /^failed: /);
  await ok(fx.daemon, { action: 'unroute' });
  assert.is(await load(), '200 {"items":[1,2,3]}');
});

test('responsebody waits for the next matching response and answers its status and JSON-parsed body', async () => {
  await openPage();
  const pending = await inFlight({ action: 'responsebody', url: '/api/slow' });
  await ok(fx.daemon, { action: 'click', selector: '#load-slow' });
  const answer = await pending.answer;
  assert.ok(answer.success, JSON.stringify(answer));
  keys(answer.data, ['url', 'status', 'body']);
  assert.equal(answer.data, { url: site.url('/api/slow'), status: 200, body: { slow: true } });

  const text = await inFlight({ action: 'responsebody', url: '/api/text' });
  await evaluate(fx.daemon, `fetch('/api/text').then((r) => r.text())`);
  assert.equal((await text.answer).data, { url: site.url('/api/text'), status: 200, body: 'just text' });

  const none = await fails(fx.daemon, { action: 'responsebody', url: '/never', timeout: 300 }, 'TIMEOUT');
  assert.match(none.error, /No response whose URL contains "\/never" arrived within 300 ms/);
});

test('headers sends extra headers with every request of the context; {} removes them', async () => {
  await openPage();
  assert.equal(await ok(fx.daemon, { action: 'headers', headers: { 'X-Agent-Test': 'yes', 'X-Second': '2' } }), { set: true });
  const echoed = await evaluate(fx.daemon, `fetch('/echo-headers').then((r) => r.json())`);
  assert.is(echoed['x-agent-test'], 'yes');
  assert.is(echoed['x-second'], '2');
  await openPage();
  assert.is(site.headers.get('/page')?.['x-agent-test'], 'yes', 'navigations carry them too');
  await ok(fx.daemon, { action: 'headers', headers: {} });
  const after = await evaluate(fx.daemon, `fetch('/echo-headers').then((r) => r.json())`);
  assert.is(after['x-agent-test'], undefined);
});

test('offline makes fetch fail in the page; offline false brings the network back', async () => {
  await openPage();
  const probe = `fetch('/api/data').then((r) => 'ok ' + r.status, (e) => 'failed ' + e.name)`;
  assert.equal(await ok(fx.daemon, { action: 'offline', offline: true }), { offline: true });
  assert.is(await evaluate(fx.daemon, probe), 'failed TypeError');
  assert.is(await evaluate(fx.daemon, 'navigator.onLine'), false);
  assert.equal(await ok(fx.daemon, { action: 'offline', offline: false }), { offline: false });
  assert.is(await evaluate(fx.daemon, probe), 'ok 200');
});

test('routes, extra headers and offline carry over when state_load gives the session a new context', async () => {
  await openPage();
  await ok(fx.daemon, { action: 'route', url: '**/api/data', response: { body: 'still mocked' } });
  await ok(fx.daemon, { action: 'headers', headers: { 'X-Kept': 'yes' } });
  const file = path.join(dir, 'state-for-network.json');
  await ok(fx.daemon, { action: 'state_save', path: file });
  await ok(fx.daemon, { action: 'state_load', path: file });
  assert.is((await ok(fx.daemon, { action: 'url' })).url, site.url('/page'));
  assert.is(await load(), '200 still mocked');
  assert.is((await evaluate(fx.daemon, `fetch('/echo-headers').then((r) => r.json())`))['x-kept'], 'yes');
  const before = (await ok(fx.daemon, { action: 'requests', filter: '/echo-headers' })).requests.length;
  await evaluate(fx.daemon, `fetch('/echo-headers').then((r) => r.json())`);
  assert.is((await ok(fx.daemon, { action: 'requests', filter: '/echo-headers' })).requests.length, before + 1, 'requests of the new context are logged once');
  await ok(fx.daemon, { action: 'unroute' });
  await ok(fx.daemon, { action: 'headers', headers: {} });
  assert.is(await load(), '200 {"items":[1,2,3]}');
});

test('download clicks (by ref too) and saves the exact bytes to path', async () => {
  await openPage();
  const file = path.join(dir, 'sub', 'report.bin');
  const data = await ok(fx.daemon, { action: 'download', selector: '#dl', path: file });
  assert.equal(data, { path: file, suggestedFilename: 'report.bin' });
  assert.ok(fs.readFileSync(file).equals(FILE_BYTES), 'downloaded bytes equal the served bytes');

  const snapshot = (await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot as string;
  const ref = /link "Download report" \[ref=(e\d+)\]/.exec(snapshot)?.[1];
  assert.ok(ref, snapshot);
  const byRef = path.join(dir, 'by-ref.bin');
  assert.equal(await ok(fx.daemon, { action: 'download', selector: `@${ref}`, path: byRef }), { path: byRef, suggestedFilename: 'report.bin' });
  assert.ok(fs.readFileSync(byRef).equals(FILE_BYTES));
});

test('download: an element that starts no download, and a missing element, fail with advice', async () => {
  await openPage();
  const answer = await fails(fx.daemon, { action: 'download', selector: '#load', path: path.join(dir, 'x.bin'), timeout: 1000 }, 'TIMEOUT');
  assert.match(answer.error, /started no download within 1000 ms/);
  assert.not.ok(fs.existsSync(path.join(dir, 'x.bin')));
  const missing = await fails(fx.daemon, { action: 'download', selector: '#nope', path: path.join(dir, 'y.bin'), timeout: 1000 });
  assert.match(missing.code, /ELEMENT_NOT_FOUND|TIMEOUT/);
  assert.match(missing.error, /#nope/);
});

test('waitfordownload answers the next download: saved to path, or in the browser’s temp folder', async () => {
  await openPage();
  const file = path.join(dir, 'waited.bin');
  const pending = await inFlight({ action: 'waitfordownload', path: file });
  await ok(fx.daemon, { action: 'click', selector: '#dl' });
  const answer = await pending.answer;
  assert.ok(answer.success, JSON.stringify(answer));
  assert.equal(answer.data, { path: file, filename: 'report.bin', url: site.url('/file.bin') });
  assert.ok(fs.readFileSync(file).equals(FILE_BYTES));

  const temp = await inFlight({ action: 'waitfordownload' });
  await ok(fx.daemon, { action: 'click', selector: '#dl' });
  const tempAnswer = await temp.answer;
  assert.ok(tempAnswer.success, JSON.stringify(tempAnswer));
  assert.ok(fs.readFileSync(tempAnswer.data.path).equals(FILE_BYTES), 'the temporary file holds the bytes');
  await fails(fx.daemon, { action: 'waitfordownload', timeout: 300 }, 'TIMEOUT');
});

test('har_start / har_stop write a HAR 1.2 file with the page’s requests and their statuses', async () => {
  await fails(fx.daemon, { action: 'har_stop', path: path.join(dir, 'none.har') }, 'NOT_STARTED');
  assert.equal(await ok(fx.daemon, { action: 'har_start' }), { started: true });
  await openPage();
  await load();
  const file = path.join(dir, 'out', 'session.har');
  const data = await ok(fx.daemon, { action: 'har_stop', path: file });
  keys(data, ['path', 'requestCount']);
  assert.is(data.path, file);
  const har = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.is(har.log.version, '1.2');
  assert.is(har.log.creator.name, 'agent-browser');
  assert.type(har.log.creator.version, 'string');
  const entries = har.log.entries as Array<Record<string, any>>;
  assert.is(data.requestCount, entries.length);
  const entry = (pathname: string) => {
    const found = entries.filter((e) => e.request.url === site.url(pathname));
    assert.is(found.length, 1, `${pathname} once in ${JSON.stringify(entries.map((e) => e.request.url))}`);
    return found[0]!;
  };
  assert.is(entry('/page').response.status, 200);
  assert.is(entry('/style.css').response.status, 200);
  assert.is(entry('/missing.png').response.status, 404);
  const api = entry('/api/data');
  assert.is(api.response.status, 200);
  assert.match(api.response.content.mimeType, /application\/json/);
  assert.is(api.response.content.size, JSON.stringify({ items: [1, 2, 3] }).length);
  for (const e of entries) {
    assert.type(e.startedDateTime, 'string');
    assert.ok(!Number.isNaN(Date.parse(e.startedDateTime)));
    assert.type(e.time, 'number');
    for (const key of ['method', 'url', 'httpVersion', 'headers', 'queryString', 'cookies', 'headersSize', 'bodySize'])
      assert.ok(key in e.request, `request.${key}`);
    for (const key of ['status', 'statusText', 'httpVersion', 'headers', 'cookies', 'content', 'redirectURL', 'headersSize', 'bodySize'])
      assert.ok(key in e.response, `response.${key}`);
    for (const key of ['send', 'wait', 'receive']) assert.ok(e.timings[key] >= 0, `timings.${key}`);
    assert.type(e.cache, 'object');
  }
  assert.ok(
    entry('/page').request.headers.some((h: { name: string }) => h.name.toLowerCase() === 'user-agent'),
    'request headers listed',
  );
  // Requests after the stop are not recorded.
  await fails(fx.daemon, { action: 'har_stop', path: file }, 'NOT_STARTED');
});

test('CLI: network route --body/--status/--header, unroute, requests, har, set headers/offline, download, wait-download', async () => {
  await openPage();
  assert.is(await cliOut('network', 'route', '**/api/data', '--body', '{"cli":1}', '--status', '202', '--header', 'X-From:cli'), '✓ Done');
  assert.is(await load(), '202 {"cli":1}', 'the --body reaches the page');
  assert.is(await evaluate(fx.daemon, `fetch('/api/data').then((r) => r.headers.get('content-type') + ' ' + r.headers.get('x-from'))`), 'application/json cli');
  await cliOut('network', 'route', '**/api/text', '--abort');
  assert.is(await evaluate(fx.daemon, `fetch('/api/text').then(() => 'ok', () => 'failed')`), 'failed');
  await cliOut('network', 'unroute', '**/api/text');
  assert.is(await evaluate(fx.daemon, `fetch('/api/text').then((r) => r.text())`), 'just text');
  await cliOut('network', 'unroute');
  assert.is(await load(), '200 {"items":[1,2,3]}');
  const conflicting = await cli('network', 'route', '**/x', '--abort', '--body', 'y');
  assert.is(conflicting.code, 1);

  assert.is(await cliOut('network', 'requests', '--clear'), '✓ Cleared');
  assert.is(await cliOut('network', 'requests'), 'No requests captured');
  await load();
  assert.is(await cliOut('network', 'requests', '--filter', '/api/'), `GET ${site.url('/api/data')} (fetch)`);

  await cliOut('network', 'har', 'start');
  await load();
  assert.is(await cliOut('network', 'har', 'stop', 'cli.har'), `✓ HAR saved to ${path.join(dir, 'cli.har')}`);
  const har = JSON.parse(fs.readFileSync(path.join(dir, 'cli.har'), 'utf8'));
  assert.equal(
    har.log.entries.map((e: { request: { url: string } }) => e.request.url),
    [site.url('/api/data')],
  );

  await cliOut('set', 'headers', '{"X-Cli":"on"}');
  assert.is((await evaluate(fx.daemon, `fetch('/echo-headers').then((r) => r.json())`))['x-cli'], 'on');
  const badHeaders = await cli('set', 'headers', 'not json');
  assert.is(badHeaders.code, 1);
  assert.match(badHeaders.stderr, /Headers must be a JSON object/);
  await cliOut('set', 'headers', '{}');

  await cliOut('set', 'offline');
  assert.is(await evaluate(fx.daemon, `fetch('/api/data').then(() => 'ok', () => 'failed')`), 'failed');
  await cliOut('set', 'offline', 'off');
  assert.is(await evaluate(fx.daemon, `fetch('/api/data').then(() => 'ok', () => 'failed')`), 'ok');

  assert.is(await cliOut('download', '#dl', 'cli.bin'), `✓ Download saved to ${path.join(dir, 'cli.bin')}`);
  assert.ok(fs.readFileSync(path.join(dir, 'cli.bin')).equals(FILE_BYTES));

  const waiting = cli('wait-download', 'waited-cli.bin');
  assert.ok(await eventually(async () => (await ok(fx.daemon, { action: 'status' })).activeRequests >= 1, 20_000, 50), 'wait-download reached the daemon');
  await ok(fx.daemon, { action: 'click', selector: '#dl' });
  const waited = await waiting;
  assert.is(waited.code, 0, waited.stderr);
  assert.is(waited.stdout, `✓ Download saved to ${path.join(dir, 'waited-cli.bin')}\n`);
  assert.ok(fs.readFileSync(path.join(dir, 'waited-cli.bin')).equals(FILE_BYTES));
});

test.run();
