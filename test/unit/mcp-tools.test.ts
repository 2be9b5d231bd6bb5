// Action names → MCP tool names, tool groups, requests, and daemon answers → MCP tool results (src/mcp/tools.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_CONTRACTS } from '../../src/protocol/actions/index.js';
import { TOOL_GROUPS } from '../../src/protocol/contract.js';
import {
  compactSchema,
  instructionsFor,
  notEnabledResult,
  parseToolGroups,
  requestFor,
  toolNames,
  toolResult,
  toolsFor,
  unknownToolGroups,
  type ListedAction,
} from '../../src/mcp/tools.js';

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

const SCHEMA_URL = 'https://json-schema.org/draft/2020-12/schema';

/** A listing as the daemon's `actions` answers it (with `$schema`, as zod writes it). */
function listed(name: string, group: string, extra: Partial<ListedAction> = {}): ListedAction {
  return {
    name,
    summary: `${name} summary.`,
    plugin: group === 'reader' ? 'reader' : 'agent-browser:x',
    params: { $schema: SCHEMA_URL, type: 'object', properties: { selector: { type: 'string' } } },
    lane: 'page',
    group,
    ...extra,
  };
}

const LISTING: ListedAction[] = [
  listed('click', 'core', { changes: true }),
  listed('snapshot', 'core', {
    readOnly: true,
    params: { $schema: SCHEMA_URL, type: 'object', properties: { interactive: { type: 'boolean' }, urls: { type: 'boolean', description: 'Link URLs.' } } },
  }),
  listed('screenshot', 'core', { changes: true }),
  listed('gettext', 'core', { readOnly: true }),
  listed('cookies_get', 'state', { readOnly: true }),
  listed('route', 'network', { changes: true }),
  listed('reader:markdown', 'reader', { readOnly: true }),
];

test('the default serves the core group only; groups, a plugin’s name and all add tools; every action keeps its tool name', () => {
  const core = toolsFor(LISTING);
  assert.equal(
    core.tools.map((tool) => tool.name),
    ['click', 'snapshot', 'screenshot', 'gettext'],
  );
  assert.equal([...core.enabled], ['click', 'snapshot', 'screenshot', 'gettext']);
  assert.is(core.actionOf.get('reader_markdown'), 'reader:markdown', 'a tool outside the served groups is still known, to say where it is');
  assert.equal(
    toolsFor(LISTING, ['core', 'reader']).tools.map((tool) => tool.name),
    ['click', 'snapshot', 'screenshot', 'gettext', 'reader_markdown'],
  );
  assert.equal(
    toolsFor(LISTING, ['network']).tools.map((tool) => tool.name),
    ['route'],
  );
  assert.is(toolsFor(LISTING, ['all']).tools.length, LISTING.length);
  assert.equal(toolsFor(LISTING, ['all']).inOrder, new Set(LISTING.map((action) => action.name)));
});

test('tools carry the summary, the schema without $schema, readOnlyHint only where the action says so, and changes where the daemon takes it', () => {
  const { tools } = toolsFor(LISTING, ['all']);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  assert.equal(byName.get('click'), {
    name: 'click',
    description: 'click summary.',
    inputSchema: { type: 'object', properties: { selector: { type: 'string' }, changes: { type: 'boolean' } } },
  });
  assert.equal(byName.get('reader_markdown'), {
    name: 'reader_markdown',
    description: 'reader:markdown summary.',
    inputSchema: { type: 'object', properties: { selector: { type: 'string' } } },
    annotations: { readOnlyHint: true },
  });
  for (const tool of tools) assert.not.ok('$schema' in tool.inputSchema, `${tool.name} has no $schema`);
});

test('compactSchema drops the $schema URL, safe-integer limits and string propertyNames, and keeps every real constraint', () => {
  const schema = {
    $schema: SCHEMA_URL,
    type: 'object',
    properties: {
      index: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      offset: { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: 10 },
      headers: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } },
      mode: { type: 'string', enum: ['a', 'b'], description: 'How.' },
      $schema: { type: 'string' },
    },
    required: ['index'],
    additionalProperties: false,
  };
  assert.equal(compactSchema(schema), {
    type: 'object',
    properties: {
      index: { type: 'integer', minimum: 0 },
      offset: { type: 'integer', maximum: 10 },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      mode: { type: 'string', enum: ['a', 'b'], description: 'How.' },
      $schema: { type: 'string' },
    },
    required: ['index'],
    additionalProperties: false,
  });
});

