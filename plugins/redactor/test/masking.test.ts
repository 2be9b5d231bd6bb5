/** The masking rules on their own (no daemon): what is masked, and what must stay. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const { redact, isBinaryString } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');

const test = suite('redactor masking');

test('e-mail addresses, also URL-encoded; asset names, versions and scopes stay', () => {
  assert.is(redact('mail alice@example.com and bob.smith+news@mail.example.co.uk.'), 'mail [REDACTED:email] and [REDACTED:email].');
  assert.is(redact('/profile?user=alice%40example.com&tab=1'), '/profile?user=[REDACTED:email]&tab=1');
  assert.is(redact('mailto:alice@example.com'), 'mailto:[REDACTED:email]');
  const kept = 'logo@2x.png icon@3x.webp lodash@4.17.21 @scope/pkg user@localhost';
  assert.is(redact(kept), kept);
});

test('card numbers need 13–19 digits, a 2–6 start and a valid Luhn checksum', () => {
  assert.is(redact('Visa 4111 1111 1111 1111'), 'Visa [REDACTED:card]');
  assert.is(redact('MC 5555-5555-5555-4444, Amex 378282246310005.'), 'MC [REDACTED:card], Amex [REDACTED:card].');
  const kept = [
    'bad checksum 4111 1111 1111 1112',
    'order 5012 3456 7890 1234',
    'phone +1 555-123-4567',
    'timestamp 1718000000017',
    'twenty digits 41111111111111111111',
    'decimal 0.4111111111111111',
    'id a4111111111111111',
  ].join('\n');
  assert.is(redact(kept), kept);
});

test('token shapes', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dGhpcy1pcy1ub3QtYS1zaWduYXR1cmU';
  const cases: Array<[string, string]> = [
    [`token=${jwt};`, 'token=[REDACTED:jwt];'],
    ['Authorization: Bearer abcDEF0123456789xyz', 'Authorization: Bearer [REDACTED:bearer]'],
    [`ghp_${'a1B2'.repeat(9)} gho_${'Z9y8'.repeat(9)}`, '[REDACTED:github-token] [REDACTED:github-token]'],
    [`github_pat_11ABCDEFG0123456789_${'x'.repeat(59)}`, '[REDACTED:github-token]'],
    ['sk-proj-abc123DEF456ghi789JKL012', '[REDACTED:api-key]'],
    ['sk_live_4eC39HqLyjWDarjtT1zdp7dc rk_test_4eC39HqLyjWDarjtT1zdp7dc', '[REDACTED:api-key] [REDACTED:api-key]'],
    ['xoxb-123456789012-1234567890123-abcdefABCDEF', '[REDACTED:slack-token]'],
    ['AKIAIOSFODNN7EXAMPLE / ASIAY34FZKBOKMUTVV7A', '[REDACTED:aws-access-key] / [REDACTED:aws-access-key]'],
    [`key=AIza${'Sy0_-x'.repeat(5)}abcde`, 'key=[REDACTED:google-api-key]'],
    ['glpat-abcdefghij1234567890', '[REDACTED:gitlab-token]'],
    [`npm_${'abcdef012345'.repeat(3)}`, '[REDACTED:npm-token]'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\nafter', '[REDACTED:private-key]\nafter'],
    ['-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '[REDACTED:private-key]'],
  ];
  for (const [input, expected] of cases) assert.is(redact(input), expected, input);
});

test('token look-alikes in ordinary text stay', () => {
  const kept = 'Bearer tokens are short-lived. task-management-system-overview sk-learn-is-a-python-library AKIAB skills_test_suite eyJ alone';
  assert.is(redact(kept), kept);
});

test('switches turn rule groups off', () => {
  const text = 'alice@example.com 4111111111111111 AKIAIOSFODNN7EXAMPLE';
  assert.is(redact(text, { emails: false }), 'alice@example.com [REDACTED:card] [REDACTED:aws-access-key]');
  assert.is(redact(text, { cards: false }), '[REDACTED:email] 4111111111111111 [REDACTED:aws-access-key]');
  assert.is(redact(text, { tokens: false }), '[REDACTED:email] [REDACTED:card] AKIAIOSFODNN7EXAMPLE');
});

test('custom patterns: kinds, flags, a `secret` group, the replacement template, precedence', () => {
  const patterns = [{ name: 'acme', pattern: 'acme-\\d{6}', flags: 'i' }, 'session=(?<secret>\\w+)', { name: 'handle', pattern: 'user-\\S+' }];
  assert.is(
    redact('ACME-123456 acme-654321 session=abc123 user-alice@example.com', { patterns, replacement: '<{kind}>' }),
    '<acme> <acme> session=<custom> <handle>',
  );
  assert.is(redact('a 4111111111111111 b', { replacement: '***' }), 'a *** b');
});

test('masking is idempotent, even when the replacement looks like a secret', () => {
  const options = { replacement: 'hidden-{kind}@example.com' };
  const once = redact('write to alice@example.com', options);
  assert.is(once, 'write to hidden-email@example.com');
  assert.is(redact(once, options), once);
});

test('binary data stays: embedded data URLs, and what isBinaryString recognises', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  assert.is(redact(`<img src="data:image/png;base64,${png}"> alice@example.com`), `<img src="data:image/png;base64,${png}"> [REDACTED:email]`);
  assert.ok(isBinaryString(`data:image/png;base64,${png}`));
  assert.ok(isBinaryString('QUJD'.repeat(200)));
  assert.not.ok(isBinaryString('QUJD'.repeat(10)));
  assert.not.ok(isBinaryString('plain text with spaces '.repeat(50)));
});

test('invalid options are refused with the offending pattern named', () => {
  assert.throws(
    () => redact('x', { patterns: ['ok', { name: 'broken', pattern: '(unclosed' }] }),
    (error: Error) => error.message.includes('"(unclosed"') && error.message.includes('patterns[1]'),
  );
  assert.throws(() => redact('x', { patterns: [{ name: 'sticky', pattern: 'a', flags: 'y' }] }), /sticky/);
  assert.throws(() => redact('x', { email: false } as never), /email/);
});

test.run();
