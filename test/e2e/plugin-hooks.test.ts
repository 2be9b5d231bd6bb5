/**
 * Plugins loaded from config tapping every kind of hook of a real daemon with a real browser,
 * through the public testing API (`agent-browser-host/testing`) a plugin author uses: overriding a
 * built-in by stage and by `override`, transforming snapshots (text and refs together), preparing
 * contexts and pages, adjusting the launch, and releasing resources on shutdown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { servePages, startTestDaemon, TestActionError, type PageServer, type TestDaemon } from 'agent-browser-host/testing';
import { ROOT } from '../helpers/paths.js';

const API = pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href;

/** Title: answered by the plugin for pages whose URL has ?mine, by the built-in otherwise. */
const TITLE_BY_STAGE = `
export default definePlugin({
  name: 'title-by-stage',
  apply(host) {
    host.hooks.action.for('title').tapPromise({ name: host.name, stage: -5 }, async (call, ctx) => {
      const page = await ctx.page();
      return page.url().includes('?mine') ? { title: 'title from the plugin' } : undefined;
    });
    host.addAction(defineAction({
      name: 'title-by-stage:shout',
      summary: 'The text of an element, upper-cased.',
      params: z.object({ selector: z.string() }),
      handler: async ({ selector }, ctx) => ({ text: (await ctx.element(selector, (element) => element.innerText({ timeout: 1000 }))).toUpperCase() }),
    }));
  },
});
`;

/** \`url\` replaced on purpose with override: true, falling through for about:blank. */
const URL_OVERRIDE = `
export default definePlugin({
  name: 'url-override',
  apply(host) {
    host.addAction(defineAction({
      name: 'url',
      override: true,
      summary: 'The URL without its query string.',
      params: z.object({}),
      async handler(_, ctx) {
        const url = (await ctx.page()).url();
        return url.startsWith('http') ? { url: url.split('?')[0], trimmed: true } : undefined;
      },
    }));
  },
});
`;

/** Drops every advert line and its ref from snapshots, and marks the tree. */
const NO_ADVERTS = `
export default definePlugin({
  name: 'no-adverts',
  apply(host) {
    host.hooks.snapshot.tapPromise(host.name, async (snapshot, options) => {
      const dropped = Object.entries(snapshot.refs).filter(([, entry]) => /Advert/.test(entry.name)).map(([ref]) => ref);
      const refs = Object.fromEntries(Object.entries(snapshot.refs).filter(([ref]) => !dropped.includes(ref)));
      const lines = snapshot.tree.split('\\n').filter((line) => !/Advert/.test(line));
      return { tree: [...lines, '- note: adverts removed' + (options.interactive ? ' (interactive)' : '')].join('\\n'), refs };
    });
  },
});
`;

/**
 * Context, page, launch and shutdown hooks: every context serves /from-context-route itself, pages
 * are counted, the launch viewport is changed, and shutdown writes a file.
 */
const LIFECYCLE = `
let pages = 0;
let contexts = 0;
let ready = 0;
export default definePlugin({
  name: 'lifecycle',
  options: z.object({ marker: z.string(), width: z.number().int() }),
  apply(host, options) {
    host.hooks.beforeLaunch.tapPromise(host.name, async (plan) => ({ ...plan, viewport: { width: options.width, height: 500 } }));
    host.hooks.browserReady.tapPromise(host.name, async () => { ready += 1; });
    host.hooks.context.tapPromise(host.name, async (context) => {
      contexts += 1;
      await context.route('**/from-context-route', (route) => route.fulfill({ contentType: 'text/html', body: '<title>routed</title><p>served by the context hook</p>' }));
    });
    host.hooks.page.tap(host.name, () => { pages += 1; });
    host.hooks.shutdown.tapPromise(host.name, async () => { writeFileSync(options.marker, 'shut down cleanly'); });
    host.addAction(defineAction({
      name: 'lifecycle:counts',
      summary: 'How often the lifecycle hooks fired.',
      params: z.object({}),
      handler: () => ({ pages, contexts, ready }),
    }));
  },
});
`;

