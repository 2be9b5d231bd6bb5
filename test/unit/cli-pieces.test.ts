import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';

import { GLOBAL_BOOLEAN_FLAGS, GLOBAL_VALUE_FLAGS, hoistGlobalFlags } from '../../src/cli/argv.js';
import { globalFlags } from '../../src/cli/base.js';
import { normalizeUrl } from '../../src/cli/requests.js';
import { formatData, formatDialogs, formatPluginData, painter } from '../../src/cli/output.js';
import { kebabCase, paramsFromFlags, schemaFlags, schemaHelp, type JsonSchema } from '../../src/cli/schema-flags.js';
import type { CliFailure } from '../../src/cli/invoke.js';

// ---------------------------------------------------------------------------------------------
const hoist = suite('cli: hoistGlobalFlags');

hoist('every global flag is known to the hoisting, by kind (a flag missing there is an unknown command before the command name)', () => {
  const booleans = Object.entries(globalFlags)
    .filter(([, flag]) => flag.type === 'boolean')
    .map(([name]) => `--${name}`);
  const values = Object.entries(globalFlags)
    .filter(([, flag]) => flag.type !== 'boolean')
    .map(([name]) => `--${name}`);
  assert.equal([...GLOBAL_BOOLEAN_FLAGS].sort(), booleans.sort());
  assert.equal([...GLOBAL_VALUE_FLAGS].sort(), values.sort());
  assert.equal(hoistGlobalFlags(['--changes', 'click', '@e1']), ['click', '@e1', '--changes']);
});

hoist('leading --session s --json --headed move behind the command, in order', () => {
  assert.equal(hoistGlobalFlags(['--session', 's', '--json', '--headed', 'open', 'about:blank']), [
    'open',
    'about:blank',
    '--session',
    's',
    '--json',
    '--headed',
  ]);
});

hoist('the --flag=value form moves as one token', () => {
  assert.equal(hoistGlobalFlags(['--session=work', 'snapshot', '-i']), ['snapshot', '-i', '--session=work']);
});

hoist('value flags keep their values, even values that look like commands or flags', () => {
  assert.equal(hoistGlobalFlags(['--executable-path', '/usr/bin/chromium', '--extension', '/ext/a', 'open', 'example.com']), [
    'open',
    'example.com',
    '--executable-path',
    '/usr/bin/chromium',
    '--extension',
    '/ext/a',
  ]);
  assert.equal(hoistGlobalFlags(['--session', 'open', 'close']), ['close', '--session', 'open']);
  assert.equal(hoistGlobalFlags(['--config', '--weird-name.json', 'get', 'url']), ['get', 'url', '--config', '--weird-name.json']);
});

hoist('oqto backend invocation: --session id --headed --executable-path P --extension E open about:blank', () => {
  const argv = ['--session', 'abc123', '--headed', '--executable-path', '/opt/chrome', '--extension', '/e', 'open', 'about:blank'];
  const out = hoistGlobalFlags(argv);
  assert.equal(out.slice(0, 2), ['open', 'about:blank']);
  assert.equal(out.slice(2), ['--session', 'abc123', '--headed', '--executable-path', '/opt/chrome', '--extension', '/e']);
});

hoist('nothing moves when the command comes first', () => {
  const argv = ['open', 'example.com', '--session', 's', '--json'];
  assert.equal(hoistGlobalFlags(argv), argv);
  assert.equal(hoistGlobalFlags(['click', '@e1']), ['click', '@e1']);
  assert.equal(hoistGlobalFlags([]), []);
});

hoist('an unknown leading flag stops hoisting', () => {
  assert.equal(hoistGlobalFlags(['--verbose', '--session', 's', 'open', 'x']), ['--verbose', '--session', 's', 'open', 'x']);
});

hoist('hoisted flags go before a "--" separator, never after it', () => {
  assert.equal(hoistGlobalFlags(['--session', 's', '--json', 'eval', '--', '--not-a-flag']), ['eval', '--session', 's', '--json', '--', '--not-a-flag']);
  assert.equal(hoistGlobalFlags(['--json', 'fill', '#a', '--', '--session']), ['fill', '#a', '--json', '--', '--session']);
});

