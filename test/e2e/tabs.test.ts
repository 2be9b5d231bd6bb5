/**
 * Tabs and windows (reference §2.6, `bringtofront` of §2.1): tab_new / tab_list / tab_switch /
 * tab_close / window_new against real pages, refs that belong to their tab, popups that become
 * tabs, windows with their own cookies, and the `tab` / `window` CLI commands.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('tabs');
// Recreating contexts and closing tabs take seconds on a loaded machine; no test here waits for the default timeout to fail.
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '20000' } });

const page = (title: string, body = '') => `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

test.before(() => {
  fx.server.page('/tabs/one.html', page('One', '<button id="b" onclick="this.textContent = \'Pressed\'">Press one</button>'));
  fx.server.page('/tabs/two.html', page('Two', '<button onclick="this.textContent = \'Done two\'">Press two</button>'));
  fx.server.page('/tabs/three.html', page('Three'));
  fx.server.page(
    '/tabs/opener.html',
    page(
      'Opener',
      `<a id="blank" href="/tabs/popup.html" target="_blank">Open popup</a><button id="open" onclick="window.open('/tabs/popup.html')">window.open</button>`,
    ),
  );
  fx.server.page('/tabs/popup.html', page('Popup'));
});

/** Closes every tab but the first, which shows `path`; the next test starts from one tab. */
async function reset(pathname = '/tabs/one.html') {
  let list = await ok(fx.daemon, { action: 'tab_list' });
  while (list.tabs.length > 1) {
    await ok(fx.daemon, { action: 'tab_close', index: list.tabs.length - 1 });
    list = await ok(fx.daemon, { action: 'tab_list' });
  }
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

const url = async () => (await ok(fx.daemon, { action: 'url' })).url as string;

test('tab_list → {tabs:[{index,url,title,active}], active} for the one tab', async () => {
  await reset();
  const data = await ok(fx.daemon, { action: 'tab_list' });
  keys(data, ['tabs', 'active']);
  assert.equal(data.tabs, [{ index: 0, url: fx.server.url('/tabs/one.html'), title: 'One', active: true }]);
  assert.is(data.active, 0);
});

test('tab_new {url} → {index, total}: the new tab is active and has loaded the URL', async () => {
  await reset();
  const data = await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/two.html') });
  assert.equal(data, { index: 1, total: 2 });
  assert.is(await url(), fx.server.url('/tabs/two.html'));
  assert.is(await evaluate(fx.daemon, 'document.querySelector("h1").textContent'), 'Two');
  const list = await ok(fx.daemon, { action: 'tab_list' });
  assert.is(list.active, 1);
  assert.equal(
    list.tabs.map((tab: { title: string; active: boolean }) => [tab.title, tab.active]),
    [
      ['One', false],
      ['Two', true],
    ],
  );
});

test('click {newTab} opens the link in a new active tab instead of clicking it: {clicked, newTab, url}; a non-link is refused', async () => {
  await reset('/tabs/opener.html');
  const data = await ok(fx.daemon, { action: 'click', selector: '#blank', newTab: true });
  assert.equal(data, { clicked: true, newTab: true, url: fx.server.url('/tabs/popup.html') });
  const list = await ok(fx.daemon, { action: 'tab_list' });
  assert.equal(
    list.tabs.map((tab: { title: string; active: boolean }) => [tab.title, tab.active]),
    [
      ['Opener', false],
      ['Popup', true],
    ],
  );

  await reset('/tabs/opener.html');
  const refused = await fails(fx.daemon, { action: 'click', selector: '#open', newTab: true }, 'WRONG_ELEMENT');
  assert.is(refused.error, "Element '#open' does not have an href attribute. --new-tab only works on links.");
  const mixed = await fails(fx.daemon, { action: 'click', selector: '#blank', newTab: true, clickCount: 2 }, 'INVALID_PARAMS');
  assert.match(mixed.error, 'button, clickCount and delay cannot go with it');
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).tabs.length, 1, 'nothing opened');
});

test('tab_new without url opens a blank active tab', async () => {
  await reset();
  assert.equal(await ok(fx.daemon, { action: 'tab_new' }), { index: 1, total: 2 });
  assert.is(await url(), 'about:blank');
});

test('tab_switch → {index, url, title}; page actions then act on that tab', async () => {
  await reset();
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/two.html') });
  const data = await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  assert.equal(data, { index: 0, url: fx.server.url('/tabs/one.html'), title: 'One' });
  await ok(fx.daemon, { action: 'click', selector: '#b' });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#b").textContent'), 'Pressed');
  await ok(fx.daemon, { action: 'tab_switch', index: 1 });
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Two');
});

