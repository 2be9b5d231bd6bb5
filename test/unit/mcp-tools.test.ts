// Action names → MCP tool names, and daemon answers → MCP tool results (src/mcp/tools.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toolNames, toolResult, toolsFor } from '../../src/mcp/tools.js';

const VALID = /^[A-Za-z0-9_-]{1,64}$/;

test('valid action names are their own tool names; ":" becomes "_"', () => {
  const names = toolNames(['navigate', 'tab_list', 'reader:markdown', 'my-plugin:do-it']);
  assert.equal(Object.fromEntries(names), {
    navigate: 'navigate',
    tab_list: 'tab_list',
    reader_markdown: 'reader:markdown',
    'my-plugin_do-it': 'my-plugin:do-it',
  });
});

test('a mapped name that collides gets a tag of its own: no collisions, same name whatever the order', () => {
  const actions = ['a:b', 'a_b', 'x:y:z', 'x_y:z', 'x:y_z', 'x_y_z'];
  const names = toolNames(actions);
  assert.is(names.size, actions.length, 'one tool per action');
  assert.equal([...names.values()].sort(), [...actions].sort(), 'the reverse map covers every action');
  assert.is(names.get('a_b'), 'a_b', 'the action already named a_b keeps it');
  assert.is(names.get('x_y_z'), 'x_y_z');
  for (const name of names.keys()) assert.match(name, VALID);
  const reversed = toolNames([...actions].reverse());
  assert.equal(Object.fromEntries([...reversed].sort()), Object.fromEntries([...names].sort()));
});

test('names longer than 64 characters are cut, tagged and stay distinct', () => {
  const long = `plugin:${'a'.repeat(80)}`;
  const names = toolNames([long, `${long}b`, 'b'.repeat(64), 'c'.repeat(65)]);
  assert.is(names.size, 4);
  for (const name of names.keys()) assert.match(name, VALID);
  assert.is(names.get('b'.repeat(64)), 'b'.repeat(64), 'exactly 64 characters is allowed');
});

test('tools carry the summary, the params schema, and readOnlyHint only where the action says so', () => {
  const params = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { url: { type: 'string' } },
    required: ['url'],
    additionalProperties: false,
  };
  const { tools, actionOf } = toolsFor([
    { name: 'navigate', summary: 'Open a URL.', plugin: 'agent-browser:navigation', params },
    { name: 'reader:markdown', summary: 'Markdown.', plugin: 'reader', params: { type: 'object', properties: {} }, readOnly: true },
  ]);
  assert.equal(tools[0], { name: 'navigate', description: 'Open a URL.', inputSchema: params });
  assert.equal(tools[1], {
    name: 'reader_markdown',
    description: 'Markdown.',
    inputSchema: { type: 'object', properties: {} },
    annotations: { readOnlyHint: true },
  });
  assert.is(actionOf.get('reader_markdown'), 'reader:markdown');
});

test('a snapshot is its tree as text; its refs map is left out, other fields follow as JSON', () => {
  const result = toolResult({
    id: '1',
    success: true,
    data: { snapshot: '- button "Go" [ref=e1]', refs: { e1: { role: 'button', name: 'Go' } }, origin: 'http://127.0.0.1/' },
  });
  assert.equal(result.content, [
    { type: 'text', text: '- button "Go" [ref=e1]' },
    { type: 'text', text: '{"origin":"http://127.0.0.1/"}' },
  ]);
  assert.not.ok(result.isError);
});

test('base64 PNG and JPEG answers are images; a base64 that is no image stays JSON', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: png } }).content, [{ type: 'image', data: png, mimeType: 'image/png' }]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: jpeg } }).content, [{ type: 'image', data: jpeg, mimeType: 'image/jpeg' }]);
  const other = Buffer.from('plain text').toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: other } }).content, [{ type: 'text', text: JSON.stringify({ base64: other }) }]);
});

test('a plugin answer with print: that field as text; other answers: compact JSON', () => {
  assert.equal(toolResult({ id: '1', success: true, print: 'markdown', data: { markdown: '# Hi', url: 'u' } }).content, [
    { type: 'text', text: '# Hi' },
    { type: 'text', text: '{"url":"u"}' },
  ]);
  assert.equal(toolResult({ id: '1', success: true, data: { url: 'http://127.0.0.1/', title: 'Home' } }).content, [
    { type: 'text', text: '{"url":"http://127.0.0.1/","title":"Home"}' },
  ]);
  assert.equal(toolResult({ id: '1', success: true, data: null }).content, [{ type: 'text', text: 'null' }]);
});

test('a failure is an error result with the message and the code', () => {
  const result = toolResult({ id: '1', success: false, error: 'Unknown ref "@e9".', code: 'UNKNOWN_REF' });
  assert.is(result.isError, true);
  assert.equal(result.content, [{ type: 'text', text: 'Unknown ref "@e9". [UNKNOWN_REF]' }]);
});

test.run();
