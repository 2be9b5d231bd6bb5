/**
 * Refs bound to elements, against a page that records every hit: whatever the page does between
 * the snapshot and the action, a ref acts on the element the snapshot showed or refuses — never on
 * another one. Targets that exist but cannot take the action refuse with their codes; a client
 * that hangs up has its request cancelled, so the next command runs in normal time.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, refOf, refsOf, useFixture } from '../helpers/e2e.js';
import { CLI } from '../helpers/paths.js';

const test = suite('bound refs');
// A grace of one second (the default is 150 ms) keeps the "shows up within the grace" test clear of load.
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '25000', AGENT_BROWSER_ACTION_GRACE: '1000' } });

const ROWS = `<!doctype html><title>Rows</title>
<ul id="list"></ul>
<button id="save" onclick="hits.push('save')">Save</button>
<input id="ro" readonly value="fixed" aria-label="Fixed">
<div id="box" tabindex="0">Not a field</div>
<button id="later" style="display:none" onclick="hits.push('later')">Later</button>
<button id="off" disabled>Off</button>
<button id="ghost" style="pointer-events:none">Ghost</button>
<button id="far" style="position:fixed;left:-500px;top:10px" onclick="hits.push('far')">Far</button>
<select id="size" aria-label="Size" onchange="hits.push('size ' + this.value)"><option>S</option><option value="m">Medium</option></select>
<input id="file" type="file" aria-label="File" onchange="hits.push('file')">
<div id="card" onclick="hits.push('card')" style="cursor:pointer">Open card</div>
<script>
window.hits = [];
const list = document.getElementById('list');
window.row = (name) => {
  const li = document.createElement('li');
  li.innerHTML = '<span>' + name + '</span> <button>Delete</button>';
  li.querySelector('button').onclick = () => hits.push('delete ' + name);
  return li;
};
for (const name of ['one', 'two', 'three']) list.append(row(name));
window.cover = () => { const d = document.createElement('div'); d.id = 'overlay'; d.style.cssText = 'position:fixed;inset:0;background:#0003'; document.body.append(d); };
</script>`;

async function open(): Promise<string[]> {
  fx.server.page('/e2e/rows', ROWS);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/rows') });
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  return refsOf(snap.snapshot, 'button "Delete"');
}

const hits = () => evaluate(fx.daemon, 'hits.join(",")');

test('a row removed above the target: the old ref still deletes its own row; the removed row’s ref refuses', async () => {
  const [one, two] = await open();
  await evaluate(fx.daemon, 'list.firstElementChild.remove()');
  const answer = await fails(fx.daemon, { action: 'click', selector: `@${one}` }, 'STALE_REF');
  assert.ok(answer.error.includes(`@${one} was button "Delete"; it is no longer on the page`), answer.error);
  await ok(fx.daemon, { action: 'click', selector: `@${two}` });
  assert.is(await hits(), 'delete two');
});

test('a row removed below and a row inserted above: each ref acts on the row the snapshot showed', async () => {
  const [one, two, three] = await open();
  await evaluate(fx.daemon, 'list.lastElementChild.remove(); list.prepend(row("zero"))');
  await fails(fx.daemon, { action: 'click', selector: `@${three}` }, 'STALE_REF');
  await ok(fx.daemon, { action: 'click', selector: `@${two}` });
  await ok(fx.daemon, { action: 'click', selector: `@${one}` });
  assert.is(await hits(), 'delete two,delete one');
  // The inserted row gets a number never used in this document.
  const again = refsOf((await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot, 'button "Delete"');
  assert.equal(again.slice(1), [one, two]);
  assert.not.ok([one, two, three].includes(again[0]!), `new number for the new row: ${again.join(' ')}`);
});

test('an identical node re-rendered in place is another element: the old ref refuses', async () => {
  const [one] = await open();
  await evaluate(fx.daemon, 'list.replaceChild(row("one"), list.firstElementChild)');
  await fails(fx.daemon, { action: 'click', selector: `@${one}` }, 'STALE_REF');
  assert.is(await hits(), '');
});

test('an element whose name changes keeps its ref: the next snapshot shows the new name under the same number, and the ref still acts on it', async () => {
  const [one] = await open();
  const save = refOf((await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot, 'button "Save"');
  await evaluate(fx.daemon, "document.getElementById('save').textContent = 'Saved'; list.firstElementChild.querySelector('button').textContent = 'Remove'");
  const after = (await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot as string;
  assert.is(refOf(after, 'button "Saved"'), save, after);
  assert.is(refOf(after, 'button "Remove"'), one, after);
  await ok(fx.daemon, { action: 'click', selector: `@${save}` });
  await ok(fx.daemon, { action: 'click', selector: `@${one}` });
  assert.is(await hits(), 'save,delete one');
  // Renamed after the last snapshot: the ref still names that element, not "no longer on the page".
  await evaluate(fx.daemon, "document.getElementById('save').textContent = 'Save again'");
  await ok(fx.daemon, { action: 'snapshot', selector: '#list', interactive: true });
  await ok(fx.daemon, { action: 'click', selector: `@${save}` });
  assert.is(await hits(), 'save,delete one,save');
});

test('a full snapshot after an -i one keeps every number: the -i refs still act on their elements', async () => {
  fx.server.page('/e2e/rows', ROWS);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/rows') });
  const interactive = (await ok(fx.daemon, { action: 'snapshot', interactive: true })).snapshot as string;
  const save = refOf(interactive, 'button "Save"');
  const full = (await ok(fx.daemon, { action: 'snapshot' })).snapshot as string;
  assert.is(refOf(full, 'button "Save"'), save);
  assert.equal(refsOf(full, 'button "Delete"'), refsOf(interactive, 'button "Delete"'));
  await ok(fx.daemon, { action: 'click', selector: `@${save}` });
  assert.is(await hits(), 'save');
});

test('after a navigation or a reload of the same URL an old ref refuses; another tab’s ref is named as such', async () => {
  const [one] = await open();
  await ok(fx.daemon, { action: 'reload' });
  const reloaded = await fails(fx.daemon, { action: 'click', selector: `@${one}` }, 'STALE_REF');
  assert.ok(reloaded.error.includes('was button "Delete"'), reloaded.error);
  assert.is(await hits(), '');
  const [fresh] = await open();
  await ok(fx.daemon, { action: 'tab_new' });
  await fails(fx.daemon, { action: 'click', selector: `@${fresh}` }, 'UNKNOWN_REF');
  await ok(fx.daemon, { action: 'tab_close' });
  await fails(fx.daemon, { action: 'click', selector: '@e999' }, 'UNKNOWN_REF');
  assert.is(await hits(), '');
});

test('covered, hidden, disabled, read-only and wrong-kind targets refuse with their codes, and nothing is hit', async () => {
  await open();
  const snap = (await ok(fx.daemon, { action: 'snapshot' })).snapshot as string;
  await evaluate(fx.daemon, 'cover()');
  const covered = await fails(fx.daemon, { action: 'click', selector: `@${refOf(snap, 'button "Save"')}` }, 'ELEMENT_BLOCKED');
  assert.ok(covered.error.includes('<div id="overlay">'), covered.error);
  await evaluate(fx.daemon, "document.getElementById('overlay').remove()");
  await fails(fx.daemon, { action: 'click', selector: '#later' }, 'ELEMENT_NOT_VISIBLE');
  await fails(fx.daemon, { action: 'click', selector: `@${refOf(snap, 'button "Off"')}` }, 'ELEMENT_DISABLED');
  await fails(fx.daemon, { action: 'fill', selector: `@${refOf(snap, 'textbox "Fixed"')}`, value: 'x' }, 'ELEMENT_NOT_EDITABLE');
  await fails(fx.daemon, { action: 'fill', selector: '#box', value: 'x' }, 'WRONG_ELEMENT');
  await fails(fx.daemon, { action: 'check', selector: '#box' }, 'WRONG_ELEMENT');
  assert.is(await hits(), '');
});

test('the wrong kind of element for fill/type/select/upload, a missing option and several values for a single <select> refuse with their codes, and nothing changes', async () => {
  await open();
  const box = await fails(fx.daemon, { action: 'type', selector: '#box', text: 'x' }, 'WRONG_ELEMENT');
  assert.ok(box.error.includes('is a <div id="box"> element, and type needs an <input>'), box.error);
  const notSelect = await fails(fx.daemon, { action: 'select', selector: '#box', values: 'm' }, 'WRONG_ELEMENT');
  assert.ok(notSelect.error.includes('select needs a <select> element'), notSelect.error);
  const notFile = await fails(fx.daemon, { action: 'upload', selector: '#save', files: ['/etc/hostname'] }, 'WRONG_ELEMENT');
  assert.ok(notFile.error.includes('upload needs an <input type="file">'), notFile.error);
  const missing = await fails(fx.daemon, { action: 'select', selector: '#size', values: 'Large' }, 'OPTION_NOT_FOUND');
  assert.ok(missing.error.includes('has no option "Large"; its options are "S", "Medium" (value "m")'), missing.error);
  const several = await fails(fx.daemon, { action: 'select', selector: '#size', values: ['S', 'm'] }, 'INVALID_PARAMS');
  assert.ok(several.error.includes('single-choice <select>'), several.error);
  await fails(fx.daemon, { action: 'multiselect', selector: '#size', values: ['S', 'm'] }, 'INVALID_PARAMS');
  assert.is(await hits(), '');
  assert.is(await evaluate(fx.daemon, 'document.getElementById("size").value'), 'S');
  await ok(fx.daemon, { action: 'select', selector: '#size', values: 'Medium' });
  assert.is(await hits(), 'size m');
});

test('a scoped snapshot after a full one keeps the numbers, and refs of elements outside the scope still act', async () => {
  await open();
  const full = (await ok(fx.daemon, { action: 'snapshot' })).snapshot as string;
  const scoped = (await ok(fx.daemon, { action: 'snapshot', selector: '#list' })).snapshot as string;
  assert.equal(refsOf(scoped, 'button "Delete"'), refsOf(full, 'button "Delete"'));
  assert.not.ok(scoped.includes('Save'), scoped);
  await ok(fx.daemon, { action: 'click', selector: `@${refOf(full, 'button "Save"')}` });
  await ok(fx.daemon, { action: 'click', selector: `@${refsOf(scoped, 'button "Delete"')[1]}` });
  assert.is(await hits(), 'save,delete two');
});

test('no ref for an element that takes no pointer input; a target off the viewport that cannot scroll there → ELEMENT_OUTSIDE_VIEWPORT', async () => {
  await open();
  const snap = (await ok(fx.daemon, { action: 'snapshot' })).snapshot as string;
  assert.ok(snap.includes('- button "Ghost"\n') || snap.endsWith('- button "Ghost"'), snap);
  await fails(fx.daemon, { action: 'click', selector: `@${refOf(snap, 'button "Far"')}` }, 'ELEMENT_OUTSIDE_VIEWPORT');
  assert.is(await hits(), '');
});

test('a cursor ref (-C) whose element changed its text refuses with STALE_REF; unchanged, it clicks', async () => {
  await open();
  const snap = (await ok(fx.daemon, { action: 'snapshot', interactive: true, cursor: true })).snapshot as string;
  const card = refOf(snap, 'clickable "Open card"');
  await ok(fx.daemon, { action: 'click', selector: `@${card}` });
  assert.is(await hits(), 'card');
  await evaluate(fx.daemon, "document.getElementById('card').textContent = 'Closed card'");
  const answer = await fails(fx.daemon, { action: 'click', selector: `@${card}` }, 'STALE_REF');
  assert.ok(answer.error.includes('was clickable "Open card"'), answer.error);
  assert.is(await hits(), 'card');
});

test('a target that shows up within the configured grace (AGENT_BROWSER_ACTION_GRACE) is clicked as before', async () => {
  await open();
  await evaluate(fx.daemon, "setTimeout(() => { document.getElementById('later').style.display = '' }, 300)");
  await ok(fx.daemon, { action: 'click', selector: '#later' });
  assert.is(await hits(), 'later');
});

test('a client that hangs up on a click that cannot succeed: its request is cancelled and the next command runs at once', async () => {
  await open();
  const socket = net.createConnection(fx.daemon.transport === 'unix' ? { path: fx.daemon.socketPath } : { host: '127.0.0.1', port: fx.daemon.port! });
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  socket.write(`${JSON.stringify({ id: 'doomed', action: 'click', selector: '#never-there' })}\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.destroy();
  const started = Date.now();
  await ok(fx.daemon, { action: 'click', selector: '#save' });
  const waited = Date.now() - started;
  // The abandoned click would hold the page lane for its 25 s timeout.
  assert.ok(waited < 10_000, `the next command waited ${waited} ms`);
  assert.is(await hits(), 'save');
});

test('a CLI stopped with Ctrl-C while its click waits: the request is cancelled and the next command runs at once', async () => {
  await open();
  const child = spawn(process.execPath, [CLI, '--session', fx.daemon.session, 'click', '#never-there'], { env: fx.daemon.env, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('close', resolve));
  // Long enough for the CLI to start and send its request; the click then waits for #never-there.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.kill('SIGINT');
  await exited;
  const started = Date.now();
  await ok(fx.daemon, { action: 'click', selector: '#save' });
  const waited = Date.now() - started;
  assert.ok(waited < 10_000, `the next command waited ${waited} ms`);
  assert.is(await hits(), 'save');
});

test.run();
