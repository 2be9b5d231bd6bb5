import { suite } from 'uvu';
import * as assert from 'uvu/assert';

import { ActionError, dropNulls, failure, responseId, splitRequest, success, UNPARSED_ID } from '../../src/protocol/envelope.js';
import { ErrorCodes, isActionError, stripAnsi } from '../../src/protocol/errors.js';
import * as capture from '../../src/protocol/actions/capture.js';
import * as daemon from '../../src/protocol/actions/daemon.js';
import * as interaction from '../../src/protocol/actions/interaction.js';
import * as navigation from '../../src/protocol/actions/navigation.js';
import * as schemas from '../../src/protocol/schemas.js';

// ---------------------------------------------------------------------------------------------
const ids = suite('protocol: responseId');

ids('a string id is echoed unchanged', () => {
  assert.is(responseId('abc-123'), 'abc-123');
  assert.is(responseId('4f9c2e1a-0000-4000-8000-000000000000'), '4f9c2e1a-0000-4000-8000-000000000000');
});

ids('a numeric id is answered with its string form', () => {
  assert.is(responseId(7), '7');
  assert.is(responseId(0), '0');
  assert.is(responseId(1.5), '1.5');
  assert.type(responseId(42), 'string');
});

ids('a missing id gets a generated, non-empty string id', () => {
  const id = responseId(undefined);
  assert.type(id, 'string');
  assert.ok(id.length > 0);
  assert.is.not(id, UNPARSED_ID);
});

ids('an empty or null id is treated as missing', () => {
  for (const raw of ['', null]) {
    const id = responseId(raw);
    assert.type(id, 'string');
    assert.ok(id.length > 0, `id for ${JSON.stringify(raw)} is empty`);
  }
});

ids('generated ids are unique', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add(responseId(undefined));
  assert.is(seen.size, 200);
});

ids.run();

// ---------------------------------------------------------------------------------------------
const split = suite('protocol: splitRequest / dropNulls');

split('separates id and action from the action fields', () => {
  const { id, action, params } = splitRequest({ id: 'r1', action: 'click', selector: '#go', button: 'left' });
  assert.is(id, 'r1');
  assert.is(action, 'click');
  assert.equal(params, { selector: '#go', button: 'left' });
});

split('null fields count as absent', () => {
  const { params } = splitRequest({ id: 'r2', action: 'getbyrole', role: 'button', name: null, exact: null });
  assert.equal(params, { role: 'button' });
  assert.not.ok('name' in params);
});

split('falsy but non-null values are kept', () => {
  const { params } = splitRequest({ id: 'r3', action: 'x', a: 0, b: false, c: '', d: [] });
  assert.equal(params, { a: 0, b: false, c: '', d: [] });
});

split('a request without id still gets a string id, a numeric id its string form', () => {
  const missing = splitRequest({ action: 'snapshot' });
  assert.type(missing.id, 'string');
  assert.ok(missing.id.length > 0);
  assert.is(splitRequest({ id: 12, action: 'snapshot' }).id, '12');
});

split('dropNulls removes null and undefined only, one level deep', () => {
  assert.equal(dropNulls({ a: null, b: undefined, c: 1, d: { e: null } }), { c: 1, d: { e: null } });
});

split.run();

// ---------------------------------------------------------------------------------------------
const envelopes = suite('protocol: success / failure');

envelopes('success wraps data; missing data becomes {}', () => {
  assert.equal(success('1', { url: 'about:blank' }), { id: '1', success: true, data: { url: 'about:blank' } });
  assert.equal(success('2', undefined), { id: '2', success: true, data: {} });
});

envelopes('an ActionError keeps its code and message', () => {
  const response = failure('9', new ActionError('UNKNOWN_REF', 'Ref @e9 is not in the last snapshot.'));
  assert.equal(response, { id: '9', success: false, error: 'Ref @e9 is not in the last snapshot.', code: 'UNKNOWN_REF' });
});

envelopes('an ActionError wins over the fallback code', () => {
  assert.is(failure('9', new ActionError('TIMEOUT', 'slow'), 'INVALID_JSON').code, 'TIMEOUT');
});

envelopes('a plain Error gets the fallback code (INTERNAL by default)', () => {
  const plain = failure('3', new Error('boom'));
  assert.is(plain.code, 'INTERNAL');
  assert.is(plain.error, 'boom');
  assert.is(plain.success, false);
  assert.is(failure('3', new Error('bad'), 'INVALID_JSON').code, 'INVALID_JSON');
});

envelopes('a non-Error thrown value becomes its string form', () => {
  assert.is(failure('4', 'just a string').error, 'just a string');
  assert.is(failure('4', 42).error, '42');
});

