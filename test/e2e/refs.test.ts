/**
 * Refs from `snapshot` used as selectors against real pages: all three spellings, duplicates,
 * scoped snapshots, and the fast UNKNOWN_REF / STALE_REF failures (the daemon runs with the
 * 25 s default action timeout, so "fast" means no waiting for elements at all).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, plainMessage, useFixture } from '../helpers/e2e.js';

const test = suite('refs');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '25000' } });

/** Far below the 25 s action timeout: the failure must not wait for an element. */
const FAST_MS = 5000;

const PROBE = '/e2e/probe.html';
const TWO_FORMS = `<!doctype html><title>Two forms</title>
<section id="first"><h2>First</h2><label>Name <input id="n1"></label><button type="button" onclick="document.getElementById('out').textContent='first saved'">Save</button></section>
<section id="second"><h2>Second</h2><label>Name <input id="n2"></label><button type="button" onclick="document.getElementById('out').textContent='second saved'">Save</button></section>
<p id="out">nothing saved</p>`;

async function openProbe() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(PROBE) });
}

const status = () => evaluate(fx.daemon, "document.getElementById('status').textContent");

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

test('a ref before any snapshot → UNKNOWN_REF at once, saying to run snapshot', async () => {
  await openProbe();
  const { value: answer, ms } = await timed(() => fails(fx.daemon, { action: 'click', selector: '@e1' }, 'UNKNOWN_REF'));
  assert.ok(ms < FAST_MS, `answered in ${ms} ms`);
  assert.ok(answer.error.includes('@e1'), answer.error);
  assert.ok(answer.error.includes('snapshot'), answer.error);
  assert.is(await status(), 'Ready', 'nothing was clicked');
});

test('click by @eN, ref=eN and bare eN hits the element the snapshot printed', async () => {
  await openProbe();
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.ok(snap.snapshot.includes('- button "Go" [ref=e10]'), snap.snapshot);
  assert.equal(await ok(fx.daemon, { action: 'click', selector: '@e10' }), { clicked: true });
  assert.is(await status(), 'Went');
  await ok(fx.daemon, { action: 'click', selector: 'ref=e8' });
  assert.is(await status(), 'Saved first');
  await ok(fx.daemon, { action: 'click', selector: 'e9' });
  assert.is(await status(), 'Saved second');
});

test('duplicate names: the two "Save" refs act on their own buttons, in either order', async () => {
  await openProbe();
  const snap = await ok(fx.daemon, { action: 'snapshot' });
  assert.ok(snap.snapshot.includes('- button "Save" [ref=e9]\n'), snap.snapshot);
  assert.ok(snap.snapshot.includes('- button "Save" [ref=e10] [nth=1]\n'), snap.snapshot);
  await ok(fx.daemon, { action: 'click', selector: '@e10' });
  assert.is(await status(), 'Saved second');
  await ok(fx.daemon, { action: 'click', selector: '@e9' });
  assert.is(await status(), 'Saved first');
  await ok(fx.daemon, { action: 'click', selector: '@e10' });
  assert.is(await status(), 'Saved second');
});

test('fill and gettext by ref (all spellings)', async () => {
  await openProbe();
  const snap = await ok(fx.daemon, { action: 'snapshot' });
  assert.equal(snap.refs.e4, { role: 'textbox', name: 'Email' });
  assert.equal(await ok(fx.daemon, { action: 'fill', selector: '@e4', value: 'ada@example.com' }), { filled: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('em').value"), 'ada@example.com');
  await ok(fx.daemon, { action: 'fill', selector: 'ref=e4', value: 'grace@example.com' });
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: 'e4' })).value, 'grace@example.com');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '@e3' })).text, 'Probe Heading');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: 'ref=e3' })).text, 'Probe Heading');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: 'e11' })).text, 'Go');
});

test('other actions take refs too: check, select, getattribute, isvisible', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot', interactive: true });
  await ok(fx.daemon, { action: 'check', selector: '@e4' });
  assert.equal(await ok(fx.daemon, { action: 'ischecked', selector: '@e4' }), { checked: true });
  await ok(fx.daemon, { action: 'select', selector: '@e5', values: 'Blue' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('color').value"), 'Blue');
  assert.is((await ok(fx.daemon, { action: 'getattribute', selector: '@e1', attribute: 'href' })).value, '/other.html');
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '@e10' }), { visible: true });
});

