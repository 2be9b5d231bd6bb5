/**
 * Scripting: evaluate (JSON values, the page's origin), evalhandle (JSON, or a handle's placeholder), and script injection (§2.10): addinitscript,
 * addscript, addstyle, expose — each visibly changes the page; init scripts and exposed functions
 * survive navigation and a recreated context. CLI: `inject script|style|init|expose`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('scripting');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/scripts-page.html';
const ACTIONS = '/e2e/actions.html';

async function open() {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(PAGE) });
}

async function openActions() {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(ACTIONS) });
}

const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

test('evaluate → {result, origin} with JSON values', async () => {
  await openActions();
  const data = await ok(fx.daemon, { action: 'evaluate', script: '1 + 2' });
  keys(data, ['result', 'origin']);
  assert.is(data.result, 3);
  assert.is(data.origin, fx.server.url(ACTIONS));
  assert.is(await evaluate(fx.daemon, 'document.title'), 'Actions');
  assert.equal(await evaluate(fx.daemon, '({ a: 1, b: [true, null, "x"], c: { d: 2.5 } })'), { a: 1, b: [true, null, 'x'], c: { d: 2.5 } });
  assert.equal(await evaluate(fx.daemon, "[...document.querySelectorAll('li.item')].map(li => li.textContent)"), ['One', 'Two', 'Three']);
  assert.is(await evaluate(fx.daemon, 'null'), null);
  assert.is(await evaluate(fx.daemon, 'undefined'), null);
  assert.is(await evaluate(fx.daemon, 'false'), false);
  assert.is(await evaluate(fx.daemon, 'Promise.resolve("async value")'), 'async value');
});

test('evaluate: values JSON has no form for are answered, never dropped or left unanswered', async () => {
  await openActions();
  const cases: Array<[string, unknown]> = [
    ['10n ** 20n', '100000000000000000000'],
    ['(() => { const loop = { n: 1 }; loop.self = loop; return loop; })()', { n: 1, self: '[Circular]' }],
    ['(() => { const shared = { n: 1 }; return [shared, shared]; })()', [{ n: 1 }, { n: 1 }]],
    ['new Date(NaN)', null],
    ['new Date(0)', '1970-01-01T00:00:00.000Z'],
    ["new TypeError('bad')", { name: 'TypeError', message: 'bad' }],
    ['[document.body, document, window]', ['ref: <Node>', 'ref: <Document>', 'ref: <Window>']],
    ['[NaN, -0, Infinity, undefined, () => 1]', [null, 0, null, null, null]],
    ["({ kept: 1, gone: undefined, fn() {}, get broken() { throw new Error('no') } })", { kept: 1 }],
    ['() => 42', null],
    ['const doubled = 21 * 2; doubled', 42],
    ['this === window', true],
    ["({ a: 1, toJSON() { return 'as JSON' } })", 'as JSON'],
    ["[new Number(5), new String('s'), new Boolean(false)]", [5, 's', false]],
    ['(() => { Array.from = () => []; return [1, [2, { three: [3] }]]; })()', [1, [2, { three: [3] }]]],
  ];
  for (const [script, expected] of cases) assert.equal(await evaluate(fx.daemon, script), expected, script);
  const tooDeep = await fails(
    fx.daemon,
    { action: 'evaluate', script: '(() => { let o = {}; for (let i = 0; i < 50000; i++) o = { o }; return o; })()' },
    'EVALUATION_FAILED',
  );
  assert.match(tooDeep.error, 'The script ran, but its value could not be written as JSON (RangeError: Maximum call stack size exceeded)');
});

test('evaluate with args calls the script as a function; args with a non-function are refused, not dropped', async () => {
  await openActions();
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: '(a, b) => a + b', args: [2, 3] })).result, 5);
  assert.equal((await ok(fx.daemon, { action: 'evaluate', script: 'async function (o) { return o.list.length }', args: [{ list: [1, 2] }] })).result, 2);
  const refused = await fails(fx.daemon, { action: 'evaluate', script: 'window.calls = (window.calls ?? 0) + 1', args: [1] }, 'INVALID_PARAMS');
  assert.match(refused.error, `"args" are passed to a function, but the script's value is of type number`);
  assert.is((await ok(fx.daemon, { action: 'evaluate', script: '1 + 1', args: [] })).result, 2, 'empty args are no args');
});

test('evaluate: eval inside the script works on a page whose CSP forbids it; a throw names what was thrown', async () => {
  fx.server.page('/e2e/csp', { body: '<title>CSP</title><p>strict</p>', headers: { 'content-security-policy': "script-src 'none'" } });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/csp') });
  assert.is(await evaluate(fx.daemon, "eval('6 * 7')"), 42);
  const thrown = await fails(fx.daemon, { action: 'evaluate', script: "Promise.reject('plain reason')" }, 'EVALUATION_FAILED');
  assert.is(thrown.error, 'The script threw: plain reason');
});

test('addscript → {added:true}: inline content runs in the page', async () => {
  await open();
  assert.equal(
    await ok(fx.daemon, { action: 'addscript', content: "window.injected = 'inline'; document.getElementById('target').textContent = 'Changed by script';" }),
    { added: true },
  );
  assert.is(await evaluate(fx.daemon, 'window.injected'), 'inline');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#target' })).text, 'Changed by script');
});

test('addscript {url} loads the script; neither content nor url is an INVALID_PARAMS error', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'addscript', url: fx.server.url('/e2e/scripts-extra.js') }), { added: true });
  assert.is(await evaluate(fx.daemon, 'window.loadedFromUrl'), 'yes');
  assert.is(await evaluate(fx.daemon, "document.getElementById('target').dataset.loaded"), 'by-url');
  const answer = await fails(fx.daemon, { action: 'addscript' }, 'INVALID_PARAMS');
  assert.match(answer.error, /content.*url/);
  await fails(fx.daemon, { action: 'addscript', url: fx.server.url('/e2e/no-such-file.js') }, 'EVALUATION_FAILED');
});

test('addstyle → {added:true}: inline CSS and a stylesheet URL change computed styles', async () => {
  await open();
  const color = () => evaluate(fx.daemon, "getComputedStyle(document.getElementById('target')).color");
  assert.is(await color(), 'rgb(0, 0, 0)');
  assert.equal(await ok(fx.daemon, { action: 'addstyle', content: '#target { color: rgb(0, 128, 0); }' }), { added: true });
  assert.is(await color(), 'rgb(0, 128, 0)');
  assert.equal(await ok(fx.daemon, { action: 'addstyle', url: fx.server.url('/e2e/scripts-extra.css') }), { added: true });
  assert.is(await evaluate(fx.daemon, "getComputedStyle(document.getElementById('target')).letterSpacing"), '7px');
  await fails(fx.daemon, { action: 'addstyle' }, 'INVALID_PARAMS');
});

test('addinitscript → {added:true}: runs before the page’s own scripts on later navigations', async () => {
  await open();
  assert.is(await evaluate(fx.daemon, 'window.sawInit'), 'no');
  assert.equal(await ok(fx.daemon, { action: 'addinitscript', script: "window.initMarker = 'from-init'" }), { added: true });
  // Not retroactive: the current document is unchanged until the next navigation.
  assert.is(await evaluate(fx.daemon, 'typeof window.initMarker'), 'undefined');
  await open();
  assert.is(await evaluate(fx.daemon, 'window.initMarker'), 'from-init');
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#seen' })).text, 'init: from-init', 'the page’s inline script saw the marker');
});

test('expose → {exposed}: window[name](...) resolves to "Function <name> called"; exposing again reports the calls', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'expose', name: 'notifyAgent' }), { exposed: 'notifyAgent' });
  assert.is(await evaluate(fx.daemon, "window.notifyAgent('done', 3)"), 'Function notifyAgent called');
  await open();
  assert.is(await evaluate(fx.daemon, "window.notifyAgent('again')"), 'Function notifyAgent called', 'still there after a navigation');
  const report = await ok(fx.daemon, { action: 'expose', name: 'notifyAgent' });
  assert.equal(report, { exposed: 'notifyAgent', calls: 2, lastArgs: ['again'] });
  await fails(fx.daemon, { action: 'expose', name: 'not a name' }, 'INVALID_PARAMS');
});

test('init scripts and exposed functions are re-applied when the context is recreated (record start)', async () => {
  await open();
  const video = path.join(fx.daemon.socketDir, 'recreate.webm');
  await ok(fx.daemon, { action: 'recording_start', path: video });
  try {
    await open();
    assert.is(await evaluate(fx.daemon, 'window.initMarker'), 'from-init');
    assert.is(await evaluate(fx.daemon, "window.notifyAgent('in new context')"), 'Function notifyAgent called');
  } finally {
    await ok(fx.daemon, { action: 'recording_stop' });
  }
  assert.ok(fs.existsSync(video));
  const report = await ok(fx.daemon, { action: 'expose', name: 'notifyAgent' });
  assert.is(report.calls, 3);
});

test('CLI: inject script / style / init / expose', async () => {
  await open();
  const script = await cli('inject', 'script', "document.getElementById('target').textContent", '=', "'from CLI'");
  assert.is(script.code, 0, script.stderr);
  assert.is((await ok(fx.daemon, { action: 'gettext', selector: '#target' })).text, 'from CLI');

  const file = path.join(fx.daemon.socketDir, 'style.css');
  fs.writeFileSync(file, '#target { text-transform: uppercase; }');
  const style = await cli('inject', 'style', '--file', file);
  assert.is(style.code, 0, style.stderr);
  assert.is(await evaluate(fx.daemon, "getComputedStyle(document.getElementById('target')).textTransform"), 'uppercase');

  const byUrl = await cli('inject', 'script', '--url', fx.server.url('/e2e/scripts-extra.js'));
  assert.is(byUrl.code, 0, byUrl.stderr);
  assert.is(await evaluate(fx.daemon, "document.getElementById('target').dataset.loaded"), 'by-url');

  const empty = await cli('inject', 'style');
  assert.is(empty.code, 1);
  assert.match(empty.stderr, /Missing argument/);

  const init = await cli('inject', 'init', "window.cliInit = 'yes'");
  assert.is(init.code, 0, init.stderr);
  await open();
  assert.is(await evaluate(fx.daemon, 'window.cliInit'), 'yes');

  const expose = await cli('inject', 'expose', 'cliHook');
  assert.is(expose.code, 0, expose.stderr);
  assert.match(expose.stdout, /"exposed": "cliHook"/);
  assert.is(await evaluate(fx.daemon, 'window.cliHook(1)'), 'Function cliHook called');
  const again = await cli('inject', 'expose', 'cliHook', '--json');
  assert.equal(again.json.data, { exposed: 'cliHook', calls: 1, lastArgs: [1] });
});

test('evalhandle → {result}: JSON values, and "Handle (non-serializable)" for elements, functions, window', async () => {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/e2e/reading-page.html') });
  assert.equal(await ok(fx.daemon, { action: 'evalhandle', script: '({ a: 1, b: [2, "x"], c: null })' }), { result: { a: 1, b: [2, 'x'], c: null } });
  assert.equal(await ok(fx.daemon, { action: 'evalhandle', script: '6 * 7' }), { result: 42 });
  assert.equal(await ok(fx.daemon, { action: 'evalhandle', script: 'document.title' }), { result: 'Reading' });
  for (const script of ['document.body', 'window', '() => 1']) {
    assert.equal(await ok(fx.daemon, { action: 'evalhandle', script }), { result: 'Handle (non-serializable)' }, script);
  }
  const answer = await fails(fx.daemon, { action: 'evalhandle', script: 'nope.nothing' }, 'EVALUATION_FAILED');
  assert.match(answer.error, /nope is not defined/);
});

test.run();
