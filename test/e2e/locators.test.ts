/**
 * Semantic locators (reference §2.3): getbyrole / getbytext / getbylabel / getbyplaceholder /
 * getbyalttext / getbytitle / getbytestid / nth find an element and run a sub-action on it
 * (click, fill, check, hover, text); `exact` is honoured everywhere, `name: null` is accepted, and
 * failures come back as advice with a code. The `find` CLI parses its flags as flags.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { evaluate, fails, ok, useFixture } from '../helpers/e2e.js';

const test = suite('locators');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '1500' } });

const PAGE = `<!DOCTYPE html><title>Locators</title>
<p id="log">none</p>
<button onclick="log('Save')">Save</button>
<button onclick="log('Save draft')">Save draft</button>
<button onclick="log('Submit')">Submit order</button>
<label>Email <input id="email"></label>
<label>Email backup <input id="email2"></label>
<label><input type="checkbox" id="terms"> Accept terms</label>
<input id="search" placeholder="Search products">
<img alt="Company logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20" onclick="log('logo')">
<span title="Close dialog" onclick="log('close')">×</span>
<div data-testid="card" onmouseover="log('hovered card')">A card</div>
<input data-testid="qty" id="qty">
<ul><li class="item" onclick="log('first')">First</li><li class="item" onclick="log('second')">Second</li><li class="item" onclick="log('third')">Third</li></ul>
<p>Welcome back, <b>Ada</b></p>
<script>function log(text) { document.querySelector('#log').textContent = text; }</script>`;

test.before(() => fx.server.page('/locators.html', PAGE));

async function open() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/locators.html') });
}

const logged = async () => (await ok(fx.daemon, { action: 'gettext', selector: '#log' })).text;
const value = (selector: string) => evaluate(fx.daemon, `document.querySelector(${JSON.stringify(selector)}).value`);

test('getbyrole clicks by role and name; name: null is accepted; subaction defaults to click', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Submit', subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'Submit');
  await ok(fx.daemon, { action: 'getbyrole', role: 'checkbox', name: null, subaction: 'check' });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#terms").checked'), true);
  await ok(fx.daemon, { action: 'getbyrole', role: 'img', name: 'logo' });
  assert.is(await logged(), 'logo');
});

test('getbyrole: a substring name matching two buttons is AMBIGUOUS_SELECTOR with advice; exact picks one', async () => {
  await open();
  const answer = await fails(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Save', subaction: 'click' }, 'AMBIGUOUS_SELECTOR');
  assert.is(answer.error.split('. ')[0], "getByRole('button', { name: 'Save' }) matched 2 elements");
  assert.match(answer.error, 'exact: true (CLI --exact)');
  assert.equal(await ok(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Save', exact: true, subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'Save');
});

test('getbyrole: fill, hover and text sub-actions; unknown role and missing element are explained', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'getbyrole', role: 'textbox', name: 'Email', exact: true, subaction: 'fill', value: 'a@b.c' }), { filled: true });
  assert.is(await value('#email'), 'a@b.c');
  assert.is(await value('#email2'), '');
  assert.equal(await ok(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Submit order', subaction: 'text' }), { text: 'Submit order' });
  const role = await fails(fx.daemon, { action: 'getbyrole', role: 'buton', subaction: 'click' }, 'INVALID_PARAMS');
  assert.match(role.error, 'Unknown ARIA role "buton". Did you mean "button"');
  const missing = await fails(fx.daemon, { action: 'getbyrole', role: 'button', name: 'Nope', subaction: 'click' }, 'ELEMENT_NOT_FOUND');
  assert.ok(missing.error.startsWith("No element matches getByRole('button', { name: 'Nope' })"), missing.error);
});

test('getbytext: click, text sub-action, exact', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'getbytext', text: 'Second', subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'second');
  assert.equal(await ok(fx.daemon, { action: 'getbytext', text: 'welcome back', subaction: 'text' }), { text: 'Welcome back, Ada' });
  await fails(fx.daemon, { action: 'getbytext', text: 'welcome back', exact: true, subaction: 'text' }, 'ELEMENT_NOT_FOUND');
});

test('getbylabel: fill, check, exact; fill of a non-field is ELEMENT_NOT_EDITABLE', async () => {
  await open();
  await fails(fx.daemon, { action: 'getbylabel', label: 'Email', subaction: 'fill', value: 'x' }, 'AMBIGUOUS_SELECTOR');
  assert.equal(await ok(fx.daemon, { action: 'getbylabel', label: 'Email', exact: true, subaction: 'fill', value: 'me@example.com' }), { filled: true });
  assert.is(await value('#email'), 'me@example.com');
  assert.equal(await ok(fx.daemon, { action: 'getbylabel', label: 'Accept terms', subaction: 'check' }), { checked: true });
  assert.is(await evaluate(fx.daemon, 'document.querySelector("#terms").checked'), true);
  const notField = await fails(fx.daemon, { action: 'getbytext', text: 'Welcome back', subaction: 'fill', value: 'x' }, 'ELEMENT_NOT_EDITABLE');
  assert.match(notField.error, 'is not a text field');
});

test('getbyplaceholder / getbyalttext / getbytitle / getbytestid', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'getbyplaceholder', placeholder: 'search', subaction: 'fill', value: 'shoes' }), { filled: true });
  assert.is(await value('#search'), 'shoes');
  await fails(fx.daemon, { action: 'getbyplaceholder', placeholder: 'search', exact: true, subaction: 'fill', value: 'x' }, 'ELEMENT_NOT_FOUND');
  assert.equal(await ok(fx.daemon, { action: 'getbyalttext', text: 'Company logo', exact: true, subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'logo');
  assert.equal(await ok(fx.daemon, { action: 'getbytitle', text: 'close', subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'close');
  assert.equal(await ok(fx.daemon, { action: 'getbytestid', testId: 'card', subaction: 'hover' }), { hovered: true });
  assert.is(await logged(), 'hovered card');
  assert.equal(await ok(fx.daemon, { action: 'getbytestid', testId: 'qty', subaction: 'fill', value: '3' }), { filled: true });
  assert.is(await value('#qty'), '3');
});

test('nth: index, -1 (last), negative from the end, text sub-action, refs, out of range', async () => {
  await open();
  assert.equal(await ok(fx.daemon, { action: 'nth', selector: 'li.item', index: 1, subaction: 'click' }), { clicked: true });
  assert.is(await logged(), 'second');
  assert.equal(await ok(fx.daemon, { action: 'nth', selector: 'li.item', index: -1, subaction: 'text' }), { text: 'Third' });
  assert.equal(await ok(fx.daemon, { action: 'nth', selector: 'li.item', index: -3, subaction: 'text' }), { text: 'First' });
  const far = await fails(fx.daemon, { action: 'nth', selector: 'li.item', index: -4, subaction: 'text' }, 'ELEMENT_NOT_FOUND');
  assert.match(far.error, 'matched 3 elements');
  const beyond = await fails(fx.daemon, { action: 'nth', selector: 'li.item', index: 5, subaction: 'click' }, 'ELEMENT_NOT_FOUND');
  assert.match(beyond.error, 'matched only 3 elements, so index 5 does not exist');
  const snap = await ok(fx.daemon, { action: 'snapshot', interactive: true });
  const ref = Object.entries(snap.refs as Record<string, { name: string }>).find(([, entry]) => entry.name === 'Submit order')![0];
  await ok(fx.daemon, { action: 'nth', selector: `@${ref}`, index: 0, subaction: 'click' });
  assert.is(await logged(), 'Submit');
});

test('CLI: find role|text|label|placeholder|alt|title|testid|first|last|nth, flags anywhere', async () => {
  await open();
  const cli = async (...args: string[]) => {
    const result = await runCli(args, { env: fx.daemon.env });
    assert.is(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trimEnd();
  };
  assert.is(await cli('find', 'role', 'button', '--name', 'Submit'), '✓ Done');
  assert.is(await logged(), 'Submit');
  await cli('find', 'role', 'button', 'click', '--name', 'Save', '--exact');
  assert.is(await logged(), 'Save');
  await cli('find', 'label', 'Email', 'fill', 'a@b.c', '--exact');
  assert.is(await value('#email'), 'a@b.c', '--exact is not part of the value');
  await cli('find', 'label', '--exact', 'Email backup', 'fill', 'two', 'words');
  assert.is(await value('#email2'), 'two words');
  assert.is(await cli('find', 'text', 'Welcome back', 'text'), 'Welcome back, Ada');
  await cli('find', 'placeholder', 'Search products', 'fill', 'hats');
  assert.is(await value('#search'), 'hats');
  await cli('find', 'alt', 'Company logo');
  assert.is(await logged(), 'logo');
  await cli('find', 'title', 'Close dialog', '--exact');
  assert.is(await logged(), 'close');
  await cli('find', 'testid', 'qty', 'fill', '7');
  assert.is(await value('#qty'), '7');
  await cli('find', 'first', 'li.item');
  assert.is(await logged(), 'first');
  assert.is(await cli('find', 'last', 'li.item', 'text'), 'Third');
  await cli('find', 'nth', '1', 'li.item', 'click');
  assert.is(await logged(), 'second');
  assert.is(await cli('find', 'nth', '--', '-2', 'li.item', 'text'), 'Second');
  assert.is(await cli('find', 'nth', '-1', 'li.item', 'text'), 'Third');
  const json = JSON.parse(await cli('find', 'role', 'checkbox', 'check', '--json'));
  assert.equal(json.data, { checked: true });
  const bad = await runCli(['find', 'text', 'Sign', 'in'], { env: fx.daemon.env });
  assert.is(bad.code, 1);
  assert.match(bad.stderr, 'Unknown find action "in"');
  const ambiguous = await runCli(['find', 'role', 'button', '--name', 'Save'], { env: fx.daemon.env });
  assert.is(ambiguous.code, 1);
  assert.match(ambiguous.stderr, 'matched 2 elements');
});

test.run();
