/**
 * The redactor in a real daemon with a real browser: snapshots, reads, evaluate, storage, url and
 * title come back masked, refs of masked elements still resolve, screenshots stay valid PNGs.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { servePages, startTestDaemon, type PageServer, type TestDaemon } from 'agent-browser-host/testing';

const PLUGIN = new URL('../dist/index.js', import.meta.url).href;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const EMAIL = 'alice@example.com';
const OTHER_EMAIL = 'bob.smith@mail.example.org';
const JWT = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1234567890', name: 'Alice' })}.c2lnbmF0dXJlLW5vdC1yZWFs`;
const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;
const CARD = '4111 1111 1111 1111';
const NOT_A_CARD = '4111 1111 1111 1112';
const ORDER_NUMBER = '5012 3456 7890 1234';
const CUSTOM_SECRET = 'ACME-778899';
const SECRETS = [EMAIL, OTHER_EMAIL, JWT, GITHUB_TOKEN, CARD, CUSTOM_SECRET, 'carol@example.net', 'dave@example.net'];

const ACCOUNT = `<!doctype html>
<html><head><title>Account of ${EMAIL}</title></head>
<body>
  <h1>Account</h1>
  <p id="contact">Contact: ${EMAIL} or ${OTHER_EMAIL}</p>
  <p id="session">Session: ${JWT}</p>
  <p id="deploy">Deploy token: ${GITHUB_TOKEN}</p>
  <p id="card">Card on file: ${CARD}</p>
  <p id="gift">Gift card: ${NOT_A_CARD}</p>
  <p id="order">Order number: ${ORDER_NUMBER}</p>
  <p id="internal">Internal reference: ${CUSTOM_SECRET}, build internal-abcdefgh</p>
  <button onclick="wrote('carol')">Write to carol@example.net</button>
  <button onclick="wrote('dave')">Write to dave@example.net</button>
  <p id="out">nobody</p>
  <script>
    function wrote(who) { document.getElementById('out').textContent = 'wrote to ' + who; }
  </script>
</body></html>`;

const OPTIONS = {
  // `codeword-\S+` matches its own source: the status answer would show it masked if it were not left alone.
  patterns: [{ name: 'acme-ref', pattern: 'ACME-\\d{6}' }, 'internal-[a-z]{8}', { name: 'codeword', pattern: 'codeword-\\S+' }],
  replacement: '[hidden {kind}]',
  // diff_snapshot is left alone by afterAction, so what it shows was masked by the snapshot hook.
  skip: ['innerhtml', 'diff_snapshot'],
};

function assertNoSecret(text: string, where: string) {
  for (const secret of SECRETS) assert.not.ok(text.includes(secret), `${where} still contains ${secret}:\n${text}`);
}

const test = suite<{ daemon: TestDaemon; server: PageServer }>('redactor');

test.before(async (context) => {
  context.server = await servePages({ '/account': ACCOUNT });
  context.daemon = await startTestDaemon({ plugins: [[PLUGIN, OPTIONS]] });
  await context.daemon.call('navigate', { url: context.server.url(`/account?user=${EMAIL}`) });
});

test.after(async ({ daemon, server }) => {
  await daemon?.stop();
  await server?.close();
});

test('snapshot: the tree and the answer’s refs are masked; every ref still resolves by its real name', async ({ daemon }) => {
  const { snapshot, refs, origin } = await daemon.call<{ snapshot: string; refs: Record<string, { role: string; name: string }>; origin: string }>('snapshot');
  assertNoSecret(snapshot, 'the snapshot');
  assertNoSecret(JSON.stringify(refs), 'the refs');
  assertNoSecret(origin, 'the origin');
  for (const kind of ['email', 'jwt', 'github-token', 'card', 'acme-ref', 'custom'])
    assert.ok(snapshot.includes(`[hidden ${kind}]`), `no [hidden ${kind}] in:\n${snapshot}`);
  assert.ok(snapshot.includes(NOT_A_CARD), 'a number failing the Luhn check stays');
  assert.ok(snapshot.includes(ORDER_NUMBER), 'the order number stays');

  // Both buttons read "Write to [hidden email]" now; the stored refs tell them apart by their real names.
  const buttons = Object.entries(refs).filter(([, entry]) => entry.role === 'button');
  assert.equal(
    buttons.map(([, entry]) => entry.name),
    ['Write to [hidden email]', 'Write to [hidden email]'],
  );
  const [carol, dave] = buttons.map(([ref]) => `@${ref}`);
  assert.ok(snapshot.includes(`button "Write to [hidden email]" [ref=${dave.slice(1)}]`), snapshot);

  await daemon.call('click', { selector: dave });
  assert.equal((await daemon.call('gettext', { selector: '#out' })).text, 'wrote to dave');
  await daemon.call('click', { selector: carol });
  assert.equal((await daemon.call('gettext', { selector: '#out' })).text, 'wrote to carol');
  assert.equal((await daemon.call('gettext', { selector: dave })).text, 'Write to [hidden email]');
});

test('the snapshot hook masks the tree itself: a diff_snapshot the afterAction tap skips shows masked lines', async ({ daemon }) => {
  await daemon.call('snapshot');
  await daemon.call('evaluate', { script: "document.getElementById('out').textContent = 'sent to erin@example.com'" });
  const { diff, changed } = await daemon.call<{ diff: string; changed: boolean }>('diff_snapshot');
  assert.ok(changed);
  assertNoSecret(diff, 'the snapshot diff');
  assert.not.ok(diff.includes('erin@example.com'), diff);
  assert.ok(diff.includes('sent to [hidden email]'), diff);
  assert.ok(diff.includes('button "Write to [hidden email]"'), diff);
});

test('reads, url and title come back masked; non-secrets stay', async ({ daemon }) => {
  assert.equal((await daemon.call('gettext', { selector: '#contact' })).text, 'Contact: [hidden email] or [hidden email]');
  assert.equal((await daemon.call('innertext', { selector: '#session' })).text, 'Session: [hidden jwt]');
  assert.equal((await daemon.call('gettext', { selector: '#deploy' })).text, 'Deploy token: [hidden github-token]');
  assert.equal((await daemon.call('gettext', { selector: '#card' })).text, 'Card on file: [hidden card]');
  assert.equal((await daemon.call('gettext', { selector: '#gift' })).text, `Gift card: ${NOT_A_CARD}`);
  assert.equal((await daemon.call('gettext', { selector: '#order' })).text, `Order number: ${ORDER_NUMBER}`);
  assert.equal((await daemon.call('gettext', { selector: '#internal' })).text, 'Internal reference: [hidden acme-ref], build [hidden custom]');
  assert.equal((await daemon.call('title')).title, 'Account of [hidden email]');
  const { url } = await daemon.call<{ url: string }>('url');
  assert.ok(url.endsWith('/account?user=[hidden email]'), url);
});

test('evaluate: strings deep inside objects and arrays are masked, keys too; numbers and booleans stay', async ({ daemon }) => {
  const script = `({
    user: { email: ${JSON.stringify(EMAIL)}, cards: [${JSON.stringify(CARD)}, ${JSON.stringify(NOT_A_CARD)}], verified: true, visits: 4111111111111111 },
    tokens: [[${JSON.stringify(`Authorization: Bearer ${GITHUB_TOKEN}`)}], { jwt: ${JSON.stringify(JWT)} }],
    byAddress: { ${JSON.stringify(OTHER_EMAIL)}: 'admin' },
    note: null,
  })`;
  const { result } = await daemon.call('evaluate', { script });
  assert.equal(result, {
    user: { email: '[hidden email]', cards: ['[hidden card]', NOT_A_CARD], verified: true, visits: 4111111111111111 },
    tokens: [['Authorization: Bearer [hidden github-token]'], { jwt: '[hidden jwt]' }],
    byAddress: { '[hidden email]': 'admin' },
    note: null,
  });
});

test('storage: values and keys read back from localStorage are masked', async ({ daemon }) => {
  await daemon.call('storage_set', { type: 'local', key: 'auth', value: `Bearer ${JWT}` });
  await daemon.call('storage_set', { type: 'local', key: `draft:${EMAIL}`, value: 'hello' });
  const { data } = await daemon.call('storage_get', { type: 'local' });
  assert.equal(data, { auth: 'Bearer [hidden jwt]', 'draft:[hidden email]': 'hello' });
});

test('screenshot: the base64 payload is left intact and decodes to a PNG', async ({ daemon }) => {
  const { base64 } = await daemon.call<{ base64: string }>('screenshot');
  const bytes = Buffer.from(base64, 'base64');
  assert.equal(bytes.toString('base64'), base64, 'the payload is untouched base64');
  assert.equal([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 1000);
});

test('error messages are masked too, their code kept', async ({ daemon }) => {
  const answer = await daemon.send({ action: 'evaluate', script: `throw new Error('no account for ${EMAIL}')` });
  assert.is(answer.success, false);
  assert.is(answer.code, 'EVALUATION_FAILED');
  assert.ok(answer.error?.includes('no account for [hidden email]'), answer.error);
  assertNoSecret(answer.error ?? '', 'the error');
});

test('skip: results of skipped actions are left alone', async ({ daemon }) => {
  assert.equal((await daemon.call('innerhtml', { selector: '#contact' })).html, `Contact: ${EMAIL} or ${OTHER_EMAIL}`);
});

test('redactor:status counts masks per kind and shows the active rules verbatim', async ({ daemon }) => {
  const before = await daemon.call('redactor:status', { reset: true });
  assert.ok(before.total > 0, 'earlier tests masked something');
  assert.is(before.reset, true);

  // innertext answers the text alone (gettext adds the page's origin, whose ?user= holds an address too).
  await daemon.call('innertext', { selector: '#contact' });
  await daemon.call('innertext', { selector: '#card' });
  await daemon.call('innertext', { selector: '#order' });
  const status = await daemon.call('redactor:status');
  assert.is(status.total, 3);
  assert.is(status.counts.email, 2);
  assert.is(status.counts.card, 1);
  assert.is(status.counts.jwt, 0);
  assert.is(status.replacement, '[hidden {kind}]');
  assert.equal(status.skip, ['innerhtml', 'diff_snapshot']);
  assert.equal(status.rules.slice(0, 3), [
    { kind: 'acme-ref', source: 'pattern', pattern: 'ACME-\\d{6}' },
    { kind: 'custom', source: 'pattern', pattern: 'internal-[a-z]{8}' },
    { kind: 'codeword', source: 'pattern', pattern: 'codeword-\\S+' },
  ]);
  const kinds = status.rules.map((rule: { kind: string }) => rule.kind);
  for (const kind of ['email', 'card', 'jwt', 'bearer', 'github-token', 'private-key']) assert.ok(kinds.includes(kind), kind);
});

test('the real CLI prints masked output', async ({ daemon }) => {
  const snapshot = await daemon.cli(['snapshot']);
  assert.is(snapshot.code, 0, snapshot.stderr);
  assertNoSecret(snapshot.stdout, 'agent-browser snapshot');
  assert.ok(snapshot.stdout.includes('button "Write to [hidden email]"'), snapshot.stdout);
  const text = await daemon.cli(['get', 'text', '#session']);
  assert.is(text.code, 0, text.stderr);
  assert.is(text.stdout.trim(), 'Session: [hidden jwt]');
});

test.run();

const startup = suite('redactor options');

startup('an invalid regex stops the daemon from starting, naming the plugin and the pattern', async () => {
  let daemon: TestDaemon | undefined;
  try {
    daemon = await startTestDaemon({ plugins: [[PLUGIN, { patterns: ['order-\\d+', { name: 'broken', pattern: 'ACME-(\\d+' }] }]] });
  } catch (error) {
    const message = (error as Error).message;
    assert.match(message, /plugin "redactor"/);
    assert.ok(message.includes('ACME-(\\d+'), message);
    assert.match(message, /patterns\.1\.pattern/);
    return;
  } finally {
    await daemon?.stop();
  }
  assert.unreachable('the daemon started with an invalid pattern');
});

startup.run();
