/**
 * Reading actions (§2.4) against real pages. The first generation (gettext, innerhtml, getattribute,
 * inputvalue, count, isvisible, isenabled) once each on the actions page: the response carries the
 * reference's `data` keys (with 0.19's `origin` where 0.19 has it). Then innertext, boundingbox and
 * styles — on the wire and through the CLI (`get innertext|box|styles`; the same CLI test also runs
 * `set content` and `evalhandle`, whose wire tests are in navigation and scripting).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('reading');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '3000' } });

const PAGE = '/e2e/reading-page.html';
const ACTIONS = '/e2e/actions.html';

async function open(pathname = PAGE) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

/** The ref of the first snapshot line matching `pattern`. */
async function refOf(pattern: RegExp): Promise<string> {
  const { snapshot } = await ok(fx.daemon, { action: 'snapshot' });
  const line = (snapshot as string).split('\n').find((l) => pattern.test(l));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  assert.ok(ref, `no ref for ${pattern} in:\n${snapshot}`);
  return `@${ref}`;
}

const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

test('gettext → {text, origin}; innerhtml → {html, origin}', async () => {
  await open(ACTIONS);
  const got = await ok(fx.daemon, { action: 'gettext', selector: '#heading' });
  keys(got, ['text', 'origin']);
  assert.equal(got, { text: 'Actions page', origin: fx.server.url(ACTIONS) });
  const html = await ok(fx.daemon, { action: 'innerhtml', selector: '#rich' });
  keys(html, ['html', 'origin']);
  assert.is(html.html, '<b>bold</b> and <i>italic</i>');
});

test('getattribute → {attribute, value, origin}; value null when absent', async () => {
  await open(ACTIONS);
  const data = await ok(fx.daemon, { action: 'getattribute', selector: '#heading', attribute: 'data-kind' });
  keys(data, ['attribute', 'value', 'origin']);
  assert.is(data.attribute, 'data-kind');
  assert.is(data.value, 'title');
  const missing = await ok(fx.daemon, { action: 'getattribute', selector: '#heading', attribute: 'data-none' });
  assert.is(missing.value, null);
});

test('inputvalue → {value, origin}: the live value, not the attribute', async () => {
  await open(ACTIONS);
  const before = await ok(fx.daemon, { action: 'inputvalue', selector: '#bio' });
  keys(before, ['value', 'origin']);
  assert.is(before.value, 'Hello');
  await evaluate(fx.daemon, "document.getElementById('bio').value = 'Changed by script'");
  assert.is((await ok(fx.daemon, { action: 'inputvalue', selector: '#bio' })).value, 'Changed by script');
});

test('count → {count}; isvisible / isenabled → {visible} / {enabled}', async () => {
  await open(ACTIONS);
  assert.equal(await ok(fx.daemon, { action: 'count', selector: 'li.item' }), { count: 3 });
  assert.equal(await ok(fx.daemon, { action: 'count', selector: '.nothing-matches' }), { count: 0 });
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '#counter' }), { visible: true });
  assert.equal(await ok(fx.daemon, { action: 'isvisible', selector: '#hidden-button' }), { visible: false });
  assert.equal(await ok(fx.daemon, { action: 'isenabled', selector: '#counter' }), { enabled: true });
  assert.equal(await ok(fx.daemon, { action: 'isenabled', selector: '#disabled' }), { enabled: false });
});

test('innertext → {text}: rendered text only (hidden parts left out), refs accepted', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'innertext', selector: '#para' });
  assert.equal(data, { text: 'Visible words' });
  // textContent still has the hidden words, so innertext really reads the rendering.
  assert.is(await evaluate(fx.daemon, "document.getElementById('para').textContent"), 'Visible words secret words');
  const ref = await refOf(/button "Press me"/);
  assert.equal(await ok(fx.daemon, { action: 'innertext', selector: ref }), { text: 'Press me' });
});

test('boundingbox → {box} with the element’s position and size; refs accepted', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'boundingbox', selector: '#panel' });
  keys(data, ['box']);
  assert.equal(data.box, { x: 40, y: 30, width: 200, height: 120 });
  const ref = await refOf(/button "Press me"/);
  const viaRef = await ok(fx.daemon, { action: 'boundingbox', selector: ref });
  const expected = await evaluate(
    fx.daemon,
    "(() => { const r = document.getElementById('btn').getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()",
  );
  assert.equal(viaRef.box, expected);
  assert.equal(await ok(fx.daemon, { action: 'boundingbox', selector: '.hidden' }), { box: null }, 'an element that is not rendered has no box');
});

