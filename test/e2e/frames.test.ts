/**
 * Frames (reference §2.6 `frame` / `mainframe`): after `frame`, every page action acts inside that
 * frame — snapshot, a click by a ref from that snapshot, fill, evaluate, get text, locators — and
 * `mainframe` goes back. Frames are found by selector (also a ref), name or url, and nest.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('frames');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '2000' } });

test.before(() => {
  fx.server.page(
    '/frames/main.html',
    `<!DOCTYPE html><title>Main</title><h1>Main heading</h1><p id="where">main</p>
<iframe id="child" name="kid" src="/frames/child.html"></iframe>
<iframe id="pay" src="/frames/pay.html?step=1"></iframe>`,
  );
  fx.server.page(
    '/frames/child.html',
    `<!DOCTYPE html><title>Child</title><p id="where">child</p>
<button onclick="document.querySelector('#count').textContent = 'Clicked ' + (++window.n)">Inner button</button>
<span id="count">Clicked 0</span><label>Name <input id="name"></label>
<iframe id="grand" name="grandkid" src="/frames/grand.html"></iframe>
<script>window.n = 0</script>`,
  );
  fx.server.page('/frames/grand.html', `<!DOCTYPE html><p id="where">grand</p><button onclick="this.textContent='Grand pressed'">Grand button</button>`);
  fx.server.page('/frames/pay.html', `<!DOCTYPE html><p id="where">pay</p>`);
});

async function open() {
  await ok(fx.daemon, { action: 'mainframe' });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/frames/main.html') });
}

const where = () => evaluate(fx.daemon, 'document.querySelector("#where").textContent');

test('frame {selector} → {switched:true}; snapshot, ref click, fill, evaluate and gettext act inside it', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'frame', selector: '#child' });
  assert.equal(data, { switched: true });

  const snap = await ok(fx.daemon, { action: 'snapshot' });
  assert.match(snap.snapshot, 'button "Inner button"');
  assert.not.match(snap.snapshot, 'Main heading');
  const ref = Object.entries(snap.refs as Record<string, { role: string; name: string }>).find(([, entry]) => entry.name === 'Inner button')![0];

  assert.equal(await ok(fx.daemon, { action: 'click', selector: `@${ref}` }), { clicked: true });
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#count' })).text, 'Clicked 1');

  await ok(fx.daemon, { action: 'fill', selector: '#name', value: 'Ada' });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#name").value'), 'Ada');
  assert.is(await evaluate(fx.daemon, 'location.pathname'), '/frames/child.html');
  assert.equal(await evaluate(fx.daemon, '[10n, document.body, new Date(NaN)]'), ['10', 'ref: <Node>', null], 'the same JSON as in a main frame');
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: '(id) => document.getElementById(id).tagName', args: ['name'] })).result, 'INPUT');
  assert.is(await where(), 'child');

  // Locators act in the frame too.
  assert.equal(await ok(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Inner button' }), { clicked: true });
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#count' })).text, 'Clicked 2');

  // The page's own state is untouched, and the ref from the frame's snapshot still works after mainframe.
  assert.equal(await ok(fx.daemon, { action: 'mainframe' }), { switched: true });
  assert.is(await where(), 'main');
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#name")'), null);
  await ok(fx.daemon, { action: 'click', selector: `@${ref}` });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#child").contentDocument.querySelector("#count").textContent'), 'Clicked 3');
});

test('frames nest: a selector is looked up inside the current frame', async () => {
  await open();
  await ok(fx.daemon, { action: 'frame', selector: '#child' });
  await ok(fx.daemon, { action: 'frame', selector: '#grand' });
  assert.is(await where(), 'grand');
  await ok(fx.daemon, { action: 'click', selector: 'text=Grand button' });
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: 'button' })).text, 'Grand pressed');
  const answer = await fails(fx.daemon, { action: 'frame', selector: '#pay' }, 'FRAME_NOT_FOUND');
  assert.ok(answer.error.startsWith('Frame not found: #pay.'), answer.error);
  assert.match(answer.error, "'frame main'");
});

test('frame {name} and {url} find frames at any depth', async () => {
  await open();
  await ok(fx.daemon, { action: 'frame', name: 'grandkid' });
  assert.is(await where(), 'grand');
  await ok(fx.daemon, { action: 'frame', name: 'kid' });
  assert.is(await where(), 'child');
  await ok(fx.daemon, { action: 'frame', url: fx.server.url('/frames/pay.html?step=1') });
  assert.is(await where(), 'pay');
  await ok(fx.daemon, { action: 'frame', url: '**/grand.html' });
  assert.is(await where(), 'grand');
  await ok(fx.daemon, { action: 'frame', url: 'child.html' });
  assert.is(await where(), 'child');
});

