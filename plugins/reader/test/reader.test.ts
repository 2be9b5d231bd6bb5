// reader:markdown against a real daemon and Chromium, with the built plugin loaded from dist.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { servePages, startTestDaemon, TestActionError, type PageServer, type TestDaemon } from 'agent-browser-host/testing';
import { ARTICLE, DASHBOARD, DYNAMIC, FRAMED, FULL } from './fixtures.js';

const PLUGIN = new URL('../dist/index.js', import.meta.url).href;

interface Markdown {
  markdown: string;
  title: string;
  url: string;
  mode: 'article' | 'full' | 'element';
  length: number;
  truncated: boolean;
  originalLength?: number;
  fallback?: boolean;
  byline?: string;
  excerpt?: string;
  siteName?: string;
}

const PAGES = { '/article': ARTICLE, '/dashboard': DASHBOARD, '/feed/dynamic': DYNAMIC, '/full': FULL, '/framed': FRAMED };
const LEFTOVER_HTML = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/i;

/** The error code of a call that must fail. */
async function failure(daemon: TestDaemon, params: Record<string, unknown>): Promise<TestActionError> {
  try {
    await daemon.call('reader:markdown', params);
  } catch (error) {
    if (error instanceof TestActionError) return error;
    throw error;
  }
  throw new Error(`reader:markdown ${JSON.stringify(params)} succeeded, but it should have failed`);
}

/** Every fence opened is closed. */
function fencesBalanced(markdown: string): boolean {
  return markdown.split('\n').filter((line) => /^\s*```/.test(line)).length % 2 === 0;
}

// ---------------------------------------------------------------------------------------------

const reader = suite('reader:markdown');
let server: PageServer;
let daemon: TestDaemon;

const open = (path: string) => daemon.call('navigate', { url: server.url(path) });
const markdown = (params: Record<string, unknown> = {}) => daemon.call<Markdown>('reader:markdown', params);

reader.before(async () => {
  server = await servePages(PAGES);
  daemon = await startTestDaemon({ plugins: [PLUGIN], config: { timeout: 2000 } });
});

reader.after(async () => {
  await daemon?.stop();
  await server?.close();
});

reader('article: heading, paragraphs, list, GFM table and fenced code; no navigation, sidebar, ads or footer', async () => {
  await open('/article');
  const data = await markdown();
  assert.is(data.mode, 'article');
  assert.is(data.fallback, undefined);
  assert.is(data.url, server.url('/article'));
  assert.match(data.title, 'Growing Tomatoes at Home');
  assert.is(data.byline, 'Jane Gardener');
  assert.is(data.siteName, 'Garden Weekly');
  assert.is(data.excerpt, 'How to grow tomatoes on a balcony.');
  assert.is(data.truncated, false);
  assert.is(data.length, data.markdown.length);

  const md = data.markdown;
  assert.ok(md.startsWith('# Growing Tomatoes at Home\n\n'), md);
  assert.match(md, /^Soil preparation is explained here/m);
  assert.match(md, /^Storage is explained here/m);
  assert.match(md, '\n## What you need\n\n- Seeds of a **cherry** variety\n- A pot of at least 20 litres\n- Stakes and string\n');
  assert.match(md, '\n| Variety | Days to harvest |\n| --- | --- |\n| Sungold | 57 |\n| Brandywine | 90 |\n');
  assert.match(md, '```python\ndef water(plant):\n    if plant.soil_is_dry():\n        plant.water(litres=2)\n```');
  for (const noise of ['NavHome', 'NavTopics', 'SidebarPopular', 'SidebarLinkOne', 'AdvertBuyNow', 'FooterCopyright', 'FooterPrivacy', 'trackingId']) {
    assert.not.match(md, noise, `${noise} should not be in the article`);
  }
  assert.not.match(md, LEFTOVER_HTML);
  assert.not.match(md, /\n\n\n/);
  assert.not.match(md, /[ \t]+$/m, 'no trailing whitespace');
});

reader('links become absolute URLs; links:false keeps their text only', async () => {
  await open('/article');
  const linked = await markdown();
  assert.match(linked.markdown, `Read the [soil guide](${server.url('/guides/soil?x=1#ph')}) first.`);
  const plain = await markdown({ links: false });
  assert.match(plain.markdown, 'Read the soil guide first.');
  assert.not.match(plain.markdown, '](');
});

reader('images: dropped by default and with images:false, kept as ![alt](absolute-url) with images:true', async () => {
  await open('/article');
  assert.not.match((await markdown()).markdown, '![');
  assert.not.match((await markdown({ images: false })).markdown, '![');
  assert.match((await markdown({ images: true })).markdown, `![A ripe tomato](${server.url('/img/tomato.png')})`);
});

reader('content a script inserted after load is read from the live DOM, relative links resolved against it', async () => {
  await open('/feed/dynamic');
  await daemon.call('wait', { selector: 'body[data-ready="yes"]', state: 'attached' });
  const data = await markdown();
  assert.match(data.markdown, '## Rendered by script');
  assert.match(data.markdown, `ScriptParagraph with a [relative link](${server.url('/docs/start.html')}).`);
  assert.not.match(data.markdown, 'Loading');
});

reader('selector: converts just that element as it is (no Readability)', async () => {
  await open('/article');
  const table = await markdown({ selector: 'table' });
  assert.is(table.mode, 'element');
  assert.is(table.markdown, '| Variety | Days to harvest |\n| --- | --- |\n| Sungold | 57 |\n| Brandywine | 90 |');
  assert.is(table.url, server.url('/article'));

  // The sidebar is exactly what article mode leaves out; asked for, it is converted.
  const sidebar = await markdown({ selector: 'aside.sidebar' });
  assert.is(sidebar.markdown, `### SidebarPopular\n\n- [SidebarLinkOne](${server.url('/p/1')})\n- [SidebarLinkTwo](${server.url('/p/2')})`);
});

