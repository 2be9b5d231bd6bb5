import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import { servePages, startTestDaemon, TestActionError, type PageServer, type TestDaemon } from 'agent-browser-host/testing';

const PLUGIN = new URL('../dist/index.js', import.meta.url).href;
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let server: PageServer;
let otherPort: PageServer;
let daemon: TestDaemon;

const at = (host: string, path: string) => server.url(path, host);
const hostsSeen = (host: string) => server.requests.filter((request) => request.host.startsWith(`${host}:`));

async function blocked(action: string, params: Record<string, unknown> = {}): Promise<TestActionError> {
  try {
    await daemon.call(action, params);
  } catch (error) {
    assert.ok(error instanceof TestActionError, String(error));
    assert.equal(error.code, 'NAVIGATION_BLOCKED', error.message);
    return error;
  }
  assert.fail(`${action} ${JSON.stringify(params)} was not blocked`);
}

const currentUrl = async () => (await daemon.call<{ url: string }>('url')).url;
const evaluate = async <T>(script: string) => (await daemon.call<{ result: T }>('evaluate', { script })).result;

test.before(async () => {
  server = await servePages({
    '/start': '<title>start</title><p>start</p>',
    '/landed': '<title>landed</title><p>you should not see this</p>',
    '/pixel.png': { body: PIXEL, type: 'image/png' },
    '/cdn.js': { body: 'window.cdnScript = true;', type: 'text/javascript' },
    '/evil.js': { body: 'window.evilScript = true;', type: 'text/javascript' },
    '/data.json': { body: '{"ok":true}', type: 'application/json', headers: { 'access-control-allow-origin': '*' } },
    '/sw.js': { body: 'self.addEventListener("fetch", () => {});', type: 'text/javascript' },
  });
  otherPort = await servePages({ '/': '<p>other port</p>' });
  // Pages that link to other hosts of the same server, which has a port only once it listens.
  const evil = at('evil.localhost', '/landed');
  server.page(
    '/links',
    `<title>links</title><a id="away" href="${evil}">away</a><a id="blank" target="_blank" href="${evil}">new tab</a>` +
      `<button id="script" onclick="location.href='${evil}'">script</button>`,
  );
  server.page('/redirect', { body: '', status: 302, headers: { location: evil } });
  server.page('/pixel-hop', { body: '', status: 302, headers: { location: at('evil.localhost', '/pixel.png') } });
  server.page(
    '/resources',
    `<title>resources</title>
     <img id="cdn-img" src="${at('cdn.localhost', '/pixel.png')}">
     <img id="evil-img" src="${at('evil.localhost', '/pixel.png')}">
     <img id="pages-img" src="${at('pages.localhost', '/pixel.png')}">
     <script src="${at('cdn.localhost', '/cdn.js')}"></script>
     <script src="${at('evil.localhost', '/evil.js')}"></script>
     <img id="hop-img" src="${at('allowed.localhost', '/pixel-hop')}">
     <iframe src="${at('cdn.localhost', '/start')}"></iframe>
     <iframe src="${at('evil.localhost', '/start')}"></iframe>`,
  );
  daemon = await startTestDaemon({
    plugins: [
      [
        PLUGIN,
        {
          navigation: [`allowed.localhost:${server.port}`, '*.wild.localhost', 'pages.localhost'],
          resources: ['allowed.localhost', 'cdn.localhost', '*.wild.localhost'],
        },
      ],
    ],
  });
});

test.after(async () => {
  await daemon?.stop();
  await server?.close();
  await otherPort?.close();
});

test('a navigation to an allowed host loads', async () => {
  const data = await daemon.call<{ url: string; title: string }>('navigate', { url: at('allowed.localhost', '/start') });
  assert.equal(data.title, 'start');
});