test('an unknown ref → UNKNOWN_REF at once, naming the ref, for every spelling and action', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const cases = [
    { action: 'click', selector: '@e99' },
    { action: 'click', selector: 'ref=e99' },
    { action: 'click', selector: 'e99' },
    { action: 'fill', selector: '@e99', value: 'x' },
    { action: 'gettext', selector: '@e99' },
  ];
  for (const request of cases) {
    const { value: answer, ms } = await timed(() => fails(fx.daemon, request, 'UNKNOWN_REF'));
    assert.ok(ms < FAST_MS, `${request.selector} answered in ${ms} ms`);
    assert.ok(answer.error.includes(request.selector), answer.error);
    assert.ok(answer.error.includes('e99'), answer.error);
    assert.ok(answer.error.includes('snapshot'), answer.error);
    plainMessage(answer.error);
  }
  assert.is(await status(), 'Ready');
});

test('a ref from before the tab navigated → STALE_REF at once; a new snapshot fixes it', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot', interactive: true });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/second.html') });
  const { value: answer, ms } = await timed(() => fails(fx.daemon, { action: 'click', selector: '@e1' }, 'STALE_REF'));
  assert.ok(ms < FAST_MS, `answered in ${ms} ms`);
  assert.ok(answer.error.includes('@e1'), answer.error);
  assert.ok(answer.error.includes('snapshot'), answer.error);
  assert.is(await evaluate(fx.daemon, 'location.pathname'), '/e2e/second.html', 'the stale ref clicked nothing');
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.equal(snap.refs.e1, { role: 'link', name: 'Back to actions' });
  await ok(fx.daemon, { action: 'click', selector: '@e1' });
  assert.ok(await ok(fx.daemon, { action: 'wait', text: 'Actions page' }));
  assert.is(await evaluate(fx.daemon, 'location.pathname'), '/e2e/actions.html');
});

test('reloading the same URL also makes refs stale (a new document)', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot' });
  await ok(fx.daemon, { action: 'reload' });
  await fails(fx.daemon, { action: 'gettext', selector: '@e3' }, 'STALE_REF');
});

test('refs stay valid after an in-page hash change', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot', interactive: true });
  await evaluate(fx.daemon, "location.hash = '#form'");
  assert.is(await evaluate(fx.daemon, 'location.hash'), '#form');
  await ok(fx.daemon, { action: 'click', selector: '@e10' });
  assert.is(await status(), 'Went');
  // Following an in-page link is a hash change too.
  await evaluate(fx.daemon, "document.body.insertAdjacentHTML('afterbegin', '<a id=jump href=\"#status\">jump</a>')");
  await ok(fx.daemon, { action: 'click', selector: '#jump' });
  assert.is(await evaluate(fx.daemon, 'location.hash'), '#status');
  await ok(fx.daemon, { action: 'click', selector: '@e8' });
  assert.is(await status(), 'Saved first');
});

test('a selector-scoped snapshot’s refs act inside that scope only', async () => {
  fx.server.page('/e2e/two-forms', TWO_FORMS);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/two-forms') });
  const snap = await ok(fx.daemon, { action: 'snapshot', selector: '#second' });
  assert.equal(snap.refs, { e1: { role: 'heading', name: 'Second' }, e2: { role: 'textbox', name: 'Name' }, e3: { role: 'button', name: 'Save' } });
  assert.not.ok(snap.snapshot.includes('[nth='), 'unique within the scope');
  await ok(fx.daemon, { action: 'click', selector: '@e3' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('out').textContent"), 'second saved');
  await ok(fx.daemon, { action: 'fill', selector: '@e2', value: 'In second' });
  assert.equal(await evaluate(fx.daemon, "[document.getElementById('n1').value, document.getElementById('n2').value]"), ['', 'In second']);
  // The same page scoped to the first section.
  await ok(fx.daemon, { action: 'snapshot', selector: '#first', interactive: true });
  await ok(fx.daemon, { action: 'click', selector: '@e2' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('out').textContent"), 'first saved');
});

test('a new snapshot replaces the refs: numbers from the old one no longer exist', async () => {
  await openProbe();
  await ok(fx.daemon, { action: 'snapshot' });
  await ok(fx.daemon, { action: 'snapshot', selector: '#form', interactive: true });
  // The full snapshot had e11 ("Go"); the scoped one ends at e8.
  await fails(fx.daemon, { action: 'click', selector: '@e11' }, 'UNKNOWN_REF');
  await ok(fx.daemon, { action: 'click', selector: '@e8' });
  assert.is(await status(), 'Went');
});

test.run();