hoist('a trailing value flag without a value is kept as is', () => {
  assert.equal(hoistGlobalFlags(['--session']), ['--session']);
});

hoist('the input array is not modified', () => {
  const argv = ['--json', 'snapshot'];
  hoistGlobalFlags(argv);
  assert.equal(argv, ['--json', 'snapshot']);
});

hoist.run();

// ---------------------------------------------------------------------------------------------
const output = suite('cli: formatData (reference §4.6 order, no colour)');

const plain = painter(false);
const show = (data: unknown) => formatData(data, plain);

output('url + title → ✓ Title, then the url indented', () => {
  assert.is(show({ url: 'https://example.com/', title: 'Example Domain' }), '✓ Example Domain\n  https://example.com/');
});

output('an empty title is shown as (untitled)', () => {
  assert.is(show({ url: 'about:blank', title: '' }), '✓ (untitled)\n  about:blank');
});

output('url alone → the url', () => {
  assert.is(show({ url: 'https://example.com/a?b=1' }), 'https://example.com/a?b=1');
});

output('url without a title → the url, whatever else the data carries (reference: click --new-tab)', () => {
  assert.is(show({ clicked: true, newTab: true, url: 'https://example.com/next' }), 'https://example.com/next');
});

output('snapshot → raw text, even with refs beside it', () => {
  const tree = '- heading "Hi" [ref=e1] [level=1]\n- button "Go" [ref=e2]';
  assert.is(show({ snapshot: tree, refs: { e1: { role: 'heading' } } }), tree);
});

output('text, html, value and title → raw strings', () => {
  assert.is(show({ text: 'Hello\nworld' }), 'Hello\nworld');
  assert.is(show({ html: '<b>x</b>' }), '<b>x</b>');
  assert.is(show({ value: 'typed' }), 'typed');
  assert.is(show({ title: 'Page title' }), 'Page title');
  assert.is(show({ text: '' }), '', 'an empty string is still printed raw');
});

output('a missing attribute prints an empty line', () => {
  assert.is(show({ attribute: 'href', value: null }), '');
});

output('count → the number', () => {
  assert.is(show({ count: 3 }), '3');
  assert.is(show({ count: 0 }), '0');
});

output('visible / enabled / checked → true or false', () => {
  assert.is(show({ visible: true }), 'true');
  assert.is(show({ enabled: false }), 'false');
  assert.is(show({ checked: true }), 'true');
  assert.is(show({ checked: false }), 'false');
});

