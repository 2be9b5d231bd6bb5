/**
 * The auth vault (reference 0.19 auth_*) against a real daemon, real Chromium and real login pages on
 * 127.0.0.1: save → list → show (no password) → login (the page records what it received) → delete,
 * over the wire, through this CLI (which runs the vault itself, without a daemon) and through the
 * 0.19 Rust CLI's auth-cli.js route; the password in no reply, status or log. Every vault lives in
 * a temporary HOME.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { evaluate, guardedSetUp, keys, Wire } from '../helpers/e2e.js';
import { ROOT } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const PASSWORD = 'c0rrect horse+battery&staple';

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

function succeeded(result: CliResult, label: string): string {
  assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

/** What the login page's form sent, as the page recorded it. */
async function received(daemon: TestDaemon): Promise<Record<string, string>> {
  return JSON.parse((await evaluate(daemon, "sessionStorage.getItem('received')")) ?? '{}');
}

const vault = suite('auth vault and auth_login');
let home = '';
let server: PageServer;
let daemon: TestDaemon;
let wire: Wire;
let cliEnv: NodeJS.ProcessEnv = {};
const cliOutputs: string[] = [];

async function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const result = await runCli(args, { env: { ...cliEnv, ...options.env }, input: options.input, cwd: home });
  cliOutputs.push(result.stdout, result.stderr);
  return result;
}

