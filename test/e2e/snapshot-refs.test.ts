/**
 * The snapshot formatter against real Chromium: every ref it hands out must resolve, through
 * `getByRole(role, { name, exact: true })` (+ `.nth(nth)`), to exactly the element it was printed
 * for; and `cursorScan` must find the cursor-only elements with selectors that match only them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findBrowser } from '../../src/config/browser.js';
import {
  appendCursorElements,
  compactTree,
  EMPTY_PAGE,
  formatAriaJson,
  INTERACTIVE_ROLES,
  type AriaJsonNode,
  type FormattedSnapshot,
} from '../../src/browser/snapshot-format.js';
import { cursorScan } from '../../src/browser/cursor-scan.js';
import { formatAriaSnapshot } from '../fixtures/snapshot-yaml-oracle.js';
import { CURSOR_CARD, PROBE_ARIA } from '../fixtures/snapshot-reference.js';

const CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const FORM_HTML = readFileSync(fileURLToPath(new URL('../fixtures/pages/snapshot-form.html', import.meta.url)), 'utf8');

/** Unnamed elements mixed with named ones, duplicates at different depths, names that need quoting. */
const EDGE_HTML = `<!doctype html><html><body><main>
<h2 data-id="h-a">Section</h2>
<button data-id="ok">OK</button>
<button data-id="u1" onclick="void 0"></button>
<button data-id="cancel">Cancel</button>
<button data-id="u2"><svg width="10" height="10"></svg></button>
<div role="group"><button data-id="save-nested">Save</button></div>
<button data-id="save-top">Save</button>
<h2 data-id="h-b">Section</h2>
<a data-id="issue" href="/i/1">Issue #1: it's "broken"</a>
<button data-id="backslash">back\\slash {x}</button>
<button data-id="bracket">[x] close</button>
<input data-id="t1">
<input data-id="t2" value="typed">
<select data-id="c1"><option data-id="one">One</option></select>
<label>Colour <select data-id="c2"><option data-id="two">Two</option></select></label>
<select data-id="c3"><option data-id="three">Three</option></select>
<ul><li data-id="li" aria-label="Named item">x</li><li>plain</li></ul>
<table><tr><th data-id="th">Col</th></tr><tr><td data-id="td">Cell</td></tr></table>
<button data-id="bold" aria-pressed="true">Bold</button>
<div data-id="u3" role="button" tabindex="0"></div>
</main></body></html>`;

const CURSOR_HTML = `<!doctype html><html><body>
<div class="row"><span data-id="open-1" style="cursor:pointer">Open</span></div>
<div class="row"><span data-id="open-2" style="cursor:pointer">Open</span></div>
<div data-id="inherit" style="cursor:pointer"><b>Bold <i>child</i></b></div>
<a href="#x" style="cursor:pointer">A link</a>
<div role="button" style="cursor:pointer">Role button</div>
<div data-id="tile" tabindex="0">Focusable
   tile</div>
<div tabindex="-1">Not in tab order</div>
<div onclick="1" style="visibility:hidden">Invisible</div>
<div onclick="1" style="display:none">Gone</div>
<div onclick="1"></div>
<div data-id="buy" data-testid="buy" onclick="1">Buy</div>
<div data-id="weird" id="my:id" onclick="1">Weird id</div>
<p data-id="js">Handler via property</p>
<div id="wrap"><section><div class="x"><span data-id="deep" style="cursor:pointer">Deep</span></div></section></div>
<script>document.querySelector('[data-id=js]').onclick = function () {};</script>
</body></html>`;

let browser: Browser;
let page: Page;

test.before(async () => {
  let playwrightPath: string | undefined;
  try {
    playwrightPath = chromium.executablePath();
  } catch {
    playwrightPath = undefined;
  }
  const envPath = process.env.AGENT_BROWSER_EXECUTABLE_PATH;
  const { path } = findBrowser({ explicit: envPath ? { path: envPath, from: 'env AGENT_BROWSER_EXECUTABLE_PATH' } : undefined, playwrightPath });
  browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
  page = await browser.newPage();
});

test.after(async () => {
  await browser?.close();
});

type Root = Page | Locator;

/**
 * Resolves every ref of `snapshot` the way the daemon does and returns the data-id of each target,
 * in ref order. Unique keys must match exactly one element; with `complete` (an unfiltered
 * snapshot) a duplicated key must match exactly as many elements as the snapshot has refs for it.
 */