test('the snapshot tool is interactive by default and says when to ask for more; its request sends interactive: true unless the agent chose', () => {
  const snapshot = LISTING.find((action) => action.name === 'snapshot')!;
  const tool = toolsFor(LISTING).tools.find((candidate) => candidate.name === 'snapshot')!;
  assert.equal(tool.inputSchema.properties!.interactive, { type: 'boolean', default: true });
  assert.equal(tool.inputSchema.properties!.urls, { type: 'boolean' }, 'the description says what urls does');
  assert.match(tool.description!, 'interactive: false for the whole tree');
  assert.match(tool.description!, 'urls: true');
  assert.match(tool.description!, 'selector');
  assert.not.match(tool.description!, 'diff', 'only params the action has are offered');
  assert.equal(requestFor(snapshot, {}, { changes: true }), { interactive: true });
  assert.equal(requestFor(snapshot, { interactive: false }, { changes: true }), { interactive: false });
  assert.equal(requestFor(snapshot, { urls: true }, { changes: true }), { interactive: true, urls: true });
  const replaced = { ...snapshot, params: { type: 'object', properties: { depth: { type: 'number' } } } };
  assert.equal(requestFor(replaced, {}, { changes: true }), {}, 'no default for a param a replacing plugin’s action lacks');
});

test('requests ask for a change report where the daemon takes one, unless the agent or the server said no; never for a screenshot', () => {
  const [click, , screenshot, gettext] = LISTING;
  assert.equal(requestFor(click!, { selector: '@e1' }, { changes: true }), { selector: '@e1', changes: true });
  assert.equal(requestFor(click!, { selector: '@e1', changes: false }, { changes: true }), { selector: '@e1', changes: false });
  assert.equal(requestFor(click!, { selector: '@e1' }, { changes: false }), { selector: '@e1' });
  assert.equal(requestFor({ ...click!, changes: undefined }, { selector: '@e1' }, { changes: true }), { selector: '@e1' }, 'a daemon that does not list it');
  assert.equal(requestFor(screenshot!, {}, { changes: true }), {});
  assert.equal(requestFor(gettext!, { selector: 'h1' }, { changes: true }), { selector: 'h1' });
});

test('group names: comma lists, any case, each once; other servers’ names map to ours', () => {
  assert.equal(parseToolGroups('core, Network,core'), ['core', 'network']);
  assert.equal(parseToolGroups(['core', 'reader']), ['core', 'reader']);
  assert.equal(parseToolGroups('core,mobile,storage,devtools,pdf'), ['core', 'emulation', 'state', 'debug', 'reading']);
  assert.equal(parseToolGroups(' , '), []);
});

test('unknown group names are refused with the closest one and every valid name, plugin groups included', () => {
  assert.is(unknownToolGroups(['core', 'network', 'all']), null);
  assert.is(unknownToolGroups(['core', 'reader'], ['core', 'reader']), null);
  const problem = unknownToolGroups(['core', 'netwrk', 'zzz'], ['core', 'network', 'reader'])!;
  assert.match(problem, 'Unknown tool groups "netwrk" (did you mean "network"?), "zzz".');
  assert.match(problem, `Tool groups: ${Object.keys(TOOL_GROUPS).join(', ')}, all; plugin groups: reader.`);
  assert.match(unknownToolGroups(['reader'])!, 'no configured plugin adds a group');
});

test('a call of a tool outside the served groups is refused with its group and how to enable it', () => {
  const result = notEnabledResult('cookies_get', LISTING[4]!, ['core']);
  assert.is(result.isError, true);
  const text = (result.content[0] as { text: string }).text;
  assert.match(text, 'The tool "cookies_get" is in the tool group "state"');
  assert.match(text, 'agent-browser mcp --tools core,state');
  assert.match(text, 'AGENT_BROWSER_MCP_TOOLS=core,state');
});

test('the instructions describe selectors once, the change reports, and the groups served and not', () => {
  const text = instructionsFor(['core'], true);
  assert.match(text, '@e3, ref=e3 or e3');
  assert.match(text, 'xpath=');
  assert.match(text, 'changes: false');
  assert.match(text, 'Tool groups served: core.');
  assert.match(text, 'network');
  assert.not.match(instructionsFor(['all'], false), 'changes: false');
  assert.not.match(instructionsFor(['all'], false), 'Others');
});

test('every built-in group holds actions; core is the small default set', () => {
  const groups = new Map<string, string[]>();
  for (const contract of ALL_CONTRACTS) groups.set(contract.group, [...(groups.get(contract.group) ?? []), contract.name]);
  assert.equal([...groups.keys()].sort(), Object.keys(TOOL_GROUPS).sort());
  assert.equal(groups.get('core')!.sort(), [
    'back',
    'check',
    'click',
    'close',
    'evaluate',
    'fill',
    'forward',
    'gettext',
    'hover',
    'navigate',
    'press',
    'reload',
    'screenshot',
    'select',
    'snapshot',
    'tab_close',
    'tab_list',
    'tab_new',
    'tab_switch',
    'type',
    'wait',
  ]);
});

test('a snapshot is its tree as text: no refs map, no JSON', () => {
  const result = toolResult({
    id: '1',
    success: true,
    data: { snapshot: '- button "Go" [ref=e1]', refs: { e1: { role: 'button', name: 'Go' } }, origin: 'http://127.0.0.1/' },
  });
  assert.equal(result, { content: [{ type: 'text', text: '- button "Go" [ref=e1]' }] });
});