output('result → pretty JSON', () => {
  assert.is(show({ result: { a: 1, b: [true, null] } }), '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
  assert.is(show({ result: 'text' }), '"text"');
  assert.is(show({ result: 42 }), '42');
  assert.is(show({ result: null }), 'null');
});

output('closed → ✓ Browser closed, saying so when no daemon was running', () => {
  assert.is(show({ closed: true }), '✓ Browser closed');
  assert.is(show({ closed: true, running: false }), '✓ Browser closed (no daemon was running)');
});

output('path → ✓ Screenshot saved to <path>', () => {
  assert.is(show({ path: '/tmp/shot.png' }), '✓ Screenshot saved to /tmp/shot.png');
});

output('path names what was saved when the action is known', () => {
  assert.is(formatData({ path: '/tmp/a.pdf' }, plain, { action: 'pdf' }), '✓ PDF saved to /tmp/a.pdf');
  assert.is(formatData({ path: '/tmp/s.json' }, plain, { action: 'state_save' }), '✓ State saved to /tmp/s.json');
  assert.is(formatData({ path: '/tmp/x' }, plain, { action: 'myplugin:export' }), '✓ Saved to /tmp/x');
  assert.is(formatData({ path: '/tmp/s.json', loaded: true }, plain, { action: 'state_load' }), '✓ State loaded from /tmp/s.json');
  assert.is(
    formatData({ path: '/tmp/r.csv', filename: 'r.csv', url: 'http://x/r.csv' }, plain, { action: 'waitfordownload' }),
    '✓ Download saved to /tmp/r.csv',
  );
});

output('tabs → one line each, the active one marked →', () => {
  const tabs = [
    { index: 0, title: 'Home', url: 'https://a/', active: false },
    { index: 1, title: '', url: 'about:blank', active: true },
  ];
  assert.is(show({ tabs, active: 1 }), '  [0] Home - https://a/\n→ [1] (untitled) - about:blank');
});

output('console messages, page errors, cookies and requests as lines; empty lists say so', () => {
  assert.is(
    show({
      messages: [
        { type: 'log', text: 'hi', timestamp: 1 },
        { type: 'error', text: 'bad', timestamp: 2 },
      ],
    }),
    '[log] hi\n[error] bad',
  );
  assert.is(show({ messages: [] }), 'No console messages');
  assert.is(show({ errors: [{ message: 'boom', timestamp: 1 }] }), '✗ boom');
  assert.is(
    show({
      cookies: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
    }),
    'a=1\nb=2',
  );
  assert.is(show({ requests: [{ method: 'GET', url: 'https://a/x.js', resourceType: 'script' }] }), 'GET https://a/x.js (script)');
  assert.is(show({ requests: [] }), 'No requests captured');
});

output('tab answers: opened/switched and closed tabs', () => {
  assert.is(show({ index: 1, total: 2 }), '✓ Tab 1 of 2 is active');
  assert.is(show({ closed: 1, remaining: 1 }), '✓ Closed tab 1 (1 left)');
  assert.is(show({ closed: true }), '✓ Browser closed');
});

output('dialogs a command raised become ⚠ lines', () => {
  const lines = formatDialogs(
    [
      { type: 'confirm', message: 'Sure?', handled: 'dismissed', by: 'policy' },
      { type: 'alert', message: 'Hi', handled: 'accepted', by: 'dialog action' },
    ],
    plain,
  );
  assert.equal(lines, ['⚠ confirm "Sure?" dismissed (dialog policy; arm another answer with `dialog accept|dismiss`)', '⚠ alert "Hi" accepted']);
  assert.equal(formatDialogs(undefined, plain), []);
});

output('cleared, box, recordings', () => {
  assert.is(show({ cleared: true }), '✓ Cleared');
  assert.is(show({ box: { x: 1, y: 2, width: 3, height: 4 } }), JSON.stringify({ x: 1, y: 2, width: 3, height: 4 }, null, 2));
  assert.is(show({ box: null }), 'null');
  assert.is(show({ started: true, path: '/tmp/r.webm' }), '✓ Recording started: /tmp/r.webm');
  assert.is(show({ path: '/tmp/r.webm', frames: 0 }), '✓ Recording saved to /tmp/r.webm');
  assert.is(show({ path: '', frames: 0, error: 'No recording in progress' }), 'No recording in progress');
});

output('base64 → the raw base64', () => {
  assert.is(show({ base64: 'iVBORw0KGgo=' }), 'iVBORw0KGgo=');
});

output('anything else → ✓ Done', () => {
  assert.is(show({}), '✓ Done');
  assert.is(show({ clicked: true }), '✓ Done');
  assert.is(show({ launched: true, version: '1' }), '✓ Done');
  assert.is(show(null), '✓ Done');
  assert.is(show(undefined), '✓ Done');
  assert.is(show({ text: 5 }), '✓ Done', 'non-string text is not printed raw');
  assert.is(show({ closed: false }), '✓ Done');
});

output('earlier rules win over later ones', () => {
  assert.is(show({ url: 'https://a/', title: 'A', snapshot: 'tree' }), '✓ A\n  https://a/');
  assert.is(show({ snapshot: 'tree', text: 'x' }), 'tree');
  assert.is(show({ title: 'T', count: 2 }), 'T');
  assert.is(show({ count: 1, visible: true }), '1');
  assert.is(show({ checked: true, result: 'r' }), 'true');
  assert.is(show({ result: 1, closed: true }), '1');
  assert.is(show({ closed: true, path: '/x' }), '✓ Browser closed');
  assert.is(show({ path: '/x.png', base64: 'AAAA' }), '✓ Screenshot saved to /x.png');
});

output('no ANSI codes without colour; colour adds them', () => {
  const samples = [{ url: 'u', title: 't' }, { closed: true }, { path: '/p' }, {}];
  for (const data of samples) assert.not.ok(formatData(data, painter(false)).includes('\u001b'), JSON.stringify(data));
  const coloured = formatData({ url: 'https://a/', title: 'A' }, painter(true));
  assert.ok(coloured.includes('\u001b['));
  assert.is(coloured.replace(/\u001b\[[0-9;]*m/g, ''), '✓ A\n  https://a/');
});

output('cancel → what was cancelled, or that nothing had that id (before the requests-list rule)', () => {
  assert.is(show({ cancelled: 1, requests: [{ id: 'r1', action: 'evaluate', state: 'running' }] }), '✓ Cancelled evaluate (running)');
  assert.is(show({ cancelled: 0, requests: [] }), 'Nothing to cancel: no queued or running request has that id');
});

output('plugin results: the field the action names with print as is, else the whole result as JSON', () => {
  assert.is(formatPluginData({ markdown: '# Title\n\nBody', title: 'T', url: 'http://x/' }, 'markdown'), '# Title\n\nBody');
  assert.is(formatPluginData({ title: 'T', url: 'http://x/' }), '{\n  "title": "T",\n  "url": "http://x/"\n}');
  assert.is(formatPluginData({ count: 3 }, 'missing'), '{\n  "count": 3\n}');
});

output('fallback json prints unmatched data instead of ✓ Done, except plain acknowledgements', () => {
  assert.is(formatData({ summary: 'three items' }, plain, { fallback: 'json' }), '{\n  "summary": "three items"\n}');
  assert.is(formatData({ clicked: true }, plain, { fallback: 'json' }), '✓ Done');
  assert.is(formatData({ summary: 'three items' }, plain), '✓ Done');
});

output.run();

// ---------------------------------------------------------------------------------------------
const urls = suite('cli: normalizeUrl');

urls('a bare host gets https://', () => {
  assert.is(normalizeUrl('example.com'), 'https://example.com');
  assert.is(normalizeUrl('example.com/path?q=1#h'), 'https://example.com/path?q=1#h');
  assert.is(normalizeUrl('example.com:8443'), 'https://example.com:8443');
  assert.is(normalizeUrl('www.google.com'), 'https://www.google.com');
});

urls('loopback hosts get http://, with or without a port or path', () => {
  assert.is(normalizeUrl('localhost'), 'http://localhost');
  assert.is(normalizeUrl('localhost:3000'), 'http://localhost:3000');
  assert.is(normalizeUrl('localhost:3000/login?next=/'), 'http://localhost:3000/login?next=/');
  assert.is(normalizeUrl('127.0.0.1'), 'http://127.0.0.1');
  assert.is(normalizeUrl('127.0.0.1:8080/x'), 'http://127.0.0.1:8080/x');
  assert.is(normalizeUrl('127.1.2.3:9'), 'http://127.1.2.3:9');
  assert.is(normalizeUrl('[::1]'), 'http://[::1]');
  assert.is(normalizeUrl('[::1]:5173/'), 'http://[::1]:5173/');
});

urls('hosts that only start like loopback names are not loopback', () => {
  assert.is(normalizeUrl('localhost.example.com'), 'https://localhost.example.com');
  assert.is(normalizeUrl('localhostify.dev'), 'https://localhostify.dev');
  assert.is(normalizeUrl('127.0.0.1.nip.io'), 'https://127.0.0.1.nip.io');
});

urls('URLs with a scheme are kept as they are', () => {
  for (const url of [
    'about:blank',
    'data:text/html,<h1>hi</h1>',
    'file:///tmp/page.html',
    'http://example.com',
    'https://example.com/a',
    'HTTPS://EXAMPLE.COM',
    'http://localhost:3000',
  ]) {
    assert.is(normalizeUrl(url), url);
  }
});

urls.run();

// ---------------------------------------------------------------------------------------------
const forward = suite('cli: flags read against an action schema (agent-browser <plugin>:<action> --name value)');

const WAIT_SCHEMA = z.toJSONSchema(
  z.object({
    quietMs: z.number().int().min(50).describe('How long the network must be quiet'),
    mode: z.enum(['fast', 'thorough']).default('fast'),
    deep: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    filter: z.object({ kind: z.string() }).optional(),
    label: z.string().optional(),
  }),
) as JsonSchema;
const waitFlags = schemaFlags(WAIT_SCHEMA);
const NO_GLOBALS = { boolean: new Set<string>(), value: new Set<string>() };
const read = (tokens: string[]) => paramsFromFlags('agent-browser demo:wait', waitFlags, tokens, NO_GLOBALS).params;
const refusal = (tokens: string[]) => {
  try {
    read(tokens);
  } catch (error) {
    return error as CliFailure;
  }
  throw new Error(`accepted ${tokens.join(' ')}`);
};

forward('kebab-case flags reach camelCase params, typed by the schema; repeated list flags collect; --no- negates', () => {
  assert.equal(read(['--quiet-ms', '75', '--mode=thorough', '--deep', '--tags', 'a', '--tags', 'b', '--filter', '{"kind":"x"}', '--label', '123']), {
    quietMs: 75,
    mode: 'thorough',
    deep: true,
    tags: ['a', 'b'],
    filter: { kind: 'x' },
    label: '123',
  });
  assert.equal(read(['--quietMs', '60', '--no-deep']), { quietMs: 60, deep: false });
  assert.equal(read(['--params', '{"quietMs":90}', '--label', 'x']), { quietMs: 90, label: 'x' });
});

forward('an unknown flag is refused with the closest valid one; a wrong value names what the flag takes', () => {
  const unknown = refusal(['--quiet-m', '5']);
  assert.is(unknown.code, 'INVALID_ARGUMENTS');
  assert.match(unknown.message, 'agent-browser demo:wait has no flag --quiet-m. Did you mean --quiet-ms?');
  assert.match(refusal(['--quiet-ms', 'soon']).message, '--quiet-ms takes a number, not "soon"');
  assert.match(refusal(['--quiet-ms', '7.5']).message, '--quiet-ms takes a whole number');
  assert.match(refusal(['--quiet-ms', '5']).message, '--quiet-ms must be a whole number >= 50, not "5"');
  assert.match(refusal(['--mode', 'slow']).message, '--mode is one of fast, thorough, not "slow"');
  assert.match(refusal(['loose']).message, 'takes named params (--name value), not "loose"');
  assert.match(refusal(['--label']).message, '--label needs a value');
  assert.match(refusal(['--label', 'a', '--label', 'b']).message, '--label was given twice');
});

forward('global flags pass through untouched', () => {
  const globals = { boolean: new Set(['--json']), value: new Set(['--session']) };
  const { params, passed } = paramsFromFlags('x', waitFlags, ['--session', 's1', '--quiet-ms', '60', '--json'], globals);
  assert.equal(params, { quietMs: 60 });
  assert.equal(passed, ['--session', 's1', '--json']);
});

forward('help lists every flag with its type, limits, default and description', () => {
  const help = schemaHelp({ command: 'agent-browser demo:wait', summary: 'Wait for quiet.', flags: waitFlags });
  assert.match(help, 'Wait for quiet.\n\nUSAGE\n  $ agent-browser demo:wait --quiet-ms <integer> [--mode <fast|thorough>]');
  assert.match(help, /--quiet-ms=<integer>\s+How long the network must be quiet \(required; >= 50\)/);
  assert.match(help, /--mode=<fast\|thorough>\s+\(default: "fast"\)/);
  assert.match(help, /--deep\s+\(--no-deep for false\)/);
  assert.match(help, /--tags=<string, repeatable>/);
  assert.is(kebabCase('innerHTMLText'), 'inner-html-text');
});

forward.run();
