/**
 * Change reports instead of whole pages: `"changes": true` on an action that can change the page
 * answers what it changed (URL, title, interactive elements that appeared, changed or went, with
 * refs that work), bounded in size; `snapshot` with `diff` reports what changed since the tab's
 * last snapshot; link URLs are only printed on request (`urls`, CLI `-u`).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('changes');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });
const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

const TODO = `<!doctype html><title>Todo</title>
<main><h1>Todo</h1>
<label>New <input id="new"></label>
<button id="add" onclick="
  const li = document.createElement('li');
  li.innerHTML = '<span></span> <button>Delete ' + document.getElementById('new').value + '</button>';
  li.querySelector('button').onclick = () => li.remove();
  document.getElementById('list').append(li);
  document.title = 'Todo (' + document.getElementById('list').children.length + ')';
">Add</button>
<button id="many" onclick="for (let i = 0; i < 40; i++) { const b = document.createElement('button'); b.textContent = 'Item ' + i; document.body.append(b); }">Many</button>
<button id="later" onclick="setTimeout(() => { const b = document.createElement('button'); b.textContent = 'Arrived'; document.body.append(b); }, 50)">Later</button>
<label><input type="checkbox" id="done"> Done</label>
<ul id="list"></ul>
<a href="/changes/other">Other page</a>
<button id="save" onclick="document.getElementById('status').textContent = 'Saved ' + document.getElementById('list').children.length + ' items'">Save</button>
<p id="status"></p>
</main>`;

const OTHER = '<!doctype html><title>Other</title><main><h1>Other</h1><a href="/changes/todo">Back home</a><button>Go</button></main>';

async function openTodo(): Promise<Record<string, any>> {
  fx.server.page('/changes/todo', TODO);
  fx.server.page('/changes/other', OTHER);
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url('/changes/todo'), changes: true });
}

/** The ref a change line gives an element: `button "Delete Milk" [ref=e5]` → `e5`. */
const refIn = (line: string | undefined) => /\[ref=(e\d+)\]/.exec(line ?? '')?.[1] ?? '';

test('navigate with changes: the new page, its URL, title and interactive elements with refs', async () => {
  const data = await openTodo();
  assert.is(data.url, fx.server.url('/changes/todo'), 'the action’s own answer is kept');
  assert.equal(data.changes, {
    url: fx.server.url('/changes/todo'),
    title: 'Todo',
    newDocument: true,
    appeared: [
      'textbox "New" [ref=e1]',
      'button "Add" [ref=e2]',
      'button "Many" [ref=e3]',
      'button "Later" [ref=e4]',
      'checkbox "Done" [ref=e5]',
      'link "Other page" [ref=e6]',
      'button "Save" [ref=e7]',
    ],
    changed: [],
    gone: [],
  });
});

test('click with changes: what appeared (with a ref that acts on it), the new title; its removal reports it gone', async () => {
  await openTodo();
  assert.equal((await ok(fx.daemon, { action: 'fill', selector: '@e1', value: 'Milk', changes: true })).changes, { appeared: [], changed: [], gone: [] });
  const added = await ok(fx.daemon, { action: 'click', selector: '@e2', changes: true });
  assert.equal(added.changes, { title: 'Todo (1)', appeared: ['button "Delete Milk" [ref=e8]'], changed: [], gone: [] });
  const removed = await ok(fx.daemon, { action: 'click', selector: `@${refIn(added.changes.appeared[0])}`, changes: true });
  assert.equal(removed.changes.gone, ['button "Delete Milk" [ref=e8]']);
  assert.equal(removed.changes.appeared, []);
});

test('text that appears outside interactive elements (a result line) is quoted', async () => {
  await openTodo();
  await ok(fx.daemon, { action: 'fill', selector: '#new', value: 'Milk' });
  await ok(fx.daemon, { action: 'click', selector: '#add', changes: true });
  const saved = await ok(fx.daemon, { action: 'click', selector: '#save', changes: true });
  assert.equal(saved.changes, { appeared: [], changed: [], gone: [], text: ['Saved 1 items'] });
});

