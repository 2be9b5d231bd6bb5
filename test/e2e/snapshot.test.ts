/**
 * The `snapshot` action of a real daemon against the reference's probe page (reference §3.3):
 * the text must equal the reference's literal outputs for every mode, and the refs map must have
 * the reference's shape. Once also against the actions page: the answer carries the reference's
 * `data` keys (§2.4) and hidden elements stay out of the tree.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { REFERENCE_DEPTH_1, REFERENCE_FULL } from '../fixtures/snapshot-reference.js';
import { evaluate, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('snapshot');
const fx = useFixture(test);

const ACTIONS = '/e2e/actions.html';

async function openProbe() {
  const data = await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/probe.html') });
  assert.is(data.title, 'Probe');
}

/**
 * The reference's text with refs bound to elements: no `[nth=N]` markers (a bound ref needs none),
 * no refs on the options of a closed <select> (they cannot be clicked; `select` takes the combobox),
 * and numbers given in the order elements first appear in the document.
 */
const BOUND_FULL = `- document:
  - navigation:
    - link "Other page" [ref=e1]:
      - /url: /other.html
    - link "About" [ref=e2]:
      - /url: /about
  - main:
    - heading "Probe Heading" [ref=e3] [level=1]
    - paragraph: Some paragraph text.
    - text: Email
    - textbox "Email" [ref=e4]
    - checkbox "I agree" [ref=e5]
    - text: I agree
    - combobox [ref=e6]:
      - option "Red" [selected]
      - option "Blue"
    - button "Save" [ref=e7]
    - button "Save" [ref=e8]
    - button "Go" [ref=e9]
    - list:
      - listitem: Item one
      - listitem: Item two
    - text: Clickable card
    - paragraph: Ready`;
const BOUND_REFS = {
  e1: { role: 'link', name: 'Other page' },
  e2: { role: 'link', name: 'About' },
  e3: { role: 'heading', name: 'Probe Heading' },
  e4: { role: 'textbox', name: 'Email' },
  e5: { role: 'checkbox', name: 'I agree' },
  e6: { role: 'combobox', name: '' },
  e7: { role: 'button', name: 'Save' },
  e8: { role: 'button', name: 'Save' },
  e9: { role: 'button', name: 'Go' },
};

/** The tree as printed without `urls`: no `/url:` lines, and no colon left on a link that had only that under it. */
function withoutUrls(tree: string): string {
  const lines = tree.split('\n').filter((line) => !/^\s*- \/url: /.test(line));
  const depth = (line: string | undefined) => (line === undefined ? -1 : /^ */.exec(line)![0].length);
  return lines.map((line, i) => (line.endsWith(':') && depth(lines[i + 1]) <= depth(line) ? line.slice(0, -1) : line)).join('\n');
}

test('full snapshot: the reference text with bound refs, and the refs map; link URLs only with urls: true', async () => {
  await openProbe();
  const withUrls = await ok(fx.daemon, { action: 'snapshot', urls: true });
  keys(withUrls, ['snapshot', 'refs', 'origin']);
  assert.fixture(withUrls.snapshot, BOUND_FULL);
  assert.equal(withUrls.refs, BOUND_REFS);
  const data = await ok(fx.daemon, { action: 'snapshot' });
  assert.ok(BOUND_FULL.includes('/url:'), 'the probe page has links');
  assert.fixture(data.snapshot, withoutUrls(BOUND_FULL));
  assert.equal(data.refs, BOUND_REFS, 'the same refs either way');
  assert.is(data.origin, fx.server.url('/e2e/probe.html'));
  // The reference's formatter (recipe refs) printed the same tree with [nth=] markers and option refs.
  assert.is(REFERENCE_FULL.replace(/ \[nth=\d+\]/g, '').split('\n').length, BOUND_FULL.split('\n').length);
});

test('interactive snapshot: flattened, the interactive lines of the full one', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.fixture(
    data.snapshot,
    [
      '- link "Other page" [ref=e1]',
      '- link "About" [ref=e2]',
      '- textbox "Email" [ref=e3]',
      '- checkbox "I agree" [ref=e4]',
      '- combobox [ref=e5]',
      '- button "Save" [ref=e6]',
      '- button "Save" [ref=e7]',
      '- button "Go" [ref=e8]',
    ].join('\n'),
  );
  assert.equal(data.refs.e5, { role: 'combobox', name: '' });
  assert.equal(data.refs.e6, { role: 'button', name: 'Save' });
  // A full snapshot of the same document keeps those numbers and numbers the heading after them.
  const full = await ok(fx.daemon, { action: 'snapshot' });
  assert.ok(full.snapshot.includes('- button "Go" [ref=e8]') && full.snapshot.includes('- heading "Probe Heading" [ref=e9] [level=1]'), full.snapshot);
});