test('frame accepts Playwright selectors (xpath=, nth) for the <iframe>', async () => {
  await open();
  await ok(fx.daemon, { action: 'frame', selector: 'xpath=//iframe[@name="kid"]' });
  assert.is(await where(), 'child');
  await ok(fx.daemon, { action: 'mainframe' });
  await ok(fx.daemon, { action: 'frame', selector: 'iframe >> nth=1' });
  assert.is(await where(), 'pay');
});

test('frame with a ref: a ref that is unknown fails fast with UNKNOWN_REF', async () => {
  await open();
  await ok(fx.daemon, { action: 'snapshot' });
  const answer = await fails(fx.daemon, { action: 'frame', selector: '@e99' }, 'UNKNOWN_REF');
  assert.match(answer.error, 'e99');
  assert.is(await where(), 'main');
});

test('frame errors: not found, not a frame, unknown name / url, nothing given', async () => {
  await open();
  const missing = await fails(fx.daemon, { action: 'frame', selector: '#nope' }, 'FRAME_NOT_FOUND');
  assert.ok(missing.error.startsWith('Frame not found: #nope.'), missing.error);
  assert.match(missing.error, 'name "kid"');
  const notFrame = await fails(fx.daemon, { action: 'frame', selector: 'h1' }, 'FRAME_NOT_FOUND');
  assert.ok(notFrame.error.startsWith('Element is not a frame: h1 (it is a <h1>)'), notFrame.error);
  const name = await fails(fx.daemon, { action: 'frame', name: 'ghost' }, 'FRAME_NOT_FOUND');
  assert.ok(name.error.startsWith('Frame not found with name: ghost.'), name.error);
  const url = await fails(fx.daemon, { action: 'frame', url: '/nowhere.html' }, 'FRAME_NOT_FOUND');
  assert.ok(url.error.startsWith('Frame not found with URL: /nowhere.html.'), url.error);
  await fails(fx.daemon, { action: 'frame' }, 'INVALID_PARAMS');
  assert.is(await where(), 'main', 'failed frame calls leave the main frame active');
});

test('a removed frame is reported once, then actions use the main frame; navigation resets quietly', async () => {
  await open();
  await ok(fx.daemon, { action: 'frame', selector: '#child' });
  await evaluate(fx.daemon, 'setTimeout(() => window.frameElement.remove(), 0); 1');
  let answer: Record<string, any> = {};
  // Polls until the removal shows; an evaluate that was running while the frame went away may fail
  // on its own (the frame's context died under it), and the one after it reports the removal.
  for (let i = 0; i < 40; i++) {
    answer = await fx.daemon.request({ id: 'r', action: 'evaluate', script: 'document.querySelector("#where").textContent' });
    if (!answer.success && answer.code === 'FRAME_NOT_FOUND') break;
    if (answer.success) assert.is(answer.data.result, 'child');
  }
  assert.is(answer.success, false, JSON.stringify(answer));
  assert.is(answer.code, 'FRAME_NOT_FOUND');
  assert.match(answer.error, 'was removed from the page');
  assert.is(await where(), 'main');

  await ok(fx.daemon, { action: 'frame', selector: '#pay' });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/frames/main.html') });
  assert.is(await where(), 'main', 'a new document puts actions back on the main frame without an error');
});

test('frames are per tab: another tab starts in its main frame', async () => {
  await open();
  await ok(fx.daemon, { action: 'frame', selector: '#child' });
  await ok(fx.daemon, { action: 'tab_new', url: fx.server.url('/frames/main.html') });
  assert.is(await where(), 'main');
  await ok(fx.daemon, { action: 'tab_switch', index: 0 });
  assert.is(await where(), 'child');
  await ok(fx.daemon, { action: 'tab_close', index: 1 });
});

test('CLI: frame <selector>, frame --name, frame main', async () => {
  await open();
  const cli = async (...args: string[]) => {
    const result = await runCli(args, { env: fx.daemon.env });
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trimEnd();
  };
  assert.is(await cli('frame', '#child'), '✓ Done');
  assert.is(await cli('eval', 'document.querySelector("#where").textContent'), '"child"');
  assert.is(await cli('frame', 'main'), '✓ Done');
  assert.is(await where(), 'main');
  await cli('frame', '--name', 'grandkid');
  assert.is(await where(), 'grand');
  const json = await runCli(['frame', 'main', '--json'], { env: fx.daemon.env });
  keys(json.json.data, ['switched']);
  const bad = await runCli(['frame', '#nope'], { env: fx.daemon.env });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'Frame not found: #nope.');
});

test.run();