async function resolveAll(root: Root, snapshot: FormattedSnapshot, complete: boolean): Promise<string[]> {
  const ids: string[] = [];
  const entries = Object.entries(snapshot.refs);
  for (const [ref, entry] of entries) {
    if (entry.selector) {
      const css = root.locator(entry.selector);
      assert.is(await css.count(), 1, `${ref} (${entry.selector}) matches one element`);
      ids.push((await css.getAttribute('data-id')) ?? '?');
      continue;
    }
    const byRole = root.getByRole(entry.role as Parameters<Page['getByRole']>[0], { name: entry.name, exact: true });
    const count = await byRole.count();
    const label = `${ref} = getByRole(${entry.role}, ${JSON.stringify(entry.name)})${entry.nth !== undefined ? `.nth(${entry.nth})` : ''}`;
    if (entry.nth === undefined) {
      assert.is(count, 1, `${label} matches exactly one element`);
    } else {
      const sameKey = entries.filter(([, other]) => other.role === entry.role && other.name === entry.name).length;
      assert.ok(sameKey > 1 || !complete, `${label}: nth only on duplicated keys`);
      if (complete) assert.is(count, sameKey, `${label}: one element per ref with this key`);
      assert.ok(entry.nth < count, `${label}: nth within ${count} matches`);
    }
    const target = entry.nth === undefined ? byRole : byRole.nth(entry.nth);
    ids.push((await target.getAttribute('data-id')) ?? '?');
  }
  return ids;
}

// ---------------------------------------------------------------- the form fixture

/** cursorScan's argument, as the snapshot action passes it. */
const scan = (rootSelector: string | null) => ({ rootSelector, roles: [...INTERACTIVE_ROLES] });

test('fixture: Playwright prints the ARIA text the unit tests use', async () => {
  await page.setContent(FORM_HTML);
  assert.is(await page.locator(':root').ariaSnapshot(), PROBE_ARIA);
});

test('fixture: every ref of a full snapshot resolves to its element (two "Save", unnamed combobox, quoted name)', async () => {
  await page.setContent(FORM_HTML);
  const snapshot = formatAriaSnapshot(await page.locator(':root').ariaSnapshot());
  assert.equal(snapshot.refs.e6, { role: 'combobox', name: '' });
  assert.equal(snapshot.refs.e12, { role: 'button', name: 'Say "hi"' });
  const ids = await resolveAll(page, snapshot, true);
  assert.equal(ids, ['nav-other', 'nav-about', 'h1', 'email', 'agree', 'color', 'red', 'blue', 'save-1', 'save-2', 'go', 'say-hi']);
});

test('fixture: interactive refs resolve too', async () => {
  await page.setContent(FORM_HTML);
  const snapshot = formatAriaSnapshot(await page.locator(':root').ariaSnapshot(), { interactive: true });
  const ids = await resolveAll(page, snapshot, true);
  assert.equal(ids, ['nav-other', 'nav-about', 'email', 'agree', 'color', 'red', 'blue', 'save-1', 'save-2', 'go', 'say-hi']);
});

test('fixture: selector-scoped snapshot resolves inside its scope', async () => {
  await page.setContent(FORM_HTML);
  const scope = page.locator('#form');
  const snapshot = formatAriaSnapshot(await scope.ariaSnapshot());
  assert.ok(snapshot.tree.startsWith('- text: Email\n- textbox "Email" [ref=e1]'));
  const ids = await resolveAll(scope, snapshot, true);
  assert.equal(ids, ['email', 'agree', 'color', 'red', 'blue', 'save-1', 'save-2', 'go', 'say-hi']);
});

test('fixture: cursorScan finds the card, with a selector that matches only it', async () => {
  await page.setContent(FORM_HTML);
  const found = await page.evaluate(cursorScan, scan(null));
  assert.equal(found, [CURSOR_CARD]);
  const card = page.locator(found[0].selector);
  assert.is(await card.count(), 1);
  assert.ok(await card.evaluate((el) => el.classList.contains('card') && el.textContent === 'Clickable card'));
  assert.equal(await page.evaluate(cursorScan, scan('#form')), []);
  assert.equal(await page.evaluate(cursorScan, scan('#missing')), []);
  assert.equal(await page.evaluate(cursorScan, scan('text=not css')), []);
});

test('fixture: interactive + cursor end to end', async () => {
  await page.setContent(FORM_HTML);
  const snapshot = appendCursorElements(
    formatAriaSnapshot(await page.locator(':root').ariaSnapshot(), { interactive: true }),
    await page.evaluate(cursorScan, scan(null)),
  );
  assert.ok(
    snapshot.tree.endsWith(
      '- button "Say \\"hi\\"" [ref=e11]\n# Cursor-interactive elements:\n- clickable "Clickable card" [ref=e12] [cursor:pointer, onclick]',
    ),
  );
  const ids = await resolveAll(page, snapshot, true);
  assert.is(ids.length, 12);
  const card = page.locator(snapshot.refs.e12.selector ?? '');
  assert.is(await card.textContent(), 'Clickable card');
});