test('tab_switch to a missing index → TAB_NOT_FOUND "Invalid tab index: N. Available: 0-M"', async () => {
  await reset();
  await ok(fx.daemon, { action: 'tab_new' });
  const answer = await fails(fx.daemon, { action: 'tab_switch', index: 5 }, 'TAB_NOT_FOUND');
  assert.ok(answer.error.startsWith('Invalid tab index: 5. Available: 0-1'), answer.error);
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).active, 1, 'the active tab did not change');
  await fails(fx.daemon, { action: 'tab_switch', index: -1 }, 'INVALID_PARAMS');
});

test('refs belong to their tab: after a switch, a ref of the other tab is UNKNOWN_REF naming that tab', async () => {
  await reset();
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const ref = Object.entries(snap.refs as Record<string, { name: string }>).find(([, entry]) => entry.name === 'Press one')![0];
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') });
  const answer = await fails(fx.daemon, { action: 'click', selector: `@${ref}` }, 'UNKNOWN_REF');
  assert.match(answer.error, `belongs to the snapshot of tab 0, but tab 1 is active`);
  assert.match(answer.error, "'tab 0'");
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  assert.equal(await ok(fx.daemon, { action: 'click', selector: `@${ref}` }), { clicked: true });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#b").textContent'), 'Pressed');
});

test('tab_close → {closed, remaining}: closing the active tab activates its neighbour', async () => {
  await reset();
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/two.html') });
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') });
  await ok(fx.daemon, { action: 'tab_switch', index: 1 });
  const data = await ok(fx.daemon, { action: 'tab_close' });
  assert.equal(data, { closed: 1, remaining: 2 });
  const list = await ok(fx.daemon, { action: 'tab_list' });
  assert.equal(
    list.tabs.map((tab: { title: string }) => tab.title),
    ['One', 'Three'],
  );
  assert.is(list.active, 1);
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Three');
});

test('tab_close {index} of another tab keeps the same tab active', async () => {
  await reset();
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/two.html') });
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') });
  assert.equal(await ok(fx.daemon, { action: 'tab_close', index: 0 }), { closed: 0, remaining: 2 });
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Three');
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).active, 1);
});

test('tab_close of the last tab and of a missing index fail with the reference texts', async () => {
  await reset();
  const last = await fails(fx.daemon, { action: 'tab_close' });
  assert.is(last.error, 'Cannot close the last tab. Use "close" to close the browser.');
  assert.is(await url(), fx.server.url('/tabs/one.html'), 'the tab is still there');
  const missing = await fails(fx.daemon, { action: 'tab_close', index: 3 }, 'TAB_NOT_FOUND');
  assert.ok(missing.error.startsWith('Invalid tab index: 3. Available: 0'), missing.error);
});

test('a popup (target=_blank, window.open) becomes a new tab and the active one', async () => {
  await reset('/tabs/opener.html');
  await ok(fx.daemon, { action: 'click', selector: '#blank' });
  let list = await ok(fx.daemon, { action: 'tab_list' });
  assert.is(list.tabs.length, 2);
  assert.is(list.active, 1);
  assert.is(list.tabs[1].url, fx.server.url('/tabs/popup.html'));
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  await ok(fx.daemon, { action: 'click', selector: '#open' });
  list = await ok(fx.daemon, { action: 'tab_list' });
  assert.is(list.tabs.length, 3);
  assert.is(list.active, 2);
  await ok(fx.daemon, { action: 'wait', text: 'Popup' });
  assert.is(await evaluate(fx.daemon, 'location.pathname'), '/tabs/popup.html');
});

test('a popup that closes itself during an action → TAB_CLOSED; the session goes on in the opener', async () => {
  await reset('/tabs/opener.html');
  await ok(fx.daemon, { action: 'click', selector: '#open' });
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).active, 1);
  await evaluate(fx.daemon, 'setTimeout(() => window.close(), 300), 1');
  const answer = await fails(fx.daemon, { action: 'wait', selector: '#never-there', timeout: 10000 }, 'TAB_CLOSED');
  assert.match(answer.error, 'The tab closed while the action ran');
  assert.match(answer.error, '1 tab remain');
  assert.is(await url(), fx.server.url('/tabs/opener.html'));
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).tabs.length, 1);
});