/**
 * Works through the narrow browser interface (ctx.browser): takes the active context offline and
 * records it with keepContextOptions, and reports which members the interface exposes.
 */
const BROWSER_VIEW = `
export default definePlugin({
  name: 'view',
  apply(host) {
    host.addAction(defineAction({
      name: 'view:offline',
      summary: 'Take the active context offline, kept across context re-creation.',
      params: z.object({}),
      async handler(_, ctx) {
        await ctx.browser.ensure();
        await ctx.browser.context.setOffline(true);
        ctx.browser.keepContextOptions({ offline: true });
        return { offline: ctx.browser.contextOptions.offline };
      },
    }));
    host.addAction(defineAction({
      name: 'view:members',
      summary: 'What the browser interface offers.',
      params: z.object({}),
      async handler(_, ctx) {
        const members = Object.keys(Object.getOwnPropertyDescriptors(ctx.browser)).sort();
        let mutated = true;
        try { ctx.browser.contextOptions.offline = false; } catch { mutated = false; }
        const tab = await ctx.tab();
        return { members, mutated, tabs: ctx.browser.tabs.length, activeIsTab: ctx.browser.tabs[ctx.browser.activeIndex] === tab, frameIsMain: tab.frame() === tab.page.mainFrame() };
      },
    }));
  },
});
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abh-'));
const marker = path.join(dir, 'shutdown.txt');
function plugin(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, `import { definePlugin, defineAction, z } from ${JSON.stringify(API)};\nimport { writeFileSync } from 'node:fs';\n${body}`);
  return file;
}

const test = suite('plugin hooks in a real daemon');
let daemon: TestDaemon;
let server: PageServer;
let setupError: unknown = null;

test.before(async () => {
  try {
    server = await servePages({
      '/article.html': '<title>Article</title><h1>News</h1><a href="#story">Read the story</a><button>Advert: buy now</button><button>Subscribe</button>',
      '/mine.html': '<title>Mine</title><p>mine</p>',
    });
    daemon = await startTestDaemon({
      plugins: [
        plugin('title', TITLE_BY_STAGE),
        plugin('url', URL_OVERRIDE),
        plugin('adverts', NO_ADVERTS),
        [plugin('lifecycle', LIFECYCLE), { marker, width: 900 }],
        plugin('view', BROWSER_VIEW),
      ],
      config: { timeout: 5000 },
    });
  } catch (error) {
    setupError = error;
  }
});
test.before.each(() => {
  if (setupError) throw setupError;
});
test.after(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a tap at an earlier stage answers a built-in action where it chooses to, and lets the built-in answer elsewhere', async () => {
  await daemon.call('navigate', { url: server.url('/mine.html?mine') });
  assert.equal(await daemon.call('title'), { title: 'title from the plugin' });
  await daemon.call('navigate', { url: server.url('/mine.html') });
  assert.equal(await daemon.call('title'), { title: 'Mine' });
});

test('ctx.element resolves selectors and refs for plugin actions and reports a missing element as ELEMENT_NOT_FOUND', async () => {
  await daemon.call('navigate', { url: server.url('/mine.html') });
  assert.equal(await daemon.call('title-by-stage:shout', { selector: 'p' }), { text: 'MINE' });
  const answer = await daemon.send({ action: 'title-by-stage:shout', selector: '#missing' });
  assert.is(answer.success, false);
  assert.is(answer.code, 'ELEMENT_NOT_FOUND');
  assert.is(answer.error, `Element "#missing" not found. Run 'snapshot' to see current page elements.`);
});

test('override: true replaces a built-in on purpose; returning undefined falls through to it', async () => {
  await daemon.call('navigate', { url: server.url('/mine.html?q=1') });
  assert.equal(await daemon.call('url'), { url: server.url('/mine.html'), trimmed: true });
  const actions = await daemon.call<{ actions: Array<{ name: string; plugin: string }> }>('actions');
  assert.is(actions.actions.find((action) => action.name === 'url')?.plugin, 'url-override');
  await daemon.call('navigate', { url: 'about:blank' });
  assert.equal(await daemon.call('url'), { url: 'about:blank' });
});

test('a snapshot transform changes the text and the refs together: dropped refs stop resolving, kept ones click', async () => {
  await daemon.call('navigate', { url: server.url('/article.html') });
  const snap = await daemon.call<{ snapshot: string; refs: Record<string, { role: string; name: string }> }>('snapshot', { interactive: true });
  assert.not.match(snap.snapshot, 'Advert');
  assert.match(snap.snapshot, '- note: adverts removed (interactive)');
  assert.ok(
    Object.values(snap.refs).every((entry) => !entry.name.includes('Advert')),
    JSON.stringify(snap.refs),
  );
  const subscribe = Object.entries(snap.refs).find(([, entry]) => entry.name === 'Subscribe')?.[0];
  assert.ok(subscribe, snap.snapshot);
  assert.equal(await daemon.call('click', { selector: `@${subscribe}` }), { clicked: true });
  // The ref numbering had a slot for the advert; that ref is now unknown.
  const numbers = Object.keys(snap.refs).map((ref) => Number(ref.slice(1)));
  const missing = Array.from({ length: Math.max(...numbers) }, (_, index) => index + 1).find((n) => !numbers.includes(n));
  assert.ok(missing, `a ref number was dropped: ${JSON.stringify(snap.refs)}`);
  try {
    await daemon.call('click', { selector: `@e${missing}` });
    assert.unreachable('the dropped ref should not resolve');
  } catch (error) {
    assert.instance(error, TestActionError);
    assert.is((error as TestActionError).code, 'UNKNOWN_REF');
  }
});

test('beforeLaunch changed the viewport; context routes serve pages in the launch context and in a new window', async () => {
  assert.is(await daemon.call('evaluate', { script: 'innerWidth' }).then((data) => data.result), 900);
  await daemon.call('navigate', { url: server.url('/from-context-route') });
  assert.is((await daemon.call('gettext', { selector: 'p' })).text, 'served by the context hook');
  assert.ok(!server.requests.some((request) => request.path === '/from-context-route'), 'the route answered, not the server');
  await daemon.call('window_new');
  await daemon.call('navigate', { url: server.url('/from-context-route') });
  assert.equal(await daemon.call('title'), { title: 'routed' });
  const counts = await daemon.call('lifecycle:counts');
  assert.is(counts.ready, 1);
  assert.is(counts.contexts, 2);
  assert.ok(counts.pages >= 2, JSON.stringify(counts));
});

test('ctx.browser is the documented SessionBrowser: no close or internals, read-only options, and settings kept with keepContextOptions survive a context re-creation', async () => {
  await daemon.call('navigate', { url: server.url('/mine.html') });
  const view = await daemon.call<{ members: string[]; mutated: boolean; tabs: number; activeIsTab: boolean; frameIsMain: boolean }>('view:members');
  assert.equal(view.members, [
    'activate',
    'activeIndex',
    'browser',
    'closeTab',
    'context',
    'contextOptions',
    'contexts',
    'ensure',
    'keepContextOptions',
    'launched',
    'newTab',
    'newWindow',
    'opensWindows',
    'plan',
    'recreateContext',
    'remote',
    'tabs',
  ]);
  assert.is(view.mutated, false, 'contextOptions cannot be changed behind keepContextOptions');
  assert.ok(view.activeIsTab && view.frameIsMain, JSON.stringify(view));
  await daemon.call('navigate', { url: 'about:blank' });
  try {
    assert.equal(await daemon.call('view:offline'), { offline: true });
    assert.is((await daemon.call('evaluate', { script: 'navigator.onLine' })).result, false);
    // A new scale factor re-creates the context; the offline setting the plugin kept comes along.
    assert.is((await daemon.call('viewport', { width: 800, height: 600, deviceScaleFactor: 2 })).reloaded, true);
    assert.is((await daemon.call('evaluate', { script: 'navigator.onLine' })).result, false);
  } finally {
    await daemon.call('offline', { offline: false });
  }
  assert.is((await daemon.call('evaluate', { script: 'navigator.onLine' })).result, true);
});

test('shutdown taps run when the daemon closes', async () => {
  await daemon.stop();
  assert.is(fs.readFileSync(marker, 'utf8'), 'shut down cleanly');
});

test.run();