reader('selector: an element that is hidden itself is converted when asked for (its hidden parts are not)', async () => {
  await open('/full');
  const data = await markdown({ selector: '#drawer' });
  assert.is(data.markdown, '## Drawer\n\nDrawerWords');
});

reader('reads the active frame after `frame`', async () => {
  await open('/framed');
  await daemon.call('frame', { selector: 'iframe' });
  try {
    const data = await markdown();
    assert.is(data.mode, 'article');
    assert.is(data.url, server.url('/article'));
    assert.match(data.markdown, '## What you need');
    assert.not.match(data.markdown, 'OuterWords');
  } finally {
    await daemon.call('mainframe');
  }
  assert.match((await markdown({ mode: 'full' })).markdown, 'OuterWords');
});

reader('selector: a snapshot ref (@eN) names the element', async () => {
  await open('/article');
  const { snapshot } = await daemon.call<{ snapshot: string }>('snapshot');
  const ref = /link "soil guide" \[ref=(e\d+)\]/.exec(snapshot)?.[1];
  assert.ok(ref, `no ref for the soil guide link in:\n${snapshot}`);
  const data = await markdown({ selector: `@${ref}` });
  assert.is(data.markdown, `[soil guide](${server.url('/guides/soil?x=1#ph')})`);
  const heading = /heading "Varieties" \[ref=(e\d+)\]/.exec(snapshot)?.[1];
  assert.is((await markdown({ selector: `@${heading}` })).markdown, '## Varieties');
  assert.is((await failure(daemon, { selector: '@e999' })).code, 'UNKNOWN_REF');
});

reader("mode:'full' keeps the whole visible page; article mode keeps the article only", async () => {
  await open('/article');
  const full = await markdown({ mode: 'full' });
  assert.is(full.mode, 'full');
  assert.is(full.fallback, undefined, 'full was asked for: no fallback');
  for (const part of ['NavHome', 'SidebarPopular', 'Soil preparation', '| Variety |', '```python', 'AdvertBuyNow', 'FooterCopyright'])
    assert.match(full.markdown, part);
  assert.not.match(full.markdown, 'trackingId');
  const article = await markdown({ mode: 'article' });
  assert.ok(article.length < full.length);
});

reader("mode:'full' drops scripts, styles, noscript, template, svg and hidden elements; reads shadow DOM", async () => {
  await open('/full');
  const { markdown: md } = await markdown({ mode: 'full', images: true });
  for (const kept of ['TopNav', '# Main heading', 'Visible words', '### ShadowTitle', 'ShadowWords', 'FullFooter']) assert.match(md, kept);
  for (const dropped of [
    'DrawerWords',
    'DisplayNoneWords',
    'HiddenAttrWords',
    'InvisibleWords',
    'NoscriptWords',
    'TemplateWords',
    'SvgWords',
    'customElements',
    'javascript:',
  ]) {
    assert.not.match(md, dropped, `${dropped} should be dropped`);
  }
  // <base href="/base/dir/"> is the base URI: relative URLs resolve against it.
  assert.match(md, `[TopNav](${server.url('/base/dir/nav-target')})`);
  assert.match(md, `A [based link](${server.url('/base/dir/page.html')}) and ScriptLink and a [spaced link](https://example.com/a%20b).`);
  assert.match(md, `[![Logo](${server.url('/base/dir/logo.png')})](${server.url('/logo-home')})`);
  assert.not.match(md, 'data:image', 'inline data: images are dropped');
  // Block content in a table cell stays inside the GFM table.
  assert.match(md, '| Feature | Notes |\n| --- | --- |\n| Lists | alpha; beta |\n| Breaks | one two |');
  assert.match(md, '```\nplain   preformatted\n  text\n```');
  assert.match(md, '3. third\n4. fourth\n   - nested bullet');
  assert.not.match(md, LEFTOVER_HTML);
  assert.not.match(md, /\n\n\n/);
});

reader('a page that is not article-like falls back to the whole page and says so', async () => {
  await open('/dashboard');
  const data = await markdown();
  assert.is(data.mode, 'full');
  assert.is(data.fallback, true);
  assert.is(data.title, 'Control panel');
  assert.match(data.markdown, '## Orders\n\n12 open');
  assert.match(data.markdown, '## Visitors\n\n318 today');
  assert.match(data.markdown, `[Settings](${server.url('/settings')})`);
});