// ---------------------------------------------------------------- unnamed, duplicated, quoted

const EDGE_IDS = [
  'h-a',
  'ok',
  'u1',
  'cancel',
  'u2',
  'save-nested',
  'save-top',
  'h-b',
  'issue',
  'backslash',
  'bracket',
  't1',
  't2',
  'c1',
  'one',
  'c2',
  'two',
  'c3',
  'three',
  'li',
  'th',
  'td',
  'bold',
  'u3',
];

test('edge page: unnamed buttons/comboboxes/textboxes mixed with named ones all resolve to the right element', async () => {
  await page.setContent(EDGE_HTML);
  const snapshot = formatAriaSnapshot(await page.locator(':root').ariaSnapshot());
  const ids = await resolveAll(page, snapshot, true);
  assert.equal(ids, EDGE_IDS);
  // Unnamed elements share the name '' and are numbered among themselves.
  const unnamedButtons = Object.values(snapshot.refs).filter((r) => r.role === 'button' && r.name === '');
  assert.equal(
    unnamedButtons.map((r) => r.nth),
    [0, 1, 2],
  );
  const unnamedBoxes = Object.values(snapshot.refs).filter((r) => r.role === 'combobox' && r.name === '');
  assert.equal(
    unnamedBoxes.map((r) => r.nth),
    [0, 1],
  );
});

test('edge page: names that Playwright YAML-quotes come out decoded and resolvable', async () => {
  await page.setContent(EDGE_HTML);
  const snapshot = formatAriaSnapshot(await page.locator(':root').ariaSnapshot());
  assert.ok(snapshot.tree.includes('\n    - link "Issue #1: it\'s \\"broken\\"" [ref=e9]:\n      - /url: /i/1\n'), snapshot.tree);
  assert.ok(snapshot.tree.includes('\n    - button "back\\\\slash {x}" [ref=e10]\n'), snapshot.tree);
  assert.equal(snapshot.refs.e9, { role: 'link', name: 'Issue #1: it\'s "broken"' });
  assert.equal(snapshot.refs.e10, { role: 'button', name: 'back\\slash {x}' });
  assert.equal(snapshot.refs.e11, { role: 'button', name: '[x] close' });
});

test('edge page: with maxDepth hiding the first "Save", the visible one still resolves (nth counts hidden lines)', async () => {
  await page.setContent(EDGE_HTML);
  const snapshot = formatAriaSnapshot(await page.locator(':root').ariaSnapshot(), { maxDepth: 2 });
  assert.not.ok(snapshot.tree.includes('save-nested'));
  const save = Object.values(snapshot.refs).filter((r) => r.role === 'button' && r.name === 'Save');
  assert.equal(save, [{ role: 'button', name: 'Save', nth: 1 }]);
  const ids = await resolveAll(page, snapshot, false);
  assert.equal(ids, ['h-a', 'ok', 'u1', 'cancel', 'u2', 'save-top', 'h-b', 'issue', 'backslash', 'bracket', 't1', 't2', 'c1', 'c2', 'c3', 'bold', 'u3']);
});

test('edge page: interactive and compact refs resolve', async () => {
  await page.setContent(EDGE_HTML);
  const aria = await page.locator(':root').ariaSnapshot();
  const interactive = await resolveAll(page, formatAriaSnapshot(aria, { interactive: true }), true);
  assert.equal(
    interactive,
    EDGE_IDS.filter((id) => !['h-a', 'h-b', 'li', 'th', 'td'].includes(id)),
  );
  assert.equal(await resolveAll(page, formatAriaSnapshot(aria, { compact: true }), true), EDGE_IDS);
});

// ---------------------------------------------------------------- the JSON tree

/** Names and texts Playwright's YAML renderer has to quote or escape, props, states, a very long name. */
const AWKWARD_HTML = `<!doctype html><html><body><main>
<h1>Title: with colon</h1>
<p>- starts with a dash</p><p>yes</p><p>42</p><p>#hash and trailing space </p><p>{braces} and \`ticks\`</p>
<button>Say "hi"</button><button>tab\there</button><button>back\\slash</button>
<a href="/x?a=1&b=2">Link: one</a><a href="#">#</a>
<input placeholder="Search: here"><input type="checkbox" checked aria-label="On"><input type="checkbox" aria-label="Mixed" aria-checked="mixed">
<button aria-expanded="true">Menu</button><button disabled>Off</button><button aria-pressed="mixed">Half</button>
<select><option>One</option><option selected>Two</option></select>
<button>${'long '.repeat(200)}</button>
<ul><li>Item one</li><li>Item: two</li></ul>
<iframe srcdoc="<button>Inside</button>"></iframe>
<div aria-hidden="true"><button>Hidden</button></div>
</main></body></html>`;