test('a changed state is reported as the element’s new line', async () => {
  await openTodo();
  const checked = await ok(fx.daemon, { action: 'check', selector: '@e5', changes: true });
  assert.equal(checked.changes, { appeared: [], changed: ['checkbox "Done" [ref=e5] [checked]'], gone: [] });
});

test('compared with what the agent last saw: a snapshot in between moves the baseline', async () => {
  await openTodo();
  await ok(fx.daemon, { action: 'click', selector: '#later' });
  // The element that arrived after the click is in this snapshot: the next report does not repeat it.
  await ok(fx.daemon, { action: 'wait', text: 'Arrived' });
  const snapshot = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  assert.match(snapshot.snapshot, 'button "Arrived"');
  const next = await ok(fx.daemon, { action: 'check', selector: '#done', changes: true });
  assert.equal(next.changes.appeared, []);
  assert.equal(next.changes.changed, ['checkbox "Done" [ref=e5] [checked]']);
});

test('a navigation by click: new document, URL and title; the old refs are stale', async () => {
  await openTodo();
  const data = await ok(fx.daemon, { action: 'click', selector: '@e6', changes: true });
  assert.equal(data.changes, {
    url: fx.server.url('/changes/other'),
    title: 'Other',
    newDocument: true,
    appeared: ['link "Back home" [ref=e1]', 'button "Go" [ref=e2]'],
    changed: [],
    gone: [],
  });
  await ok(fx.daemon, { action: 'click', selector: '@e2' });
  assert.equal((await fails(fx.daemon, { action: 'click', selector: '@e5' }, 'STALE_REF')).code, 'STALE_REF');
});

test('too many changes: counts and what to do instead of a long list', async () => {
  await openTodo();
  const data = await ok(fx.daemon, { action: 'click', selector: '#many', changes: true });
  assert.equal(data.changes, { appeared: [], changed: [], gone: [], tooMany: { appeared: 40, changed: 0, gone: 0 } });
});

test('changes is refused where it cannot mean anything: an action that only reads, a value that is not a boolean', async () => {
  await openTodo();
  const reading = await fails(fx.daemon, { action: 'gettext', selector: 'h1', changes: true }, 'INVALID_PARAMS');
  assert.match(reading.error, '"gettext" does not change it');
  const wrong = await fails(fx.daemon, { action: 'click', selector: '#add', changes: 'yes' }, 'INVALID_PARAMS');
  assert.match(wrong.error, '"changes" must be true or false');
  assert.is(await ok(fx.daemon, { action: 'gettext', selector: '#list' }).then((data) => data.text), '', 'the refused click did not run');
});

test('a change report never uses up a removed frame’s FRAME_NOT_FOUND: the action refuses instead of running in the main frame', async () => {
  fx.server.page(
    '/changes/frames',
    `<!doctype html><title>Frames</title><button id="x" onclick="window.mainClicks = (window.mainClicks || 0) + 1">Main</button>
<iframe id="child" srcdoc="<button id='x'>Inner</button>"></iframe>`,
  );
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/changes/frames') });
  await ok(fx.daemon, { action: 'frame', selector: '#child' });
  await ok(fx.daemon, { action: 'evaluate', script: 'setTimeout(() => window.frameElement.remove(), 0); 1' });
  // The page reports the removal on its own time; any action now would see it, so only the test waits.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const refused = await fails(fx.daemon, { action: 'click', selector: '#x', changes: true }, 'FRAME_NOT_FOUND');
  assert.match(refused.error, 'was removed from the page');
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: 'window.mainClicks ?? 0' })).result, 0, 'the main frame’s #x was not clicked');
});

test('snapshot diff takes no option it would ignore', async () => {
  await openTodo();
  const scoped = await fails(fx.daemon, { action: 'snapshot', diff: true, selector: 'main', compact: true }, 'INVALID_PARAMS');
  assert.match(scoped.error, '"diff" reports the interactive elements of the whole tab since its last snapshot, so it takes no selector, compact');
  await fails(fx.daemon, { action: 'snapshot', diff: true, interactive: false }, 'INVALID_PARAMS');
  assert.ok((await ok(fx.daemon, { action: 'snapshot', diff: true, interactive: true })).changes, 'interactive: true (what MCP sends) is what diff is anyway');
});