test('base64 PNG and JPEG answers are images; a base64 that is no image stays data', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: png } }).content, [{ type: 'image', data: png, mimeType: 'image/png' }]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: jpeg } }).content, [{ type: 'image', data: jpeg, mimeType: 'image/jpeg' }]);
  const other = Buffer.from('plain text').toString('base64');
  assert.equal(toolResult({ id: '1', success: true, data: { base64: other } }).content, [{ type: 'text', text: other }]);
});

test('a plugin answer with print is that field as text', () => {
  assert.equal(toolResult({ id: '1', success: true, print: 'markdown', data: { markdown: '# Hi', url: 'u' } }), { content: [{ type: 'text', text: '# Hi' }] });
});

test('data answers are short text with the data as structuredContent; acknowledgements are Done', () => {
  const navigated = toolResult({ id: '1', success: true, data: { url: 'http://127.0.0.1/', title: 'Home' } });
  assert.equal(navigated.content, [{ type: 'text', text: 'url: http://127.0.0.1/\ntitle: Home' }]);
  assert.equal(navigated.structuredContent, { url: 'http://127.0.0.1/', title: 'Home' });
  const text = toolResult({ id: '1', success: true, data: { text: 'Hello\nworld', origin: 'http://127.0.0.1/' } }, { readOnly: true });
  assert.equal(text.content, [{ type: 'text', text: 'Hello\nworld' }], 'one field: its bare value');
  assert.equal(text.structuredContent, { text: 'Hello\nworld' });
  assert.equal(
    toolResult({ id: '1', success: true, data: { result: '5', origin: 'x' } }).content,
    [{ type: 'text', text: '"5"' }],
    'an evaluate result is JSON',
  );
  assert.equal(toolResult({ id: '1', success: true, data: { result: { a: [1, 2] } } }).content, [{ type: 'text', text: '{"a":[1,2]}' }]);
  assert.equal(toolResult({ id: '1', success: true, data: { visible: true } }, { readOnly: true }).content, [{ type: 'text', text: 'true' }]);
  const tabs = toolResult({ id: '1', success: true, data: { tabs: [{ index: 0, url: 'u', title: 't', active: true }], active: 0 } }, { readOnly: true });
  assert.equal(tabs.content, [{ type: 'text', text: 'tabs: [{"index":0,"url":"u","title":"t","active":true}]\nactive: 0' }]);
  const clicked = toolResult({ id: '1', success: true, data: { clicked: true } });
  assert.equal(clicked, { content: [{ type: 'text', text: 'Done' }] }, 'nothing to add: no structuredContent');
  assert.equal(toolResult({ id: '1', success: true, data: null }).content, [{ type: 'text', text: 'Done' }]);
  for (const result of [navigated, text, tabs, clicked]) assert.not.match(JSON.stringify(result.content), '\\n  ', 'no pretty-printed JSON');
});

test('a change report is rendered after the data and replaces the URL and title lines it repeats; warnings and dialogs are lines', () => {
  const changes = { url: 'http://127.0.0.1/b', title: 'B', newDocument: true, appeared: ['button "Pay" [ref=e14]'], changed: [], gone: [] };
  const navigated = toolResult({ id: '1', success: true, data: { url: 'http://127.0.0.1/b', title: 'B', changes } });
  assert.equal(navigated.content, [{ type: 'text', text: 'url: http://127.0.0.1/b\ntitle: B\nnew page, its interactive elements:\n+ button "Pay" [ref=e14]' }]);
  assert.is(navigated.structuredContent, undefined, 'the report is read as text, by every client');
  const clicked = toolResult({
    id: '1',
    success: true,
    data: {
      clicked: true,
      warning: 'The browser was restarted.',
      dialogs: [{ type: 'alert', message: 'Hi', handled: 'dismissed', by: 'policy' }],
      changes: { appeared: [], changed: ['checkbox "Agree" [checked] [ref=e3]'], gone: ['button "Next" [ref=e4]'] },
    },
  });
  assert.equal(clicked.content, [
    {
      type: 'text',
      text: 'warning: The browser was restarted.\ndialog: alert "Hi" dismissed\n~ checkbox "Agree" [checked] [ref=e3]\n- button "Next" [ref=e4]',
    },
  ]);
  const same = toolResult({ id: '1', success: true, data: { filled: true, changes: { appeared: [], changed: [], gone: [] } } });
  assert.equal(same.content, [{ type: 'text', text: 'no change to the URL, the title or the interactive elements' }]);
});

test('a failure is an error result with the message and the code', () => {
  const result = toolResult({ id: '1', success: false, error: 'Unknown ref "@e9".', code: 'UNKNOWN_REF' });
  assert.is(result.isError, true);
  assert.equal(result.content, [{ type: 'text', text: 'Unknown ref "@e9". [UNKNOWN_REF]' }]);
});

test.run();