test('window_new → {index, total}: a separate context (own cookies), its tab active, viewport honoured', async () => {
  await reset();
  await evaluate(fx.daemon, 'document.cookie = "first=1; path=/"');
  const data = await ok(fx.daemon, { action: 'window_new', viewport: { width: 500, height: 400 } });
  assert.equal(data, { index: 1, total: 2 });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/tabs/two.html') });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), '', 'the new window does not share cookies');
  assert.is(await evaluate(fx.daemon, 'window.innerWidth'), 500);
  await evaluate(fx.daemon, 'document.cookie = "second=2; path=/"');
  // A tab opened from the new window joins that window's context.
  assert.equal(await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') }), { index: 2, total: 3 });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'second=2');
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'first=1');
  assert.is(await evaluate(fx.daemon, 'window.innerWidth'), 1280);
  // Closing a window's last tab closes the window; the tab list stays one flat list.
  await ok(fx.daemon, { action: 'tab_close', index: 2 });
  await ok(fx.daemon, { action: 'tab_close', index: 1 });
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).tabs.length, 1);
  await evaluate(fx.daemon, 'document.cookie = "first=; max-age=0; path=/"');
});

test('a recreated context (state_load) keeps every window, the tab order and the active tab', async () => {
  await reset();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ab-tabs-')), 'state.json');
  try {
    await evaluate(fx.daemon, 'document.cookie = "first=1; path=/"');
    await ok(fx.daemon, { action: 'state_save', path: file });
    await ok(fx.daemon, { action: 'window_new' });
    await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/tabs/two.html') });
    await evaluate(fx.daemon, 'document.cookie = "second=2; path=/"');
    await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') });
    await ok(fx.daemon, { action: 'tab_switch', index: 1 });
    await ok(fx.daemon, { action: 'state_load', path: file });
    const list = await ok(fx.daemon, { action: 'tab_list' });
    assert.equal(
      list.tabs.map((tab: { title: string }) => tab.title),
      ['One', 'Two', 'Three'],
    );
    assert.is(list.active, 1);
    assert.is(await evaluate(fx.daemon, 'document.cookie'), 'first=1', 'the active window got the loaded state');
    await ok(fx.daemon, { action: 'tab_switch', index: 2 });
    assert.is(await evaluate(fx.daemon, 'document.cookie'), 'first=1', 'its other tab shares the new context');
    await ok(fx.daemon, { action: 'tab_switch', index: 0 });
    assert.is(await evaluate(fx.daemon, 'document.cookie'), 'first=1', 'the first window kept its own cookies');
    await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/three.html') });
    assert.is(await evaluate(fx.daemon, 'document.cookie'), 'first=1');
    await ok(fx.daemon, { action: 'tab_close' });
    await ok(fx.daemon, { action: 'tab_close', index: 2 });
    await ok(fx.daemon, { action: 'tab_close', index: 1 });
    await evaluate(fx.daemon, 'document.cookie = "first=; max-age=0; path=/"');
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

test('bringtofront → {focused:true} and keeps the active tab', async () => {
  await reset();
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/tabs/two.html') });
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  assert.equal(await ok(fx.daemon, { action: 'bringtofront' }), { focused: true });
  assert.is(await evaluate(fx.daemon, 'document.title'), 'One');
  assert.is(await evaluate(fx.daemon, 'document.visibilityState'), 'visible');
});

test('CLI: tab new / tab / tab <n> / tab list / tab close / window new', async () => {
  await reset();
  const cli = (...args: string[]) => runCli(args, { env: fx.daemon.env });
  const out = async (...args: string[]) => {
    const result = await cli(...args);
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trimEnd();
  };
  await out('tab', 'new', fx.server.url('/tabs/two.html'));
  assert.is(await url(), fx.server.url('/tabs/two.html'));
  assert.is(await out('tab'), [`  [0] One - ${fx.server.url('/tabs/one.html')}`, `→ [1] Two - ${fx.server.url('/tabs/two.html')}`].join('\n'));
  assert.is(await out('tab', '0'), `✓ One\n  ${fx.server.url('/tabs/one.html')}`);
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).active, 0);
  const listed = await cli('tab', 'list', '--json');
  assert.equal(listed.json.data.active, 0);
  assert.is(listed.json.data.tabs.length, 2);
  await out('tab', 'switch', '1');
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Two');
  await out('tab', 'close', '0');
  assert.equal(
    (await ok(fx.daemon, { action: 'tab_list' })).tabs.map((tab: { title: string }) => tab.title),
    ['Two'],
  );
  const last = await cli('tab', 'close');
  assert.is(last.code, 1);
  assert.match(last.stderr, 'Cannot close the last tab. Use "close" to close the browser.');
  const bad = await cli('tab', '7');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'Invalid tab index: 7. Available: 0');
  await out('window', 'new', '--viewport', '600x500');
  assert.is(await evaluate(fx.daemon, 'window.innerWidth'), 600);
  assert.is((await ok(fx.daemon, { action: 'tab_list' })).tabs.length, 2);
});

test.run();