test('boundingbox of a missing element fails with advice within the action timeout', async () => {
  await open();
  const started = Date.now();
  const answer = await fails(fx.daemon, { action: 'boundingbox', selector: '#nope' }, 'ELEMENT_NOT_FOUND');
  assert.match(answer.error, /"#nope" not found.*snapshot/);
  assert.ok(Date.now() - started < 20_000, 'failed within the configured 3 s timeout, not the reference’s 60 s');
});

test('styles → {elements}: every CSS match, or one element for a ref, with computed styles', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'styles', selector: '.chip' });
  keys(data, ['elements']);
  assert.is(data.elements.length, 2);
  const [first, second] = data.elements;
  keys(first, ['tag', 'text', 'box', 'styles']);
  assert.is(first.tag, 'span');
  assert.is(first.text, 'First chip');
  assert.is(second.text, 'Second chip');
  keys(first.box, ['x', 'y', 'width', 'height']);
  keys(first.styles, ['fontSize', 'fontWeight', 'fontFamily', 'color', 'backgroundColor', 'borderRadius', 'border', 'boxShadow', 'padding']);
  assert.is(first.styles.color, 'rgb(255, 0, 0)');
  assert.is(first.styles.backgroundColor, 'rgb(0, 0, 255)');
  assert.is(first.styles.fontSize, '18px');
  assert.is(first.styles.fontWeight, '700');
  assert.is(first.styles.padding, '4px 6px');
  assert.is(first.styles.borderRadius, '5px');
  assert.is(first.styles.border, '2px solid rgb(0, 128, 0)');
  assert.is(first.styles.boxShadow, 'rgb(0, 0, 0) 1px 1px 2px 0px');

  const plain = await ok(fx.daemon, { action: 'styles', selector: '#plain' });
  assert.is(plain.elements[0].styles.border, null);
  assert.is(plain.elements[0].styles.boxShadow, null);

  const ref = await refOf(/button "Press me"/);
  const viaRef = await ok(fx.daemon, { action: 'styles', selector: ref });
  assert.is(viaRef.elements.length, 1);
  assert.is(viaRef.elements[0].tag, 'button');
  assert.is(viaRef.elements[0].text, 'Press me');

  await fails(fx.daemon, { action: 'styles', selector: '.missing' }, 'ELEMENT_NOT_FOUND');
});

test('styles boxes are whole pixels, as the agent-browser CLIs read them (8.5 px answers 9)', async () => {
  await open();
  await evaluate(fx.daemon, "Object.assign(document.getElementById('plain').style, { position: 'absolute', left: '8.5px', top: '20.25px', width: '100.4px' })");
  const exact = await evaluate(
    fx.daemon,
    "(() => { const r = document.getElementById('plain').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()",
  );
  assert.ok(
    exact.some((value: number) => !Number.isInteger(value)),
    `the page has a fractional box: ${exact}`,
  );
  const { box } = (await ok(fx.daemon, { action: 'styles', selector: '#plain' })).elements[0];
  assert.equal([box.x, box.y, box.width, box.height], exact.map(Math.round));
});

test('CLI: get innertext / box / styles, set content, evalhandle', async () => {
  await open();
  const inner = await cli('get', 'innertext', '#para');
  assert.is(inner.code, 0, inner.stderr);
  assert.is(inner.stdout, 'Visible words\n');

  const box = await cli('get', 'box', '#panel', '--json');
  assert.is(box.code, 0, box.stderr);
  assert.equal(box.json.data, { box: { x: 40, y: 30, width: 200, height: 120 } });
  const boxText = await cli('get', 'box', '#panel');
  assert.equal(JSON.parse(boxText.stdout), { x: 40, y: 30, width: 200, height: 120 });

  const styles = await cli('get', 'styles', '.chip');
  assert.is(styles.code, 0, styles.stderr);
  assert.match(styles.stdout, /span "First chip"/);
  assert.match(styles.stdout, /color: rgb\(255, 0, 0\)/);
  assert.match(styles.stdout, /span "Second chip"/);

  const missing = await cli('get', 'box', '#nope');
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /✗ Element "#nope" not found/);

  const set = await cli('set', 'content', '<p id="cli">Set', 'from', 'the', 'CLI</p>');
  assert.is(set.code, 0, set.stderr);
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#cli' })).text, 'Set from the CLI');

  const handle = await cli('evalhandle', 'document.body');
  assert.is(handle.code, 0, handle.stderr);
  assert.is(handle.stdout, '"Handle (non-serializable)"\n');
  const value = await cli('evalhandle', '--json', '({ n: 1 })');
  assert.equal(value.json.data, { result: { n: 1 } });
});

test.run();