envelopes('ANSI codes are stripped from messages of both kinds', () => {
  const raw = "page.waitForSelector: Timeout 500ms exceeded.\nCall log:\n\u001b[2m  - waiting for locator('#nope') to be visible\u001b[22m\n";
  for (const error of [new Error(raw), new ActionError('TIMEOUT', raw)]) {
    const response = failure('5', error);
    assert.not.ok(response.error.includes('\u001b'), `ANSI left in ${JSON.stringify(response.error)}`);
    assert.ok(response.error.includes("waiting for locator('#nope') to be visible"));
  }
  assert.is(stripAnsi('\u001b[31mred\u001b[39m \u001b[1;2mx\u001b[0m'), 'red x');
});

envelopes('isActionError recognises ActionErrors, also structurally (another copy of the module)', () => {
  assert.ok(isActionError(new ActionError('INTERNAL', 'x')));
  const foreign = Object.assign(new Error('x'), { name: 'ActionError', code: 'TIMEOUT' });
  assert.ok(isActionError(foreign));
  assert.is(failure('6', foreign).code, 'TIMEOUT');
  assert.not.ok(isActionError(new Error('x')));
  assert.not.ok(isActionError({ name: 'ActionError' }));
});

envelopes('the documented protocol codes are all known', () => {
  for (const code of [
    'INVALID_JSON',
    'UNKNOWN_ACTION',
    'INVALID_PARAMS',
    'UNKNOWN_REF',
    'STALE_REF',
    'ELEMENT_NOT_FOUND',
    'TIMEOUT',
    'NAVIGATION_BLOCKED',
    'BROWSER_CLOSED',
    'PLUGIN_FAILED',
    'UNAUTHORIZED',
    'INTERNAL',
  ]) {
    assert.ok((ErrorCodes as readonly string[]).includes(code), code);
  }
});

envelopes.run();

// ---------------------------------------------------------------------------------------------
const validation = suite('protocol: validate()');

function problem(schema: Parameters<typeof schemas.validate>[0], fields: unknown): string {
  const result = schemas.validate(schema, fields);
  if (result.ok) {
    assert.unreachable(`expected ${JSON.stringify(fields)} to be rejected`);
    return '';
  }
  return result.message;
}

validation('valid fields pass through with their values', () => {
  const result = schemas.validate(interaction.click.params, { selector: '#go', button: 'right', clickCount: 2 });
  assert.ok(result.ok);
  if (result.ok) assert.equal(result.value, { selector: '#go', button: 'right', clickCount: 2 });
});

validation('a missing required field is named and called required, with its type', () => {
  const message = problem(interaction.click.params, {});
  assert.ok(message.includes('selector'), message);
  assert.ok(message.includes('required'), message);
  assert.ok(message.includes('string'), message);
});

validation('a wrong type names the field, the expected type and what was received', () => {
  const message = problem(interaction.fill.params, { selector: '#a', value: 5 });
  assert.is(message, 'value: expected string, got number');
  assert.is(problem(interaction.fill.params, { selector: ['#a'], value: 'x' }), 'selector: expected string, got array');
});

validation('several bad fields are reported at once, each named', () => {
  const message = problem(interaction.click.params, { selector: 5, button: 'up', clickCount: -1 });
  const parts = message.split('; ');
  assert.is(parts.length, 3, message);
  assert.ok(
    parts.some((p) => p.startsWith('selector: ') && p.includes('string')),
    message,
  );
  assert.ok(
    parts.some((p) => p.startsWith('button: ')),
    message,
  );
  assert.ok(
    parts.some((p) => p.startsWith('clickCount: ') && p.includes('> 0')),
    message,
  );
});

validation('enum messages list the allowed values', () => {
  const message = problem(navigation.navigate.params, { url: 'https://example.com', waitUntil: 'network-idle' });
  assert.is(message, 'waitUntil: expected one of "load", "domcontentloaded", "networkidle"');
});

validation('union messages name each accepted shape', () => {
  const message = problem(interaction.select.params, { selector: '#s', values: 5 });
  assert.ok(message.startsWith('values: '), message);
  assert.ok(message.includes('string'), message);
  assert.ok(message.includes('array'), message);
  assert.ok(message.includes(' or '), message);
});

validation('an array of the wrong item type is described as an array of strings', () => {
  assert.is(problem(interaction.select.params, { selector: '#s', values: [1] }), 'values: expected string or array of strings');
});

validation('empty strings are rejected with a readable message', () => {
  assert.is(problem(navigation.navigate.params, { url: '' }), 'url: expected a non-empty string');
});

validation('numeric bounds are described', () => {
  assert.is(problem(capture.screenshot.params, { quality: 200 }), 'quality: expected number <= 100');
});

validation('unknown fields are dropped, not rejected', () => {
  const result = schemas.validate(interaction.click.params, { selector: '#go', bogus: true, other: 1 });
  assert.ok(result.ok);
  if (result.ok) assert.equal(result.value, { selector: '#go' });
});

validation('nested field paths are joined with dots', () => {
  const message = problem(daemon.launch.params, { viewport: { width: 'wide', height: 720 } });
  assert.ok(message.startsWith('viewport.width: '), message);
});

validation.run();