reader('maxLength: cut at a clean boundary, says so, and keeps code fences closed', async () => {
  await open('/article');
  const whole = (await markdown()).markdown;
  const cut = await markdown({ maxLength: 600 });
  assert.is(cut.truncated, true);
  assert.is(cut.originalLength, whole.length);
  assert.ok(cut.length <= 600, `${cut.length} > 600`);
  assert.is(cut.length, cut.markdown.length);
  assert.ok(whole.startsWith(cut.markdown), 'the cut text is the start of the whole');
  assert.match(whole.charAt(cut.markdown.length), /\s/, 'cut at a boundary, not inside a word');

  // A limit that falls inside the code block.
  const inCode = whole.indexOf('plant.water(') + 4;
  const codeCut = await markdown({ maxLength: inCode });
  assert.is(codeCut.truncated, true);
  assert.ok(codeCut.length <= inCode);
  assert.ok(fencesBalanced(codeCut.markdown), codeCut.markdown);

  const roomy = await markdown({ maxLength: whole.length });
  assert.is(roomy.truncated, false);
  assert.is(roomy.originalLength, undefined);
  assert.is(roomy.markdown, whole);
});

reader('a missing element fails with ELEMENT_NOT_FOUND and advice, within the action timeout', async () => {
  await open('/article');
  const error = await failure(daemon, { selector: '#nope' });
  assert.is(error.code, 'ELEMENT_NOT_FOUND');
  assert.match(error.message, /"#nope" not found.*snapshot/);
  assert.is((await failure(daemon, { selector: 'p' })).code, 'AMBIGUOUS_SELECTOR');
  assert.is((await failure(daemon, { selector: 'main', mode: 'article' })).code, 'INVALID_PARAMS');
  assert.is((await failure(daemon, { maxLength: -1 })).code, 'INVALID_PARAMS');
});

reader('through the real CLI: reader:markdown --selector main --json', async () => {
  await open('/article');
  const result = await daemon.cli(['reader:markdown', '--selector', 'main', '--json']);
  assert.is(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout) as { success: boolean; data: Markdown };
  assert.is(answer.success, true);
  assert.is(answer.data.mode, 'element');
  assert.ok(answer.data.markdown.startsWith('# Growing Tomatoes at Home\n\n'), answer.data.markdown);
  assert.match(answer.data.markdown, '| Sungold |');
  assert.not.match(answer.data.markdown, 'NavHome');
  assert.not.match(answer.data.markdown, 'FooterCopyright');

  const run = await daemon.cli(['run', 'reader:markdown', '--params', '{"mode":"full","maxLength":80}', '--json']);
  assert.is(run.code, 0, run.stderr);
  const ran = JSON.parse(run.stdout) as { data: Markdown };
  assert.is(ran.data.mode, 'full');
  assert.is(ran.data.truncated, true);
  assert.ok(ran.data.length <= 80);
});

reader('through the real CLI without --json: the Markdown itself is printed', async () => {
  await open('/article');
  const result = await daemon.cli(['reader:markdown', '--selector', 'main']);
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.startsWith('# Growing Tomatoes at Home\n\n'), result.stdout);
  assert.match(result.stdout, '| Sungold |');
});

reader.run();

// ---------------------------------------------------------------------------------------------

const configured = suite('reader: plugin options');
let optionServer: PageServer;
let optionDaemon: TestDaemon;

configured.before(async () => {
  optionServer = await servePages(PAGES);
  optionDaemon = await startTestDaemon({ plugins: [[PLUGIN, { maxLength: 400, links: false, mode: 'full' }]] });
});

configured.after(async () => {
  await optionDaemon?.stop();
  await optionServer?.close();
});

configured('options from config set the defaults; params still win', async () => {
  await optionDaemon.call('navigate', { url: optionServer.url('/article') });
  const data = await optionDaemon.call<Markdown>('reader:markdown');
  assert.is(data.mode, 'full');
  assert.is(data.truncated, true);
  assert.ok(data.length <= 400, `${data.length} > 400`);
  assert.match(data.markdown, 'NavHome');
  assert.not.match(data.markdown, '](');

  const overridden = await optionDaemon.call<Markdown>('reader:markdown', { maxLength: 0, links: true, mode: 'article' });
  assert.is(overridden.mode, 'article');
  assert.is(overridden.truncated, false);
  assert.match(overridden.markdown, `[soil guide](${optionServer.url('/guides/soil?x=1#ph')})`);
});

configured('invalid options: the daemon refuses to start and names the plugin', async () => {
  let failure: Error | undefined;
  try {
    const daemon = await startTestDaemon({ plugins: [[PLUGIN, { maxLength: 'lots', colour: 'red' }]] });
    await daemon.stop();
  } catch (error) {
    failure = error as Error;
  }
  assert.ok(failure, 'the daemon started, but it should have refused');
  assert.match(failure!.message, 'Invalid options for plugin "reader"');
  assert.match(failure!.message, 'maxLength');
});

configured.run();
