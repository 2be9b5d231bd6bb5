/**
 * click and fill as an agent sees them: refs that keep naming their element while the page
 * changes around it, and the waits and failures Playwright's actions give (navigation after a
 * click, moving and disabled elements, read-only fields) whether or not the daemon could take its
 * quick path.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('click and fill');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '2000' } });

const PAGE = `<!doctype html><title>Quick</title>
<main id="main">
  <h1>Quick</h1>
  <button type="button" id="save" onclick="log('save')">Save</button>
  <button type="button" id="other" onclick="log('other')">Other</button>
  <button type="button" id="off" disabled onclick="log('off')">Off</button>
  <label>Name <input id="name" value="old"></label>
  <label>Fixed <input id="fixed" value="fixed" readonly></label>
  <a id="next" href="/quick/next">Next page</a>
  <a id="empty" href="/quick/no-content">No content</a>
</main>
<p id="log"></p>
<script>
  window.log = (what) => { document.getElementById('log').textContent += what + ';'; };
  document.getElementById('name').addEventListener('input', () => log('input'));
  document.getElementById('save').addEventListener('dblclick', () => log('dblclick'));
  document.getElementById('save').addEventListener('contextmenu', (event) => { event.preventDefault(); log('contextmenu'); });
</script>`;

const MOVING = `<!doctype html><title>Moving</title>
<style>#go { position: absolute; left: 0; top: 40px; transition: left 700ms linear; }</style>
<button type="button" id="go" onclick="document.getElementById('log').textContent = 'clicked at ' + Math.round(this.getBoundingClientRect().left)">Go</button>
<p id="log" style="margin-top: 120px"></p>
<script>requestAnimationFrame(() => requestAnimationFrame(() => { document.getElementById('go').style.left = '400px'; }));</script>`;

const log = () => evaluate(fx.daemon, "document.getElementById('log').textContent");

async function open(): Promise<Record<string, { role: string; name: string }>> {
  fx.server.page('/quick', PAGE);
  fx.server.page('/quick/next', '<!doctype html><title>Next</title><h1>Next</h1>');
  fx.server.page('/quick/no-content', { body: '', status: 204 });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/quick') });
  return (await ok(fx.daemon, { action: 'snapshot', interactive: true })).refs;
}

function refOf(refs: Record<string, { role: string; name: string }>, role: string, name: string): string {
  const ref = Object.keys(refs).find((key) => refs[key]!.role === role && refs[key]!.name === name);
  assert.ok(ref, `a ref for ${role} "${name}"`);
  return `@${ref}`;
}

test('a ref still clicks the element it named after the page inserted content above it', async () => {
  const refs = await open();
  await evaluate(
    fx.daemon,
    `(() => {
    const main = document.getElementById('main');
    const banner = document.createElement('div');
    banner.innerHTML = '<p>A new banner</p><button type="button" onclick="log(\\'banner\\')">Dismiss</button>';
    banner.style.height = '300px';
    main.prepend(banner);
  })()`,
  );
  await ok(fx.daemon, { action: 'click', selector: refOf(refs, 'button', 'Save') });
  await ok(fx.daemon, { action: 'click', selector: refOf(refs, 'button', 'Other') });
  assert.is(await log(), 'save;other;');
});

test('a ref to an element removed since the snapshot → STALE_REF naming the ref and what it was, nothing else clicked', async () => {
  const refs = await open();
  const save = refOf(refs, 'button', 'Save');
  await evaluate(fx.daemon, "document.getElementById('save').remove()");
  const answer = await fails(fx.daemon, { action: 'click', selector: save }, 'STALE_REF');
  assert.ok(answer.error.includes(`@${save.replace(/^@/, '')} was button "Save"; it is no longer on the page`), answer.error);
  assert.is(await log(), '');
});

test('click options: clickCount 2 double-clicks, button right opens the context menu', async () => {
  const refs = await open();
  const save = refOf(refs, 'button', 'Save');
  await ok(fx.daemon, { action: 'click', selector: save, clickCount: 2 });
  assert.is(await log(), 'save;save;dblclick;');
  await ok(fx.daemon, { action: 'click', selector: save, button: 'right' });
  assert.is(await log(), 'save;save;dblclick;contextmenu;');
});

test('clicking a link answers once the new page is there: the next command reads it, old refs are stale', async () => {
  const refs = await open();
  const save = refOf(refs, 'button', 'Save');
  await ok(fx.daemon, { action: 'click', selector: refOf(refs, 'link', 'Next page') });
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url('/quick/next'));
  assert.is((await ok(fx.daemon, { action: 'title' })).title, 'Next');
  await fails(fx.daemon, { action: 'click', selector: save }, 'STALE_REF');
});

test('a link whose response has no content: the click answers, the page stays', async () => {
  const refs = await open();
  await ok(fx.daemon, { action: 'click', selector: refOf(refs, 'link', 'No content') });
  await ok(fx.daemon, { action: 'click', selector: refOf(refs, 'button', 'Save') });
  assert.is(await log(), 'save;');
});

test('an element that is still moving is clicked once it stands still', async () => {
  fx.server.page('/quick/moving', MOVING);
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/quick/moving') });
  await ok(fx.daemon, { action: 'click', selector: '#go', timeout: 5000 });
  assert.is(await log(), 'clicked at 400');
});

test('a disabled button → ELEMENT_DISABLED, not clicked', async () => {
  const refs = await open();
  await fails(fx.daemon, { action: 'click', selector: refOf(refs, 'button', 'Off') }, 'ELEMENT_DISABLED');
  assert.is(await log(), '');
});

test('fill replaces the value the way typing does (one input event); an empty value clears it', async () => {
  const refs = await open();
  const name = refOf(refs, 'textbox', 'Name');
  await ok(fx.daemon, { action: 'fill', selector: name, value: 'Ada Lovelace' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('name').value"), 'Ada Lovelace');
  assert.is(await log(), 'input;');
  assert.is(await evaluate(fx.daemon, 'document.activeElement.id'), 'name');
  await ok(fx.daemon, { action: 'fill', selector: name, value: '' });
  assert.is(await evaluate(fx.daemon, "document.getElementById('name').value"), '');
});

test('fill on a read-only field → ELEMENT_NOT_EDITABLE, value kept', async () => {
  const refs = await open();
  await fails(fx.daemon, { action: 'fill', selector: refOf(refs, 'textbox', 'Fixed'), value: 'changed' }, 'ELEMENT_NOT_EDITABLE');
  assert.is(await evaluate(fx.daemon, "document.getElementById('fixed').value"), 'fixed');
});

test.run();