test('compact snapshot: no document, list or other empty wrapper lines; what they held moves up, indented under its kept ancestor', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', compact: true });
  assert.fixture(
    data.snapshot,
    [
      '- navigation:',
      '  - link "Other page" [ref=e1]',
      '  - link "About" [ref=e2]',
      '- main:',
      '  - heading "Probe Heading" [ref=e3] [level=1]',
      '  - paragraph: Some paragraph text.',
      '  - text: Email',
      '  - textbox "Email" [ref=e4]',
      '  - checkbox "I agree" [ref=e5]',
      '  - text: I agree',
      '  - combobox [ref=e6]',
      '  - button "Save" [ref=e7]',
      '  - button "Save" [ref=e8]',
      '  - button "Go" [ref=e9]',
      '  - listitem: Item one',
      '  - listitem: Item two',
      '  - text: Clickable card',
      '  - paragraph: Ready',
    ].join('\n'),
  );
  assert.equal(data.refs, BOUND_REFS);
});

test('maxDepth 1 equals the reference and has no refs key', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', maxDepth: 1 });
  assert.fixture(data.snapshot, REFERENCE_DEPTH_1);
  keys(data, ['snapshot', 'origin'], 'maxDepth 1');
  const zero = await ok(fx.daemon, { action: 'snapshot', maxDepth: 0 });
  assert.fixture(zero.snapshot, '- document:');
});

test('selector "#form": the scope’s subtree, numbered from e1 on a fresh document', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', selector: '#form' });
  assert.fixture(
    data.snapshot,
    [
      '- text: Email',
      '- textbox "Email" [ref=e1]',
      '- checkbox "I agree" [ref=e2]',
      '- text: I agree',
      '- combobox [ref=e3]:',
      '  - option "Red" [selected]',
      '  - option "Blue"',
      '- button "Save" [ref=e4]',
      '- button "Save" [ref=e5]',
      '- button "Go" [ref=e6]',
    ].join('\n'),
  );
  assert.equal(Object.keys(data.refs), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
});

test('options combine: compact + maxDepth 2 keeps only lines up to depth 2', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', compact: true, maxDepth: 2 });
  for (const line of data.snapshot.split('\n')) {
    const depth = Math.floor(/^ */.exec(line)![0].length / 2);
    assert.ok(depth <= 2, `line deeper than 2: ${JSON.stringify(line)}`);
  }
  assert.ok(data.snapshot.startsWith('- navigation:\n  - link "Other page" [ref=e1]\n'), data.snapshot);
  assert.not.ok(data.snapshot.includes('/url:'));
  assert.not.ok(data.snapshot.includes('listitem'), 'the list items were below depth 2');
});

test('cursor: true lists the clickable card after the interactive lines, and its ref clicks it', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true, cursor: true });
  assert.ok(
    data.snapshot.endsWith('- button "Go" [ref=e8]\n# Cursor-interactive elements:\n- clickable "Clickable card" [ref=e9] [cursor:pointer, onclick]'),
    data.snapshot,
  );
  assert.equal(data.refs.e9, { role: 'clickable', name: 'Clickable card' });
  assert.equal(await ok(fx.daemon, { action: 'click', selector: '@e9' }), { clicked: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('status').textContent"), 'Card clicked');
});

test('without cursor the card is not listed', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.not.ok(data.snapshot.includes('Clickable card'));
  assert.not.ok(data.snapshot.includes('# Cursor-interactive elements:'));
});

test('"(no interactive elements)" on a page without any, and no refs key', async () => {
  fx.server.page('/e2e/plain', '<!doctype html><title>Plain</title><h2>Nothing to press</h2><p>Just text.</p>');
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/plain') });
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.is(data.snapshot, '(no interactive elements)');
  keys(data, ['snapshot', 'origin']);
  // The full tree still shows the content (and the named heading gets a ref).
  const full = await ok(fx.daemon, { action: 'snapshot' });
  assert.fixture(full.snapshot, '- document:\n  - heading "Nothing to press" [ref=e1] [level=2]\n  - paragraph: Just text.');
  assert.equal(full.refs, { e1: { role: 'heading', name: 'Nothing to press' } });
});

test('cursor elements replace "(no interactive elements)"', async () => {
  fx.server.page('/e2e/tap', '<!doctype html><title>Tap</title><p>Only text</p><div onclick="this.textContent=\'Tapped\'">Tap me</div>');
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/tap') });
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true, cursor: true });
  assert.not.ok(data.snapshot.includes('(no interactive elements)'));
  assert.ok(data.snapshot.includes('- clickable "Tap me" [ref=e1] [onclick]'), data.snapshot);
  assert.equal(data.refs, { e1: { role: 'clickable', name: 'Tap me' } });
});

test('the snapshot follows the page: a changed DOM shows in the next snapshot', async () => {
  await openProbe();
  await evaluate(fx.daemon, "document.getElementById('status').textContent = 'Changed'");
  const data = await ok(fx.daemon, { action: 'snapshot' });
  assert.ok(data.snapshot.endsWith('    - paragraph: Changed'), data.snapshot);
});

test('snapshot → {snapshot, refs, origin}', async () => {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(ACTIONS) });
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  keys(data, ['snapshot', 'refs', 'origin']);
  assert.ok(data.snapshot.includes('- button "Click me" [ref='), data.snapshot);
  assert.ok(data.snapshot.includes('- textbox "Name" [ref='), data.snapshot);
  assert.not.ok(data.snapshot.includes('Hidden'), 'hidden elements are not in the tree');
  for (const entry of Object.values(data.refs as Record<string, unknown>)) keys(entry as Record<string, unknown>, ['role', 'name']);
});

test.run();