test('formatAriaJson on ariaSnapshotJSON() equals formatAriaSnapshot on ariaSnapshot(), for every option and page', async () => {
  // The oracle prints link URLs as the reference daemons did; the product does with `urls`.
  const optionSets = [{}, { interactive: true }, { compact: true }, { maxDepth: 0 }, { maxDepth: 2 }, { compact: true, maxDepth: 3 }].map((options) => ({
    ...options,
    urls: true,
  }));
  for (const html of [FORM_HTML, EDGE_HTML, CURSOR_HTML, AWKWARD_HTML]) {
    await page.setContent(html);
    for (const root of [page.locator(':root'), page.locator('main').first()]) {
      if ((await root.count()) === 0) continue;
      const yaml = await root.ariaSnapshot();
      const json = (await root.ariaSnapshotJSON()) as AriaJsonNode[];
      for (const options of optionSets) {
        // Compact goes one step beyond the reference: no empty structural lines (compactTree).
        let expected = formatAriaSnapshot(yaml, options);
        if ('compact' in options) {
          const { compact: _compact, ...full } = options;
          const tree = compactTree(formatAriaSnapshot(yaml, full).tree.split('\n')).join('\n');
          expected = { ...expected, tree: tree === '' ? EMPTY_PAGE : tree };
        }
        assert.equal(formatAriaJson(json, options), expected, `${html.slice(0, 60)} ${JSON.stringify(options)}`);
      }
    }
  }
});

test('formatAriaJson: an empty tree is (empty), like an empty ARIA text', () => {
  assert.equal(formatAriaJson([]), formatAriaSnapshot(''));
  assert.equal(formatAriaJson([], { interactive: true }), formatAriaSnapshot('', { interactive: true }));
});

// ---------------------------------------------------------------- cursor scan

test('cursorScan: which elements, which reasons, and selectors that match only them', async () => {
  await page.setContent(CURSOR_HTML);
  const found = await page.evaluate(cursorScan, scan(null));
  const summary = [];
  for (const element of found) {
    const target = page.locator(element.selector);
    assert.is(await target.count(), 1, `${element.selector} matches one element`);
    summary.push({ id: await target.getAttribute('data-id'), text: element.text, kind: element.kind, reasons: element.reasons });
  }
  assert.equal(summary, [
    { id: 'open-1', text: 'Open', kind: 'clickable', reasons: ['cursor:pointer'] },
    { id: 'open-2', text: 'Open', kind: 'clickable', reasons: ['cursor:pointer'] },
    { id: 'inherit', text: 'Bold child', kind: 'clickable', reasons: ['cursor:pointer'] },
    { id: 'tile', text: 'Focusable tile', kind: 'focusable', reasons: ['tabindex'] },
    { id: 'buy', text: 'Buy', kind: 'clickable', reasons: ['onclick'] },
    { id: 'weird', text: 'Weird id', kind: 'clickable', reasons: ['onclick'] },
    { id: 'js', text: 'Handler via property', kind: 'clickable', reasons: ['onclick'] },
    { id: 'deep', text: 'Deep', kind: 'clickable', reasons: ['cursor:pointer'] },
  ]);
  assert.is(found[1].selector, 'div.row:nth-of-type(2) > span');
  assert.is(found[4].selector, '[data-testid="buy"]');
  assert.is(found[5].selector, '#my\\:id');
  // Scoped to an element: only what is inside it.
  assert.equal(
    (await page.evaluate(cursorScan, scan('#wrap'))).map((e) => e.text),
    ['Deep'],
  );
});

test('cursorScan + appendCursorElements: cursor refs resolve by CSS', async () => {
  await page.setContent(CURSOR_HTML);
  const snapshot = appendCursorElements(
    formatAriaSnapshot(await page.locator(':root').ariaSnapshot(), { interactive: true }),
    await page.evaluate(cursorScan, scan(null)),
  );
  const ids = await resolveAll(page, snapshot, true);
  // The link and the role=button div are ARIA refs; "Role button"/"A link" are not repeated as cursor refs.
  assert.equal(ids.slice(-8), ['open-1', 'open-2', 'inherit', 'tile', 'buy', 'weird', 'js', 'deep']);
  assert.is(snapshot.tree.match(/# Cursor-interactive elements:/g)?.length, 1);
});

test.run();
