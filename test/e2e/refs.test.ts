/**
 * Refs from `snapshot` used as selectors against real pages: all three spellings, duplicates,
 * scoped snapshots, and the fast UNKNOWN_REF / STALE_REF failures (the daemon runs with the
 * 25 s default action timeout, so "fast" means no waiting for elements at all).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, plainMessage, refOf, refsOf, useFixture } from '../helpers/e2e.js';

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
  const go = refOf(snap.snapshot, 'button "Go"');
  const [first, second] = refsOf(snap.snapshot, 'button "Save"');
  assert.equal(await ok(fx.daemon, { action: 'click', selector: `@${go}` }), { clicked: true });
  assert.is(await status(), 'Went');
  await ok(fx.daemon, { action: 'click', selector: `ref=${first}` });
  assert.is(await status(), 'Saved first');
  await ok(fx.daemon, { action: 'click', selector: second! });
  assert.is(await status(), 'Saved second');
});

test('duplicate names: the two "Save" refs act on their own buttons, in either order; no [nth=] markers', async () => {
  await openProbe();
  const snap = await ok(fx.daemon, { action: 'snapshot' });
  const saves = refsOf(snap.snapshot, 'button "Save"');
  assert.is(saves.length, 2, snap.snapshot);
  assert.not.ok(snap.snapshot.includes('[nth='), snap.snapshot);
  await ok(fx.daemon, { action: 'click', selector: `@${saves[1]}` });
  assert.is(await status(), 'Saved second');
  await ok(fx.daemon, { action: 'click', selector: `@${saves[0]}` });
  assert.is(await status(), 'Saved first');
  await ok(fx.daemon, { action: 'click', selector: `@${saves[1]}` });
  assert.is(await status(), 'Saved second');
});

test('fill and gettext by ref (all spellings); the refs map keeps role and name', async () => {
  await openProbe();
  const snap = await ok(fx.daemon, { action: 'snapshot' });
  const email = refOf(snap.snapshot, 'textbox "Email"');
  const heading = refOf(snap.snapshot, 'heading "Probe Heading"');
  assert.equal(snap.refs[email], { role: 'textbox', name: 'Email' });
  assert.equal(await ok(fx.daemon, { action: 'fill', selector: `@${email}`, value: 'ada@example.com' }), { filled: true });
  assert.is(await evaluate(fx.daemon, "document.getElementById('em').value"), 'ada@example.com');
  await ok(fx.daemon, { action: 'fill', selector: `ref=${email}`, value: 'grace@example.com' });
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: email })).value, 'grace@example.com');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: `@${heading}` })).text, 'Probe Heading');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: `ref=${heading}` })).text, 'Probe Heading');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: refOf(snap.snapshot, 'button "Go"') })).text, 'Go');
});

test('other actions take refs too: check, select, getattribute, isvisible', async () => {
  await openProbe();
  const snap = (await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot as string;
  const agree = refOf(snap, 'checkbox "I agree"');
  await ok(fx.daemon, { action: 'check', selector: `@${agree}` });
  assert.equal(await ok(fx.daemon, { action: 'ischecked', selector: `@${agree}` }), { checked: true });
  await ok(fx.daemon, { action: 'select', selector: `@${refOf(snap, 'combobox')}`, values: 'Blue' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('color').value"), 'Blue');
  assert.is((await ok(fx.daemon, { action: 'getattribute', selector: `@${refOf(snap, 'link "Other page"')}`, attribute: 'href' })).value, '/other.html');
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: `@${refOf(snap, 'button "Go"')}` }), { visible: true });
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
  const snap = (await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot as string;
  await evaluate(fx.daemon, "location.hash = '#form'");
  assert.is(await evaluate(fx.daemon, 'location.hash'), '#form');
  await ok(fx.daemon, { action: 'click', selector: `@${refOf(snap, 'button "Go"')}` });
  assert.is(await status(), 'Went');
  // Following an in-page link is a hash change too.
  await evaluate(fx.daemon, "document.body.insertAdjacentHTML('afterbegin', '<a id=jump href=\"#status\">jump</a>')");
  await ok(fx.daemon, { action: 'click', selector: '#jump' });
  assert.is(await evaluate(fx.daemon, 'location.hash'), '#status');
  await ok(fx.daemon, { action: 'click', selector: `@${refsOf(snap, 'button "Save"')[0]}` });
  assert.is(await status(), 'Saved first');
});

test('a selector-scoped snapshot’s refs act inside that scope; a second scoped snapshot leaves the first one’s refs working', async () => {
  fx.server.page('/e2e/two-forms', TWO_FORMS);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/two-forms') });
  const snap = await ok(fx.daemon, { action: 'snapshot', selector: '#second' });
  assert.equal(snap.refs, { e1: { role: 'heading', name: 'Second' }, e2: { role: 'textbox', name: 'Name' }, e3: { role: 'button', name: 'Save' } });
  await ok(fx.daemon, { action: 'click', selector: '@e3' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('out').textContent"), 'second saved');
  await ok(fx.daemon, { action: 'fill', selector: '@e2', value: 'In second' });
  assert.equal(await evaluate(fx.daemon, "[document.getElementById('n1').value, document.getElementById('n2').value]"), ['', 'In second']);
  // The same page scoped to the first section: new elements, new numbers.
  const first = (await ok(fx.daemon, { action: 'snapshot', selector: '#first', interactive: true })).snapshot as string;
  const firstSave = refOf(first, 'button "Save"');
  assert.not.equal(firstSave, 'e3');
  await ok(fx.daemon, { action: 'click', selector: `@${firstSave}` });
  assert.is(await evaluate(fx.daemon, "document.getElementById('out').textContent"), 'first saved');
  await ok(fx.daemon, { action: 'click', selector: '@e3' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('out').textContent"), 'second saved');
});

test('a later snapshot keeps the refs of elements still there: the same numbers, and old refs still act', async () => {
  await openProbe();
  const full = (await ok(fx.daemon, { action: 'snapshot' })).snapshot as string;
  const go = refOf(full, 'button "Go"');
  const email = refOf(full, 'textbox "Email"');
  const scoped = (await ok(fx.daemon, { action: 'snapshot', selector: 'nav', interactive: true })).snapshot as string;
  assert.is(refOf(scoped, 'link "About"'), refOf(full, 'link "About"'));
  // Go and Email are outside the last (scoped) snapshot, yet their refs still name them.
  await ok(fx.daemon, { action: 'click', selector: `@${go}` });
  assert.is(await status(), 'Went');
  await ok(fx.daemon, { action: 'fill', selector: `@${email}`, value: 'kept@example.com' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('em').value"), 'kept@example.com');
  await fails(fx.daemon, { action: 'click', selector: '@e99' }, 'UNKNOWN_REF');
});

test.run();