test('a navigation to another host is refused before anything loads, and the tab stays', async () => {
  await daemon.call('navigate', { url: at('allowed.localhost', '/start') });
  const error = await blocked('navigate', { url: at('evil.localhost', '/landed') });
  assert.match(error.message, new RegExp(`^navigate failed: Navigation blocked: evil\\.localhost:${server.port} is not in the allowed domains list`));
  assert.match(error.message, /"navigation" option of the domain-guard plugin in \.agentbrowserrc\.json/);
  assert.equal(await currentUrl(), at('allowed.localhost', '/start'));
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('tab_new with a disallowed url opens no tab', async () => {
  const before = (await daemon.call<{ tabs: unknown[] }>('tab_list')).tabs.length;
  await blocked('tab_new', { url: at('evil.localhost', '/landed') });
  assert.equal((await daemon.call<{ tabs: unknown[] }>('tab_list')).tabs.length, before);
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('built-ins that open a URL go through navigate, so the guard refuses them without knowing their fields: diff_url, recording_start, click --new-tab', async () => {
  await daemon.call('navigate', { url: at('allowed.localhost', '/start') });
  const diff = await blocked('diff_url', { url1: at('allowed.localhost', '/start'), url2: at('evil.localhost', '/landed') });
  assert.match(diff.message, /Navigation blocked: evil\.localhost/);
  const video = path.join(os.tmpdir(), `guard-${process.pid}-${Date.now()}.webm`);
  const recording = await blocked('recording_start', { path: video, url: at('evil.localhost', '/landed') });
  assert.match(recording.message, /Navigation blocked: evil\.localhost/);
  await daemon.call('recording_stop');
  fs.rmSync(video, { force: true });
  await daemon.call('navigate', { url: at('allowed.localhost', '/start') });
  await daemon.call('evaluate', {
    script: `document.body.insertAdjacentHTML('beforeend', '<a id="away-link" href="${at('evil.localhost', '/landed')}">away</a>'); 1`,
  });
  const before = (await daemon.call<{ tabs: unknown[] }>('tab_list')).tabs.length;
  await blocked('click', { selector: '#away-link', newTab: true });
  assert.equal((await daemon.call<{ tabs: unknown[] }>('tab_list')).tabs.length, before, 'the new tab was closed again');
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('non-http(s) schemes and unparsable URLs are refused', async () => {
  for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://version']) {
    const error = await blocked('navigate', { url });
    assert.ok(error.message.includes(`Navigation blocked: non-http(s) scheme in URL "${url}"`), error.message);
  }
  const error = await blocked('navigate', { url: 'not a url' });
  assert.ok(error.message.includes('Navigation blocked: unable to parse URL "not a url"'), error.message);
  await daemon.call('navigate', { url: 'about:blank' });
  assert.equal(await currentUrl(), 'about:blank');
});

test('a click on a link to another host answers NAVIGATION_BLOCKED and the page stays', async () => {
  const links = at('allowed.localhost', '/links');
  await daemon.call('navigate', { url: links });
  const error = await blocked('click', { selector: '#away' });
  assert.ok(error.message.includes(at('evil.localhost', '/landed')), error.message);
  assert.match(error.message, /"click" led there/);
  assert.equal(await currentUrl(), links);
  assert.equal(await evaluate('document.title'), 'links');

  await blocked('click', { selector: '#script' });
  assert.equal(await currentUrl(), links);
  await blocked('evaluate', { script: `location.href = ${JSON.stringify(at('evil.localhost', '/landed'))}` });
  assert.equal(await currentUrl(), links);
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('a popup to another host is blocked and left at about:blank', async () => {
  const links = at('allowed.localhost', '/links');
  await daemon.call('navigate', { url: links });
  const error = await blocked('click', { selector: '#blank' });
  assert.match(error.message, /popup/);
  const { tabs } = await daemon.call<{ tabs: Array<{ url: string; active: boolean }> }>('tab_list');
  assert.equal(tabs.length, 2);
  assert.equal(tabs[1]!.url, 'about:blank');
  await daemon.call('tab_close', { index: 1 });

  await blocked('evaluate', { script: `window.open(${JSON.stringify(at('evil.localhost', '/landed'))}); 1` });
  const after = await daemon.call<{ tabs: Array<{ url: string }> }>('tab_list');
  assert.deepEqual(
    after.tabs.map((tab) => tab.url),
    [links, 'about:blank'],
  );
  await daemon.call('tab_close', { index: 1 });
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('a server redirect to another host does not land', async () => {
  const start = at('allowed.localhost', '/start');
  await daemon.call('navigate', { url: start });
  const error = await blocked('navigate', { url: at('allowed.localhost', '/redirect') });
  assert.ok(error.message.includes(at('evil.localhost', '/landed')), error.message);
  assert.match(error.message, /server redirect from/);
  assert.equal(await currentUrl(), start);
  // The DNS backstop (on by default) keeps the hop from leaving the browser.
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('sub-resources load from the resources list only; a navigation-only host serves no sub-resource and a resources-only host is no page', async () => {
  await daemon.call('navigate', { url: at('allowed.localhost', '/resources') });
  const loaded = await evaluate<Record<string, unknown>>(`(async () => ({
    cdnImg: document.getElementById('cdn-img').naturalWidth,
    evilImg: document.getElementById('evil-img').naturalWidth,
    hopImg: document.getElementById('hop-img').naturalWidth,
    pagesImg: document.getElementById('pages-img').naturalWidth,
    cdnScript: window.cdnScript === true,
    evilScript: window.evilScript === true,
    cdnFetch: await fetch(${JSON.stringify(at('cdn.localhost', '/data.json'))}).then((r) => r.json()).then((j) => j.ok, (e) => String(e)),
    evilFetch: await fetch(${JSON.stringify(at('evil.localhost', '/data.json'))}).then(() => 'loaded', (e) => 'failed'),
  }))()`);
  assert.deepEqual(loaded, { cdnImg: 1, evilImg: 0, hopImg: 0, pagesImg: 0, cdnScript: true, evilScript: false, cdnFetch: true, evilFetch: 'failed' });
  assert.deepEqual(
    hostsSeen('cdn.localhost')
      .map((request) => request.path)
      .sort(),
    ['/cdn.js', '/data.json', '/pixel.png', '/start'],
  );
  assert.deepEqual(hostsSeen('evil.localhost'), []);
  // pages.localhost may be opened as a page, not loaded from: the two lists really differ.
  assert.deepEqual(hostsSeen('pages.localhost'), []);
  assert.equal((await daemon.call<{ title: string }>('navigate', { url: at('pages.localhost', '/start') })).title, 'start');

  const refused = await blocked('addscript', { url: at('evil.localhost', '/evil.js') });
  assert.match(refused.message, /Resource blocked: evil\.localhost:\d+ is not in the allowed domains list for sub-resources/);
  await daemon.call('addscript', { url: at('cdn.localhost', '/cdn.js') });

  const error = await blocked('navigate', { url: at('cdn.localhost', '/pixel.png') });
  assert.match(error.message, /Navigation blocked: cdn\.localhost:\d+ is not in the allowed domains list/);
  assert.match(error.message, /It is in "resources"/);
});

test('"*." patterns match subdomains only, and a port in a pattern pins the port', async () => {
  await daemon.call('navigate', { url: at('a.wild.localhost', '/start') });
  await daemon.call('navigate', { url: at('deep.a.wild.localhost', '/start') });
  await blocked('navigate', { url: at('wild.localhost', '/start') });
  await blocked('navigate', { url: otherPort.url('/', 'allowed.localhost') });
  assert.deepEqual(otherPort.requests, []);
});

test('domain-guard:status lists the rules and the blocked requests', async () => {
  const status = await daemon.call<{
    navigation: string[];
    resources: string[];
    dnsBackstop: string;
    blocked: Array<{ url: string; kind: string; at: string; redirectedFrom?: string }>;
    blockedTotal: number;
  }>('domain-guard:status');
  assert.deepEqual(status.navigation, [`allowed.localhost:${server.port}`, '*.wild.localhost', 'pages.localhost']);
  assert.deepEqual(status.resources, ['allowed.localhost', 'cdn.localhost', '*.wild.localhost']);
  assert.equal(status.dnsBackstop, 'on');
  const evilLanded = at('evil.localhost', '/landed');
  assert.ok(status.blocked.some((entry) => entry.url === evilLanded && entry.kind === 'navigation' && !entry.redirectedFrom));
  assert.ok(status.blocked.some((entry) => entry.url === evilLanded && entry.redirectedFrom === at('allowed.localhost', '/redirect')));
  assert.ok(status.blocked.some((entry) => entry.url === at('evil.localhost', '/pixel.png') && entry.kind === 'resource' && !entry.redirectedFrom));
  assert.ok(status.blocked.some((entry) => entry.url === at('evil.localhost', '/pixel.png') && entry.redirectedFrom === at('allowed.localhost', '/pixel-hop')));
  assert.ok(status.blocked.some((entry) => entry.url === at('evil.localhost', '/start') && entry.kind === 'resource'));
  assert.ok(status.blocked.every((entry) => !Number.isNaN(Date.parse(entry.at))));
  assert.ok(status.blockedTotal >= status.blocked.length);
});

test('domain-guard:check says whether and by which rule a URL is allowed', async () => {
  const cdn = await daemon.call<{
    navigation: { allowed: boolean; rule: string | null };
    resource: { allowed: boolean; rule: string | null };
    advice?: string;
  }>('domain-guard:check', { url: 'https://cdn.localhost/app.js' });
  assert.equal(cdn.navigation.allowed, false);
  assert.deepEqual(cdn.resource, { allowed: true, rule: 'cdn.localhost', reason: 'matched "cdn.localhost"' });
  assert.match(cdn.advice!, /"navigation"/);
  const wild = await daemon.call<{ navigation: { allowed: boolean; rule: string | null } }>('domain-guard:check', { url: 'http://x.wild.localhost:9/' });
  assert.deepEqual(wild.navigation, { allowed: true, rule: '*.wild.localhost', reason: 'matched "*.wild.localhost"' });
  const data = await daemon.call<{ navigation: { allowed: boolean }; resource: { allowed: boolean; rule: string } }>('domain-guard:check', {
    url: 'data:text/plain,hi',
  });
  assert.equal(data.navigation.allowed, false);
  assert.equal(data.resource.rule, 'data: (always allowed)');
});

test('service workers cannot register', async () => {
  await daemon.call('navigate', { url: at('allowed.localhost', '/start') });
  const outcome = await evaluate<string>(`navigator.serviceWorker.register('/sw.js').then(() => 'registered', (e) => e.name)`);
  assert.equal(outcome, 'SecurityError');
  assert.ok(!server.requests.some((request) => request.path === '/sw.js'));
});

test('the guard holds after a setting recreates the context, and in a new window', async () => {
  await daemon.call('navigate', { url: at('allowed.localhost', '/links') });
  await daemon.call('useragent', { userAgent: 'domain-guard-test' });
  assert.equal(await evaluate('navigator.userAgent'), 'domain-guard-test');
  await blocked('click', { selector: '#away' });
  assert.equal(await currentUrl(), at('allowed.localhost', '/links'));
  await daemon.call('viewport', { width: 800, height: 600, deviceScaleFactor: 2 });
  await blocked('click', { selector: '#script' });

  await daemon.call('window_new');
  await blocked('navigate', { url: at('evil.localhost', '/landed') });
  await daemon.call('navigate', { url: at('allowed.localhost', '/resources') });
  assert.equal(await evaluate('document.getElementById("evil-img").naturalWidth'), 0);
  assert.equal(await evaluate('window.cdnScript === true'), true);
  await daemon.call('navigate', { url: at('allowed.localhost', '/links') });
  await blocked('click', { selector: '#away' });
  assert.deepEqual(hostsSeen('evil.localhost'), []);
});

test('the CLI exits 1 and prints the reason', async () => {
  const result = await daemon.cli(['open', at('evil.localhost', '/landed')]);
  assert.equal(result.code, 1);
  assert.match(result.stdout + result.stderr, /Navigation blocked: evil\.localhost:\d+ is not in the allowed domains list/);
});

test('without the DNS backstop a redirect hop reaches the server but the tab is taken back', async () => {
  const undo = await startTestDaemon({ plugins: [[PLUGIN, { navigation: ['allowed.localhost'], dnsBackstop: false }]] });
  try {
    const start = at('allowed.localhost', '/start');
    await undo.call('navigate', { url: start });
    const landings = () => hostsSeen('evil.localhost').filter((request) => request.path === '/landed').length;
    const before = landings();
    const error = await undo.call('navigate', { url: at('allowed.localhost', '/redirect') }).then(
      () => null,
      (failure: TestActionError) => failure,
    );
    assert.equal(error?.code, 'NAVIGATION_BLOCKED', String(error));
    assert.equal((await undo.call<{ url: string }>('url')).url, start);
    // Routes never see a redirect hop: without the backstop the request goes out, then the tab is taken back.
    assert.equal(landings(), before + 1);
    assert.equal((await undo.call<{ dnsBackstop: string }>('domain-guard:status')).dnsBackstop, 'off (option dnsBackstop is false)');
  } finally {
    await undo.stop();
  }
});

test('invalid options keep the daemon from starting, naming the plugin', async () => {
  await assert.rejects(startTestDaemon({ plugins: [[PLUGIN, { navigation: ['https://example.com/path'] }]] }), (error: Error) => {
    assert.match(error.message, /domain-guard/);
    assert.match(error.message, /is not a host pattern/);
    return true;
  });
  await assert.rejects(startTestDaemon({ plugins: [[PLUGIN, {}]] }), /domain-guard[\s\S]*navigation/);
});

test.run();