test('the actions listing says which actions take changes', async () => {
  const { actions } = await ok(fx.daemon, { action: 'actions' });
  const byName = new Map(actions.map((action: { name: string }) => [action.name, action]));
  for (const name of ['click', 'fill', 'navigate', 'back', 'press', 'select', 'check'])
    assert.is((byName.get(name) as { changes?: boolean }).changes, true, name);
  for (const name of ['url', 'gettext', 'snapshot', 'wait', 'status']) assert.is((byName.get(name) as { changes?: boolean }).changes, undefined, name);
});

test('snapshot diff: what changed since the tab’s last snapshot, in the change-report form', async () => {
  await openTodo();
  await ok(fx.daemon, { action: 'snapshot' });
  await ok(fx.daemon, { action: 'evaluate', script: "document.getElementById('add').remove(); document.getElementById('done').click()" });
  const data = await ok(fx.daemon, { action: 'snapshot', diff: true });
  assert.equal(data.changes, { appeared: [], changed: ['checkbox "Done" [ref=e5] [checked]'], gone: ['button "Add" [ref=e2]'] });
  assert.is(data.snapshot, '~ checkbox "Done" [ref=e5] [checked]\n- button "Add" [ref=e2]');
  const again = await ok(fx.daemon, { action: 'snapshot', diff: true });
  assert.is(again.snapshot, 'no change to the URL, the title or the interactive elements');
});

test('CLI: --changes prints the report after the action’s own line; --json carries data.changes; snapshot -u prints URLs', async () => {
  fx.server.page('/changes/todo', TODO);
  fx.server.page('/changes/other', OTHER);
  const open = await cli('open', fx.server.url('/changes/todo'), '--changes');
  assert.is(open.code, 0, open.stderr);
  assert.is(
    open.stdout,
    `✓ Todo\n  ${fx.server.url('/changes/todo')}\nurl: ${fx.server.url('/changes/todo')}\ntitle: Todo\nnew page, its interactive elements:\n+ textbox "New" [ref=e1]\n+ button "Add" [ref=e2]\n+ button "Many" [ref=e3]\n+ button "Later" [ref=e4]\n+ checkbox "Done" [ref=e5]\n+ link "Other page" [ref=e6]\n+ button "Save" [ref=e7]\n`,
  );
  await cli('fill', '@e1', 'Tea');
  const click = await cli('click', '@e2', '--changes');
  assert.is(click.stdout, '✓ Done\ntitle: Todo (1)\n+ button "Delete Tea" [ref=e8]\n');
  const json = await cli('check', '@e5', '--changes', '--json');
  assert.equal(json.json.data.changes, { appeared: [], changed: ['checkbox "Done" [ref=e5] [checked]'], gone: [] });
  const refused = await cli('get', 'title', '--changes');
  assert.is(refused.code, 1);
  assert.match(refused.stderr, '"title" does not change it');
  // Commands that send no page action of their own refuse the flag rather than drop it.
  for (const args of [
    ['daemon', 'status', '--changes'],
    ['batch', 'get title', '--changes'],
    ['--changes', 'close'],
  ]) {
    const ignored = await cli(...args);
    assert.is(ignored.code, 1, `${args.join(' ')}: ${ignored.stdout}`);
    assert.match(ignored.stderr, '--changes reports what one page action changed', args.join(' '));
  }
  assert.is((await cli('get', 'title')).stdout, 'Todo (1)\n', 'the refused close did not close the session');
  const plain = await cli('snapshot');
  assert.not.match(plain.stdout, '/url:');
  const urls = await cli('snapshot', '-u');
  assert.match(urls.stdout, '- link "Other page" [ref=e6]:\n');
  assert.match(urls.stdout, '- /url: /changes/other');
});

test.run();
