/**
 * The `snapshot` action of a real daemon against the reference's probe page (reference §3.3):
 * the text must equal the reference's literal outputs for every mode, and the refs map must have
 * the reference's shape.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  REFERENCE_COMPACT,
  REFERENCE_DEPTH_1,
  REFERENCE_FORM,
  REFERENCE_FORM_PUBLIC_REFS,
  REFERENCE_FULL,
  REFERENCE_INTERACTIVE,
  REFERENCE_INTERACTIVE_CURSOR,
  REFERENCE_PUBLIC_REFS,
} from '../fixtures/snapshot-reference.js';
import { evaluate, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('snapshot');
const fx = useFixture(test);

async function openProbe() {
  const data = await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/probe.html') });
  assert.is(data.title, 'Probe');
}

test('full snapshot equals the reference text and refs map', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot' });
  keys(data, ['snapshot', 'refs', 'origin']);
  assert.fixture(data.snapshot, REFERENCE_FULL);
  assert.equal(data.refs, REFERENCE_PUBLIC_REFS);
  assert.is(data.origin, fx.server.url('/e2e/probe.html'));
});

test('interactive snapshot equals the reference (flattened, own numbering)', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.fixture(data.snapshot, REFERENCE_INTERACTIVE);
  assert.equal(Object.keys(data.refs), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10']);
  assert.equal(data.refs.e5, { role: 'combobox', name: '' });
  assert.equal(data.refs.e9, { role: 'button', name: 'Save' });
});

test('compact snapshot equals the reference (kept indentation, no document/list lines)', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', compact: true });
  assert.fixture(data.snapshot, REFERENCE_COMPACT);
  assert.equal(data.refs, REFERENCE_PUBLIC_REFS);
});

test('maxDepth 1 equals the reference and has no refs key', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', maxDepth: 1 });
  assert.fixture(data.snapshot, REFERENCE_DEPTH_1);
  keys(data, ['snapshot', 'origin'], 'maxDepth 1');
  const zero = await ok(fx.daemon, { action: 'snapshot', maxDepth: 0 });
  assert.fixture(zero.snapshot, '- document:');
});

test('selector "#form" equals the reference, numbered from e1', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', selector: '#form' });
  assert.fixture(data.snapshot, REFERENCE_FORM);
  assert.equal(data.refs, REFERENCE_FORM_PUBLIC_REFS);
});

test('options combine: compact + maxDepth 2 keeps only lines up to depth 2', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', compact: true, maxDepth: 2 });
  for (const line of data.snapshot.split('\n')) {
    const depth = Math.floor((/^ */.exec(line)![0].length) / 2);
    assert.ok(depth <= 2, `line deeper than 2: ${JSON.stringify(line)}`);
  }
  assert.ok(data.snapshot.includes('    - link "Other page" [ref=e1]:'));
  assert.not.ok(data.snapshot.includes('/url:'));
});

test('cursor: true lists the clickable card after the interactive lines, and its ref clicks it', async () => {
  await openProbe();
  const data = await ok(fx.daemon, { action: 'snapshot', interactive: true, cursor: true });
  assert.fixture(data.snapshot, REFERENCE_INTERACTIVE_CURSOR);
  assert.equal(data.refs.e11, { role: 'clickable', name: 'Clickable card' });
  assert.equal(await ok(fx.daemon, { action: 'click', selector: '@e11' }), { clicked: true });
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

test.run();
