// The auth vault and its crypto: AES-256-GCM in the reference's file format, the key from
// AGENT_BROWSER_ENCRYPTION_KEY or a 0600 key file made on first save, and clear errors for a wrong
// or malformed key. Every vault lives in a temporary home folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decrypt, encrypt, ENCRYPTION_KEY_ENV, isEncryptedPayload, keyFilePath } from '../../src/vault/crypto.js';
import { AuthVault, vaultAnswers } from '../../src/vault/store.js';

const PASSWORD = 'pa55-Wörd with spaces & symbols!';
const homes: string[] = [];

function tempHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-vault-'));
  homes.push(home);
  return home;
}

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

function throwsMatching(work: () => unknown, pattern: RegExp, code?: string): void {
  try {
    work();
  } catch (error) {
    assert.match((error as Error).message, pattern);
    if (code) assert.is((error as { code?: string }).code, code);
    assert.not.ok((error as Error).message.includes(PASSWORD), 'the message never shows the password');
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

const profile = { name: 'github', url: 'https://github.com/login', username: 'ada@example.com', password: PASSWORD };
const hexKey = () => crypto.randomBytes(32).toString('hex');

// ---------------------------------------------------------------------------------------------
const cipher = suite('vault crypto');

cipher('encrypt then decrypt gives the text back; the payload does not contain it and never repeats', () => {
  const key = crypto.randomBytes(32);
  const first = encrypt(PASSWORD, key);
  const second = encrypt(PASSWORD, key);
  assert.is(decrypt(first, key), PASSWORD);
  assert.ok(isEncryptedPayload(first));
  assert.equal(Object.keys(first).sort(), ['authTag', 'data', 'encrypted', 'iv', 'version']);
  assert.is(Buffer.from(first.iv, 'base64').length, 12, 'a 96-bit GCM nonce');
  assert.not.ok(JSON.stringify(first).includes(PASSWORD));
  assert.is.not(first.iv, second.iv, 'a fresh IV per encryption');
  assert.is.not(first.data, second.data);
});

cipher('another key, or an altered payload, does not decrypt', () => {
  const key = crypto.randomBytes(32);
  const payload = encrypt(PASSWORD, key);
  assert.throws(() => decrypt(payload, crypto.randomBytes(32)));
  const flipped = Buffer.from(payload.data, 'base64');
  flipped[0] = flipped[0]! ^ 1;
  assert.throws(() => decrypt({ ...payload, data: flipped.toString('base64') }, key));
});

cipher('a payload of the reference implementation (its encryptData, verbatim algorithm) decrypts', () => {
  const key = crypto.randomBytes(32);
  const iv = crypto.randomBytes(12);
  const reference = crypto.createCipheriv('aes-256-gcm', key, iv);
  let data = reference.update('{"name":"x"}', 'utf8');
  data = Buffer.concat([data, reference.final()]);
  const payload = {
    version: 1 as const,
    encrypted: true as const,
    iv: iv.toString('base64'),
    authTag: reference.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  assert.is(decrypt(payload, key), '{"name":"x"}');
});

cipher('isEncryptedPayload tells encrypted files from plain profiles', () => {
  assert.not.ok(isEncryptedPayload({ name: 'x', password: 'y' }));
  assert.not.ok(isEncryptedPayload(null));
  assert.not.ok(isEncryptedPayload({ encrypted: true, version: 1, iv: 'a' }));
});

// ---------------------------------------------------------------------------------------------
const vault = suite('auth vault');

vault.after(() => {
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

vault('the first save creates the key file (0600, in a 0700 folder) once, and an encrypted 0600 profile file', () => {
  const home = tempHome();
  const created: string[] = [];
  const store = new AuthVault({ home, env: {}, onKeyCreated: (file) => created.push(file) });
  assert.equal(vaultAnswers.auth_save(store, profile), { saved: true, updated: false, name: 'github', url: profile.url, username: profile.username });
  const keyFile = keyFilePath(home);
  assert.equal(created, [keyFile]);
  assert.is(keyFile, path.join(home, '.agent-browser', '.encryption-key'));
  assert.is(mode(keyFile), 0o600);
  assert.match(fs.readFileSync(keyFile, 'utf8'), /^[0-9a-f]{64}\n$/);
  assert.is(mode(path.dirname(keyFile)), 0o700);
  const file = path.join(home, '.agent-browser', 'auth', 'github.json');
  assert.is(mode(file), 0o600);
  assert.is(mode(path.dirname(file)), 0o700);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(isEncryptedPayload(JSON.parse(text)));
  for (const secret of [PASSWORD, profile.username, 'github.com']) assert.not.ok(text.includes(secret), `${secret} is not in the file in clear`);
  vaultAnswers.auth_save(store, { ...profile, password: 'second' });
  assert.is(created.length, 1, 'the key is made once');
});

vault('show and list never carry the password; save again updates and keeps createdAt; delete removes', () => {
  const store = new AuthVault({ home: tempHome(), env: {} });
  vaultAnswers.auth_save(store, { ...profile, usernameSelector: '#user', submitSelector: 'text=Go' });
  const shown = vaultAnswers.auth_show(store, { name: 'github' });
  assert.equal(Object.keys(shown.profile).sort(), ['createdAt', 'name', 'url', 'username']);
  assert.not.ok(JSON.stringify(shown).includes(PASSWORD));
  assert.equal(store.profile('github')?.usernameSelector, '#user');
  const updated = vaultAnswers.auth_save(store, { ...profile, url: 'https://github.com/session' });
  assert.equal(updated, { saved: false, updated: true, name: 'github', url: 'https://github.com/session', username: profile.username });
  assert.is(vaultAnswers.auth_show(store, { name: 'github' }).profile.createdAt, shown.profile.createdAt);
  assert.is(store.profile('github')?.usernameSelector, undefined, 'an update replaces the selectors');
  store.touchLogin('github');
  assert.type(vaultAnswers.auth_show(store, { name: 'github' }).profile.lastLoginAt, 'string');
  vaultAnswers.auth_save(store, { ...profile, name: 'intranet_2' });
  const listed = vaultAnswers.auth_list(store).profiles;
  assert.equal(
    listed.map((p) => p.name),
    ['github', 'intranet_2'],
  );
  assert.not.ok(JSON.stringify(listed).includes(PASSWORD));
  assert.equal(vaultAnswers.auth_delete(store, { name: 'github' }), { deleted: true, name: 'github' });
  throwsMatching(() => vaultAnswers.auth_delete(store, { name: 'github' }), /^Auth profile 'github' not found$/, 'FILE_NOT_FOUND');
  throwsMatching(() => vaultAnswers.auth_show(store, { name: 'github' }), /^Auth profile 'github' not found$/, 'FILE_NOT_FOUND');
});

vault('an empty or missing vault lists nothing; a name that is not a file name is refused', () => {
  const store = new AuthVault({ home: tempHome(), env: {} });
  assert.equal(vaultAnswers.auth_list(store), { profiles: [] });
  for (const name of ['../escape', 'a b', 'x.json', '']) {
    throwsMatching(() => vaultAnswers.auth_save(store, { ...profile, name }), /Invalid auth profile name/, 'INVALID_PARAMS');
  }
});

vault('AGENT_BROWSER_ENCRYPTION_KEY is used instead of a key file; the wrong key is a clear error, not garbage', () => {
  const home = tempHome();
  const key = hexKey();
  const store = new AuthVault({ home, env: { [ENCRYPTION_KEY_ENV]: key } });
  vaultAnswers.auth_save(store, profile);
  assert.not.ok(fs.existsSync(keyFilePath(home)), 'no key file is made when the key comes from the environment');
  assert.is(new AuthVault({ home, env: { [ENCRYPTION_KEY_ENV]: key.toUpperCase() } }).profile('github')?.password, PASSWORD);
  const wrong = new AuthVault({ home, env: { [ENCRYPTION_KEY_ENV]: hexKey() } });
  throwsMatching(
    () => wrong.profile('github'),
    /Cannot decrypt auth profile 'github' .* with the key from AGENT_BROWSER_ENCRYPTION_KEY: it was saved with another key/,
    'FILE_ERROR',
  );
  throwsMatching(() => vaultAnswers.auth_show(wrong, { name: 'github' }), /Cannot decrypt/);
  assert.equal(
    vaultAnswers.auth_list(wrong).profiles,
    [{ name: 'github', url: '(encrypted)', username: '(encrypted)', createdAt: '(unknown)' }],
    'listed as the reference lists what it cannot read',
  );
  const none = new AuthVault({ home, env: {} });
  throwsMatching(
    () => none.profile('github'),
    /is encrypted, but there is no key: set AGENT_BROWSER_ENCRYPTION_KEY or restore .*\.encryption-key/,
    'FILE_ERROR',
  );
});

vault('a malformed key (environment or file) is refused, and a bad key file is never overwritten', () => {
  const home = tempHome();
  throwsMatching(
    () => vaultAnswers.auth_save(new AuthVault({ home, env: { [ENCRYPTION_KEY_ENV]: 'too-short' } }), profile),
    /AGENT_BROWSER_ENCRYPTION_KEY must hold a 256-bit key as 64 hexadecimal characters \(generate one with: openssl rand -hex 32\)/,
    'FILE_ERROR',
  );
  const keyFile = keyFilePath(home);
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  fs.writeFileSync(keyFile, 'not a key\n');
  throwsMatching(
    () => vaultAnswers.auth_save(new AuthVault({ home, env: {} }), profile),
    /The key file .*\.encryption-key must hold a 256-bit key/,
    'FILE_ERROR',
  );
  assert.is(fs.readFileSync(keyFile, 'utf8'), 'not a key\n');
});

vault('a key file another process wrote in the meantime is used, not replaced', () => {
  const home = tempHome();
  const key = hexKey();
  const store = new AuthVault({ home, env: {} });
  fs.mkdirSync(path.join(home, '.agent-browser'), { recursive: true });
  fs.writeFileSync(keyFilePath(home), `${key}\n`, { mode: 0o600 });
  vaultAnswers.auth_save(store, profile);
  assert.is(new AuthVault({ home, env: { [ENCRYPTION_KEY_ENV]: key } }).profile('github')?.password, PASSWORD);
});

vault('profiles in the reference layout are read: encrypted with its key file, and plain ones it wrote before encrypting', () => {
  const home = tempHome();
  const key = crypto.randomBytes(32);
  const dir = path.join(home, '.agent-browser', 'auth');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyFilePath(home), `${key.toString('hex')}\n`);
  const stored = { ...profile, createdAt: '2025-01-01T00:00:00.000Z' };
  fs.writeFileSync(path.join(dir, 'github.json'), JSON.stringify(encrypt(JSON.stringify(stored, null, 2), key), null, 2));
  fs.writeFileSync(path.join(dir, 'legacy.json'), JSON.stringify({ ...stored, name: 'legacy' }));
  const store = new AuthVault({ home, env: {} });
  assert.is(store.profile('github')?.password, PASSWORD);
  assert.equal(
    vaultAnswers.auth_list(store).profiles.map((p) => [p.name, p.createdAt]),
    [
      ['github', '2025-01-01T00:00:00.000Z'],
      ['legacy', '2025-01-01T00:00:00.000Z'],
    ],
  );
});

cipher.run();
vault.run();