guardedSetUp(vault, async () => {
  home = tempDir('abt-home-');
  server = await startPageServer();
  // Debug logging: every request is logged, so the log test below has lines to search.
  daemon = await startDaemon({ env: { HOME: home, AGENT_BROWSER_DEBUG: '1' } });
  wire = new Wire(daemon);
  cliEnv = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session, HOME: home });
});
vault.after(async () => {
  await daemon?.stop().catch(() => undefined);
  await server?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

vault('auth_save, auth_list and auth_show answer the reference keys without the password; the vault files are encrypted, the key file 0600', async () => {
  const url = server.url('/e2e/auth-login.html');
  const saved = await wire.ok({ action: 'auth_save', name: 'site', url, username: 'ada@example.com', password: PASSWORD });
  assert.equal(saved, { saved: true, updated: false, name: 'site', url, username: 'ada@example.com' });
  const keyFile = path.join(home, '.agent-browser', '.encryption-key');
  assert.is(fs.statSync(keyFile).mode & 0o777, 0o600);
  const file = path.join(home, '.agent-browser', 'auth', 'site.json');
  assert.is(fs.statSync(file).mode & 0o777, 0o600);
  const stored = fs.readFileSync(file, 'utf8');
  assert.equal(Object.keys(JSON.parse(stored)).sort(), ['authTag', 'data', 'encrypted', 'iv', 'version']);
  assert.not.ok(stored.includes(PASSWORD) || stored.includes('ada@example.com'), 'nothing in clear');

  const again = await wire.ok({ action: 'auth_save', name: 'site', url, username: 'ada@example.com', password: PASSWORD });
  assert.equal([again.saved, again.updated], [false, true]);
  const { profiles } = await wire.ok({ action: 'auth_list' });
  assert.is(profiles.length, 1);
  keys(profiles[0], ['name', 'url', 'username', 'createdAt']);
  const { profile } = await wire.ok({ action: 'auth_show', name: 'site' });
  keys(profile, ['name', 'url', 'username', 'createdAt']);
  assert.equal([profile.name, profile.url, profile.username], ['site', url, 'ada@example.com']);
  assert.is((await wire.ok({ action: 'status' })).browser.launched, false, 'vault actions do not start the browser');
});

vault('auth_login finds the login form (rendered after load, past a decoy form), fills and submits it, and waits for the next page', async () => {
  const data = await wire.ok({ action: 'auth_login', name: 'site' });
  keys(data, ['loggedIn', 'name', 'url', 'title']);
  assert.equal(data, { loggedIn: true, name: 'site', url: server.url('/e2e/auth-welcome.html'), title: 'Welcome' });
  assert.equal(await received(daemon), { form: 'login', username: 'ada@example.com', password: PASSWORD });
  assert.is(await evaluate(daemon, "document.getElementById('hello').textContent"), 'Welcome ada@example.com');
  assert.type((await wire.ok({ action: 'auth_show', name: 'site' })).profile.lastLoginAt, 'string', 'the login is recorded');

  // A username the form refuses (not an e-mail address): the browser does not submit, and the answer says why.
  await wire.ok({ action: 'auth_save', name: 'plain-name', url: server.url('/e2e/auth-login.html'), username: 'ada', password: PASSWORD });
  const refused = await wire.fails({ action: 'auth_login', name: 'plain-name' }, 'INVALID_PARAMS');
  assert.match(
    refused,
    /^Auth login failed for 'plain-name': the page refused to submit the login form \(email: .+\)\. Check the saved username \('agent-browser auth show plain-name'\)/,
  );
  assert.is((await wire.ok({ action: 'auth_show', name: 'plain-name' })).profile.lastLoginAt, undefined, 'no login recorded');
});

vault('a form it cannot find fails with advice; saved selectors (auth save through the CLI, password on stdin) log in', async () => {
  const url = server.url('/e2e/auth-custom.html');
  await wire.ok({ action: 'auth_save', name: 'member', url, username: '4711', password: PASSWORD });
  const error = await wire.fails({ action: 'auth_login', name: 'member' }, 'ELEMENT_NOT_FOUND');
  assert.is(error, `Auth login failed for 'member': could not find the username field on ${url}. Specify --username-selector with auth save.`);

  const save = await cli(
    ['auth', 'save', 'member', '--url', url, '--username', '4711', '--password-stdin', '--username-selector', '#member', '--submit-selector', '#enter'],
    { input: `${PASSWORD}\n` },
  );
  assert.is(succeeded(save, 'auth save'), "✓ Auth profile 'member' updated");
  assert.not.match(save.stderr, /command line/, 'no warning with --password-stdin');
  const login = await cli(['auth', 'login', 'member']);
  assert.is(succeeded(login, 'auth login'), "✓ Logged in as 'member' - Welcome");
  assert.equal(await received(daemon), { form: 'custom', username: '4711', password: PASSWORD });

  const broken = await cli([
    'auth',
    'save',
    'broken',
    '--url',
    url,
    '--username',
    '4711',
    '--password',
    PASSWORD,
    '--username-selector',
    '#member',
    '--password-selector',
    '#nope',
    '--submit-selector',
    '#enter',
  ]);
  succeeded(broken, 'auth save --password');
  assert.match(broken.stderr, /Passwords on the command line may be visible in process listings and shell history\. Use --password-stdin instead\./);
  const failed = await wire.fails({ action: 'auth_login', name: 'broken', timeout: 1000 }, 'ELEMENT_NOT_FOUND');
  assert.match(failed, /^Auth login failed for 'broken': .*#nope/, failed);
  assert.not.match(failed, /nth=0/, 'the selector as saved');
  assert.match(failed, /Try specifying custom selectors with auth save --username-selector\/--password-selector\/--submit-selector$/);
});

vault('unknown and invalid profile names', async () => {
  assert.is(await wire.fails({ action: 'auth_login', name: 'nobody' }, 'FILE_NOT_FOUND'), "Auth profile 'nobody' not found");
  assert.is(await wire.fails({ action: 'auth_show', name: 'nobody' }, 'FILE_NOT_FOUND'), "Auth profile 'nobody' not found");
  assert.match(
    await wire.fails({ action: 'auth_save', name: '../x', url: 'u', username: 'u', password: 'p' }, 'INVALID_PARAMS'),
    /name: Profile name must contain only alphanumeric characters, hyphens, and underscores/,
  );
  assert.match(await wire.fails({ action: 'auth_save', name: 'x', url: 'u', username: 'u' }, 'INVALID_PARAMS'), /password: required/);
});

vault('a profile saved with another key: a clear error (not garbage), listed as (encrypted); a malformed key is refused', async () => {
  const otherKey = crypto.randomBytes(32).toString('hex');
  const url = server.url('/e2e/auth-login.html');
  succeeded(
    await cli(['auth', 'save', 'otherkey', '--url', url, '--username', 'eve', '--password-stdin'], {
      input: `${PASSWORD}\n`,
      env: { AGENT_BROWSER_ENCRYPTION_KEY: otherKey },
    }),
    'auth save with a key',
  );
  const error = await wire.fails({ action: 'auth_login', name: 'otherkey' }, 'FILE_ERROR');
  assert.match(
    error,
    /^Cannot decrypt auth profile 'otherkey' \(.*otherkey\.json\) with the key from .*\.encryption-key: it was saved with another key, or the file was altered\./,
  );
  const listed = (await wire.ok({ action: 'auth_list' })).profiles.find((p: { name: string }) => p.name === 'otherkey');
  assert.equal(listed, { name: 'otherkey', url: '(encrypted)', username: '(encrypted)', createdAt: '(unknown)' });
  const shown = await cli(['auth', 'show', 'otherkey', '--json'], { env: { AGENT_BROWSER_ENCRYPTION_KEY: otherKey } });
  assert.equal(JSON.parse(succeeded(shown, 'auth show with the key')).data.profile.username, 'eve');
  const malformed = await cli(['auth', 'show', 'otherkey'], { env: { AGENT_BROWSER_ENCRYPTION_KEY: 'abc' } });
  assert.is(malformed.code, 1);
  assert.is(
    malformed.stderr.trim(),
    '✗ AGENT_BROWSER_ENCRYPTION_KEY must hold a 256-bit key as 64 hexadecimal characters (generate one with: openssl rand -hex 32).',
  );
  succeeded(await cli(['auth', 'delete', 'otherkey']), 'auth delete needs no key');
});

vault('the CLI runs save, list, show and delete|remove on the vault itself: no daemon starts', async () => {
  const env = { AGENT_BROWSER_SESSION: 'no-daemon-here' };
  const url = server.url('/e2e/auth-login.html');
  assert.is(
    succeeded(await cli(['auth', 'save', 'cli-only', '--url', url, '--username', 'bob', '--password-stdin'], { input: `${PASSWORD}\r\n`, env }), 'save'),
    "✓ Auth profile 'cli-only' saved",
  );
  const list = succeeded(await cli(['auth', 'list'], { env }), 'list');
  assert.match(list, /^Auth profiles:\n/);
  assert.match(list, new RegExp(`^  cli-only bob ${url.replace(/[.?]/g, '\\$&')}$`, 'm'));
  const show = succeeded(await cli(['auth', 'show', 'cli-only'], { env }), 'show');
  assert.match(show, new RegExp(`^Name: cli-only\nURL: ${url.replace(/[.?]/g, '\\$&')}\nUsername: bob\nCreated: \\d{4}-`));
  const json = JSON.parse(succeeded(await cli(['--json', 'auth', 'show', 'cli-only'], { env }), 'show --json'));
  assert.equal(Object.keys(json.data.profile).sort(), ['createdAt', 'name', 'url', 'username']);
  assert.is(succeeded(await cli(['auth', 'remove', 'cli-only'], { env }), 'remove'), "✓ Auth profile 'cli-only' deleted");
  const gone = await cli(['auth', 'delete', 'cli-only'], { env });
  assert.equal([gone.code, gone.stderr.trim()], [1, "✗ Auth profile 'cli-only' not found"]);
  const emptyStdin = await cli(['auth', 'save', 'x', '--url', url, '--username', 'bob', '--password-stdin'], { input: '', env });
  assert.equal(
    [emptyStdin.code, emptyStdin.stderr.split('\n')[0]],
    [1, '✗ The password from stdin is empty: pipe it in, e.g. printf \'%s\\n\' "$PASS" | agent-browser auth save …'],
  );
  assert.not.ok(fs.existsSync(path.join(daemon.socketDir, 'no-daemon-here.sock')), 'no daemon was started for the session');
});

vault('the vault commands keep to the CLI side of the process boundary: no playwright-core, browser, builtins or daemon code', async () => {
  const tracer = path.join(ROOT, 'test', 'helpers', 'trace-imports.mjs');
  const url = server.url('/e2e/auth-login.html');
  const commands: Array<[string[], string]> = [
    [['auth', 'save', 'traced', '--url', url, '--username', 'tracy', '--password-stdin'], `${PASSWORD}\n`],
    [['auth', 'list'], ''],
    [['auth', 'show', 'traced'], ''],
    [['auth', 'delete', 'traced'], ''],
  ];
  for (const [args, input] of commands) {
    const traceFile = path.join(home, `trace-${args[1]}.txt`);
    const run = spawnSync(process.execPath, ['--import', tracer, path.join(ROOT, 'bin', 'run.js'), ...args], {
      env: { ...cliEnv, TRACE_IMPORTS_FILE: traceFile },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.is(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
    const modules = fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
    assert.ok(
      modules.some((module) => module.includes('/dist/vault/')),
      `${args.join(' ')} used the vault`,
    );
    for (const forbidden of ['playwright-core', '/dist/browser/', '/dist/builtins/', '/dist/daemon/']) {
      assert.equal(
        modules.filter((module) => module.includes(forbidden)),
        [],
        `${args.join(' ')} must not load ${forbidden}`,
      );
    }
  }
});

vault('the agent-browser 0.19 Rust CLI (AGENT_BROWSER_HOME=this package) runs auth save/list/show/delete on this vault via dist/auth-cli.js', async () => {
  const cache = process.env.AGENT_BROWSER_COMPAT_CACHE ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'agent-browser-compat');
  const bin = path.join(cache, 'cli-0.19.0', 'agent-browser');
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'auth-cli.js')), 'the build ships dist/auth-cli.js');
  if (!fs.existsSync(bin)) {
    console.log(`  (0.19 CLI not installed at ${bin}: run node test/compat/install.mjs; only dist/auth-cli.js checked)`);
    return;
  }
  const run = (args: string[], input = '') => {
    const result = spawnSync(bin, args, {
      env: { ...cliEnv, AGENT_BROWSER_HOME: ROOT, AGENT_BROWSER_SESSION: 'rust-cli-no-daemon' },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    cliOutputs.push(result.stdout, result.stderr);
    return result;
  };
  const url = server.url('/e2e/auth-login.html');
  const save = run(['--json', 'auth', 'save', 'rust', '--url', url, '--username', 'rusty@example.com', '--password-stdin'], `${PASSWORD}\n`);
  assert.is(save.status, 0, save.stderr);
  assert.equal(JSON.parse(save.stdout), {
    success: true,
    id: JSON.parse(save.stdout).id,
    data: { saved: true, updated: false, name: 'rust', url, username: 'rusty@example.com' },
  });
  const list = JSON.parse(run(['--json', 'auth', 'list']).stdout);
  assert.ok(list.data.profiles.some((p: { name: string }) => p.name === 'rust'));
  const show = run(['auth', 'show', 'rust']);
  assert.is(show.status, 0, show.stderr);
  assert.match(show.stdout, /^Name: rust\nURL: .*\nUsername: rusty@example\.com\nCreated: /);
  // The profile the Rust CLI saved is the one this daemon logs in with.
  assert.equal(await wire.ok({ action: 'auth_login', name: 'rust' }), {
    loggedIn: true,
    name: 'rust',
    url: server.url('/e2e/auth-welcome.html'),
    title: 'Welcome',
  });
  assert.equal(await received(daemon), { form: 'login', username: 'rusty@example.com', password: PASSWORD });
  const removed = run(['auth', 'delete', 'rust']);
  assert.match(removed.stdout, /Auth profile 'rust' deleted/);
  const missing = run(['--json', 'auth', 'show', 'rust']);
  assert.equal(JSON.parse(missing.stdout).error, "Auth profile 'rust' not found");
  assert.not.ok(fs.existsSync(path.join(daemon.socketDir, 'rust-cli-no-daemon.sock')), 'no daemon was started');
});

vault('auth_delete over the wire; then the password is in no answer, no CLI output, not in daemon status and not in the daemon log', async () => {
  assert.equal(await wire.ok({ action: 'auth_delete', name: 'member' }), { deleted: true, name: 'member' });
  assert.is(await wire.fails({ action: 'auth_delete', name: 'member' }, 'FILE_NOT_FOUND'), "Auth profile 'member' not found");
  const status = await cli(['daemon', 'status', '--json']);
  succeeded(status, 'daemon status');
  const logFile = path.join(daemon.socketDir, `${daemon.session}.log`);
  const log = fs.readFileSync(logFile, 'utf8');
  assert.match(log, /auth_login ok in \d+ ms/, 'the log records the requests');
  assert.match(log, /auth_login failed in \d+ ms: Auth login failed for 'broken'/, 'and the failed ones with their message');
  const encoded = [PASSWORD, encodeURIComponent(PASSWORD), encodeURIComponent(PASSWORD).replace(/%20/g, '+')];
  const places: Array<[string, string]> = [
    ['the wire answers', JSON.stringify(wire.answers.filter((answer) => answer.id !== 'w-evaluate'))],
    ['CLI output', cliOutputs.join('\n')],
    ['daemon status', status.stdout],
    ['the daemon log', log],
  ];
  for (const [where, text] of places) {
    for (const form of encoded) assert.not.ok(text.includes(form), `the password (${form}) is in ${where}`);
  }
});

vault.run();
