/**
 * Saved storage-state files in the state folder (config stateDir, reference 0.19 §2.14 state_*):
 * `state save|load <name>` use `<stateDir>/<name>.json`; list/show/clear/clean/rename work on the
 * files only, and never start a browser. A daemon (and the CLI) point AGENT_BROWSER_STATE_DIR at a
 * temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const DAY = 24 * 60 * 60 * 1000;

/** A storage state as `state save` writes it. */
function stateJson(cookies: Array<{ name: string; value: string; domain: string }>, origins: string[] = []): string {
  return JSON.stringify({
    cookies: cookies.map((c) => ({ ...c, path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax' })),
    origins: origins.map((origin) => ({ origin, localStorage: [{ name: 'k', value: 'v' }] })),
  });
}

function setAge(file: string, days: number): void {
  const when = new Date(Date.now() - days * DAY);
  fs.utimesSync(file, when, when);
}

async function launched(daemon: TestDaemon): Promise<boolean> {
  return (await ok(daemon, { action: 'status' })).browser.launched;
}

function succeeded(result: CliResult, label: string): string {
  assert.is(result.code, 0, `${label} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}

// ---------------------------------------------------------------------------------------------
// Files only: a daemon whose browser must never start.

const files = suite('state files (no browser)');
let filesDir = '';
let filesDaemon: TestDaemon | undefined;
let filesError: unknown = null;

files.before(async () => {
  try {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-statef-'));
    filesDaemon = await startDaemon({ env: { AGENT_BROWSER_STATE_DIR: path.join(filesDir, 'states') } });
  } catch (error) {
    filesError = error;
  }
});
files.before.each(() => {
  if (filesError) throw filesError;
});
/** An empty state folder for the next test. */
function freshStates(): string {
  const states = path.join(filesDir, 'states');
  fs.rmSync(states, { recursive: true, force: true });
  fs.mkdirSync(states);
  return states;
}

files.after(async () => {
  await filesDaemon?.stop().catch(() => undefined);
  fs.rmSync(filesDir, { recursive: true, force: true });
});

files('a missing or empty state folder lists nothing', async () => {
  const states = path.join(filesDir, 'states');
  assert.equal(await ok(filesDaemon!, { action: 'state_list' }), { files: [], directory: states });
  fs.mkdirSync(states);
  assert.equal(await ok(filesDaemon!, { action: 'state_list' }), { files: [], directory: states });
  assert.is(await launched(filesDaemon!), false);
});

files('list, show, rename, clean and clear work on the files and never start the browser', async () => {
  const states = freshStates();
  fs.writeFileSync(
    path.join(states, 'login.json'),
    stateJson(
      [
        { name: 'sid', value: '1', domain: 'a.test' },
        { name: 'x', value: '2', domain: '.b.test' },
        { name: 'y', value: '3', domain: 'a.test' },
      ],
      ['http://a.test', 'http://b.test'],
    ),
  );
  fs.writeFileSync(path.join(states, 'old.json'), stateJson([]));
  fs.writeFileSync(path.join(states, 'notes.txt'), 'not a state');
  setAge(path.join(states, 'old.json'), 40);

  const list = await ok(filesDaemon!, { action: 'state_list' });
  assert.equal(
    list.files.map((f: { filename: string }) => f.filename),
    ['login.json', 'old.json'],
  );
  const login = list.files[0];
  keys(login, ['filename', 'path', 'size', 'modified', 'encrypted']);
  assert.is(login.path, path.join(states, 'login.json'));
  assert.is(login.size, fs.statSync(login.path).size);
  assert.is(login.encrypted, false);
  assert.is(new Date(login.modified).toISOString(), login.modified);
  assert.is(Math.abs(Date.parse(list.files[1].modified) - (Date.now() - 40 * DAY)) < DAY, true, 'old.json is 40 days old');

  const shown = await ok(filesDaemon!, { action: 'state_show', filename: 'login' });
  keys(shown, ['filename', 'path', 'size', 'modified', 'encrypted', 'summary', 'state']);
  assert.equal(shown.summary, { cookies: 3, origins: 2, domains: ['.b.test', 'a.test'] });
  assert.equal(shown.state, JSON.parse(fs.readFileSync(login.path, 'utf8')));
  assert.is((await ok(filesDaemon!, { action: 'state_show', filename: 'login.json' })).filename, 'login.json');

  assert.equal(await ok(filesDaemon!, { action: 'state_rename', oldName: 'login', newName: 'admin.json' }), {
    renamed: true,
    oldName: 'login.json',
    newName: 'admin.json',
    path: path.join(states, 'admin.json'),
  });
  assert.is(fs.existsSync(path.join(states, 'login.json')), false);
  assert.is(JSON.parse(fs.readFileSync(path.join(states, 'admin.json'), 'utf8')).cookies.length, 3);

  assert.equal(await ok(filesDaemon!, { action: 'state_clean', days: 30 }), { cleaned: 1, deleted: ['old.json'], keptCount: 1, days: 30 });
  assert.is(fs.existsSync(path.join(states, 'old.json')), false);
  assert.ok(fs.existsSync(path.join(states, 'admin.json')), 'a new file is kept');

  assert.equal(await ok(filesDaemon!, { action: 'state_clear', sessionName: 'admin' }), { cleared: 1, deleted: ['admin.json'] });
  assert.is(fs.existsSync(path.join(states, 'admin.json')), false);
  assert.equal(await ok(filesDaemon!, { action: 'state_clear', sessionName: 'admin' }), { cleared: 0, deleted: [] });
  fs.writeFileSync(path.join(states, 'a.json'), stateJson([]));
  fs.writeFileSync(path.join(states, 'b.json'), stateJson([]));
  assert.equal(await ok(filesDaemon!, { action: 'state_clear', all: true }), { cleared: 2, deleted: ['a.json', 'b.json'] });
  assert.equal(fs.readdirSync(states), ['notes.txt'], 'only .json files are state files');

  assert.is(await launched(filesDaemon!), false, 'no browser was started');
});

files('errors: missing file, existing target, bad names, nothing to clear, bad days', async () => {
  const states = freshStates();
  fs.writeFileSync(path.join(states, 'one.json'), stateJson([]));
  fs.writeFileSync(path.join(states, 'two.json'), stateJson([]));

  const missing = await fails(filesDaemon!, { action: 'state_show', filename: 'ghost' }, 'FILE_NOT_FOUND');
  assert.ok(missing.error.includes(path.join(states, 'ghost.json')), missing.error);
  assert.match(missing.error, /state list/);
  const missingRename = await fails(filesDaemon!, { action: 'state_rename', oldName: 'ghost', newName: 'spirit' }, 'FILE_NOT_FOUND');
  assert.ok(missingRename.error.includes(path.join(states, 'ghost.json')), missingRename.error);

  const exists = await fails(filesDaemon!, { action: 'state_rename', oldName: 'one', newName: 'two.json' }, 'FILE_EXISTS');
  assert.match(exists.error, /two\.json already exists/);
  assert.is(JSON.parse(fs.readFileSync(path.join(states, 'two.json'), 'utf8')).cookies.length, 0);
  assert.ok(fs.existsSync(path.join(states, 'one.json')), 'the source stays');

  for (const bad of ['../escape', 'a/b', 'a\\b', 'sp ace', '..', '.json']) {
    const answer = await fails(filesDaemon!, { action: 'state_rename', oldName: 'one', newName: bad }, 'INVALID_PARAMS');
    assert.match(answer.error, /newName/, answer.error);
  }
  await fails(filesDaemon!, { action: 'state_show', filename: '../one' }, 'INVALID_PARAMS');
  await fails(filesDaemon!, { action: 'state_clear', sessionName: '../../x' }, 'INVALID_PARAMS');
  assert.match((await fails(filesDaemon!, { action: 'state_clear' }, 'INVALID_PARAMS')).error, /sessionName.*all/);
  await fails(filesDaemon!, { action: 'state_clean', days: 0 }, 'INVALID_PARAMS');
  await fails(filesDaemon!, { action: 'state_clean', days: 1.5 }, 'INVALID_PARAMS');
  assert.equal(fs.readdirSync(states).sort(), ['one.json', 'two.json']);

  fs.writeFileSync(path.join(states, 'broken.json'), '{ nope');
  assert.match((await fails(filesDaemon!, { action: 'state_show', filename: 'broken' }, 'INVALID_PARAMS')).error, /not a storage state file/);
  assert.is(await launched(filesDaemon!), false);
});

files('CLI: state list/show/rename/clear/clean print readable text and --json, without a browser', async () => {
  const states = path.join(filesDir, 'states');
  fs.rmSync(states, { recursive: true, force: true });
  const env = testEnv(filesDaemon!.socketDir, { AGENT_BROWSER_STATE_DIR: states });
  const cli = (...args: string[]) => runCli(['--session', filesDaemon!.session, ...args], { env, cwd: filesDir });

  assert.is(succeeded(await cli('state', 'list'), 'state list'), `No saved states in ${states}`);
  fs.mkdirSync(states);
  fs.writeFileSync(path.join(states, 'shop.json'), stateJson([{ name: 'cart', value: '3', domain: 'shop.test' }], ['http://shop.test']));
  fs.writeFileSync(path.join(states, 'ancient.json'), stateJson([]));
  setAge(path.join(states, 'ancient.json'), 100);
  const size = fs.statSync(path.join(states, 'shop.json')).size;

  const table = succeeded(await cli('state', 'list'), 'state list').split('\n');
  assert.match(table[0]!, /^FILENAME\s+SIZE\s+MODIFIED$/);
  assert.match(table[1]!, /^ancient\.json\s+\d+ B\s+\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.match(table[2]!, new RegExp(`^shop\\.json\\s+${size} B\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
  assert.is(table[3], `2 files in ${states}`);
  const listJson = (await cli('state', 'list', '--json')).json;
  assert.is(listJson.success, true);
  assert.equal(
    listJson.data.files.map((f: { filename: string }) => f.filename),
    ['ancient.json', 'shop.json'],
  );

  const show = succeeded(await cli('state', 'show', 'shop'), 'state show');
  assert.match(show, /^shop\.json\n/);
  assert.match(show, /cookies:\s+1\n/);
  assert.match(show, /origins:\s+1\n/);
  assert.match(show, /domains:\s+shop\.test$/);
  const showJson = (await cli('state', 'show', 'shop', '--json')).json;
  assert.equal(showJson.data.summary, { cookies: 1, origins: 1, domains: ['shop.test'] });
  assert.is(showJson.data.state.cookies[0].value, '3');
  const missing = await cli('state', 'show', 'nope');
  assert.is(missing.code, 1);
  assert.match(missing.stderr, /^✗ State file not found: .*nope\.json\. Run 'agent-browser state list'/);

  assert.is(
    succeeded(await cli('state', 'rename', 'shop', 'store'), 'state rename'),
    `✓ Renamed shop.json to store.json\n  ${path.join(states, 'store.json')}`,
  );
  assert.ok(fs.existsSync(path.join(states, 'store.json')));
  const clash = await cli('state', 'rename', 'store', 'ancient');
  assert.is(clash.code, 1);
  assert.match(clash.stderr, /ancient\.json already exists/);

  assert.is(succeeded(await cli('state', 'clean', '--days', '30'), 'state clean'), '✓ Deleted 1 state file older than 30 days: ancient.json\n1 kept');
  assert.ok(!fs.existsSync(path.join(states, 'ancient.json')));
  assert.is(succeeded(await cli('state', 'clean', '30'), 'state clean 30'), 'No state files older than 30 days\n1 kept');
  const badDays = await cli('state', 'clean', '--days', 'soon');
  assert.is(badDays.code, 1);
  assert.match(badDays.stderr, /whole number of days/);

  const noTarget = await cli('state', 'clear');
  assert.is(noTarget.code, 1);
  assert.match(noTarget.stderr, /--all/);
  assert.is(succeeded(await cli('state', 'clear', 'store'), 'state clear store'), '✓ Deleted 1 state file: store.json');
  fs.writeFileSync(path.join(states, 'p.json'), stateJson([]));
  fs.writeFileSync(path.join(states, 'q.json'), stateJson([]));
  assert.equal((await cli('state', 'clear', '--all', '--json')).json.data, { cleared: 2, deleted: ['p.json', 'q.json'] });
  assert.equal(fs.readdirSync(states), []);

  assert.is(await launched(filesDaemon!), false, 'the CLI commands did not start a browser');
});

files.run();

// ---------------------------------------------------------------------------------------------
// save and load by name, with a real browser.

const test = suite('state files (save/load by name)');
let stateDir = '';
const fx = useFixture(test, {
  env: {
    AGENT_BROWSER_DEFAULT_TIMEOUT: '5000',
    AGENT_BROWSER_STATE_DIR: (stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'abt-states-')), 'states')),
  },
});

test.after(() => {
  fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
});

test('state_save by name writes <stateDir>/<name>.json; list shows it; rename then state_load by the new name restores the cookie', async () => {
  fx.server.page('/state-files.html', '<title>State files</title><p>hello</p>');
  const url = fx.server.url('/state-files.html');
  await ok(fx.daemon, { action: 'navigate', url });
  await ok(fx.daemon, { action: 'cookies_set', cookies: [{ name: 'token', value: 'abc' }] });
  await evaluate(fx.daemon, `localStorage.setItem('who', 'ada')`);

  const file = path.join(stateDir, 'login.json');
  assert.equal(await ok(fx.daemon, { action: 'state_save', path: 'login' }), { path: file });
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(
    saved.cookies.some((c: { name: string; value: string }) => c.name === 'token' && c.value === 'abc'),
    JSON.stringify(saved.cookies),
  );
  assert.is(fs.statSync(file).mode & 0o777, 0o600, 'the saved cookies are private to their owner');
  // `.json` is optional: the same file
  assert.equal(await ok(fx.daemon, { action: 'state_save', path: 'login.json' }), { path: file });

  const { files: listed, directory } = await ok(fx.daemon, { action: 'state_list' });
  assert.is(directory, stateDir);
  assert.equal(
    listed.map((f: { filename: string }) => f.filename),
    ['login.json'],
  );
  assert.is(listed[0].size, fs.statSync(file).size);
  assert.is(listed[0].modified, fs.statSync(file).mtime.toISOString());

  const shown = await ok(fx.daemon, { action: 'state_show', filename: 'login' });
  assert.equal(shown.summary, { cookies: 1, origins: 1, domains: ['127.0.0.1'] });
  assert.is(shown.state.origins[0].origin, fx.server.origin);

  await ok(fx.daemon, { action: 'state_rename', oldName: 'login', newName: 'ada' });
  await ok(fx.daemon, { action: 'cookies_clear' });
  await evaluate(fx.daemon, 'localStorage.clear()');
  assert.is(await evaluate(fx.daemon, 'document.cookie'), '');
  await fails(fx.daemon, { action: 'state_load', path: 'login' }, 'FILE_NOT_FOUND');
  assert.equal(await ok(fx.daemon, { action: 'state_load', path: 'ada' }), { loaded: true, path: path.join(stateDir, 'ada.json') });
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'token=abc');
  assert.is(await evaluate(fx.daemon, `localStorage.getItem('who')`), 'ada');
});

test('a path stays a path; a bad bare name is refused with advice', async () => {
  const dir = path.dirname(stateDir);
  const file = path.join(dir, 'elsewhere', 'x.json');
  assert.equal(await ok(fx.daemon, { action: 'state_save', path: file }), { path: file });
  assert.ok(fs.existsSync(file));
  assert.ok(!fs.existsSync(path.join(stateDir, 'x.json')));
  const bad = await fails(fx.daemon, { action: 'state_save', path: 'my login' }, 'INVALID_PARAMS');
  assert.match(bad.error, /\.\/my login/);
});

test('CLI: state save <name> / state load <name> use the state folder; ./file stays in the working folder', async () => {
  const cwd = path.dirname(stateDir);
  const env = testEnv(fx.daemon.socketDir, { AGENT_BROWSER_STATE_DIR: stateDir });
  const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env, cwd });
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url('/state-files.html') });
  await ok(fx.daemon, { action: 'cookies_clear' });
  await ok(fx.daemon, { action: 'cookies_set', cookies: [{ name: 'cli', value: 'yes' }] });
  assert.is(succeeded(await cli('state', 'save', 'cli-login'), 'state save'), `✓ State saved to ${path.join(stateDir, 'cli-login.json')}`);
  assert.is(succeeded(await cli('state', 'save', './here.json'), 'state save ./'), `✓ State saved to ${path.join(cwd, 'here.json')}`);
  await ok(fx.daemon, { action: 'cookies_clear' });
  assert.is(succeeded(await cli('state', 'load', 'cli-login'), 'state load'), `✓ State loaded from ${path.join(stateDir, 'cli-login.json')}`);
  assert.is(await evaluate(fx.daemon, 'document.cookie'), 'cli=yes');
  assert.match(succeeded(await cli('state', 'list'), 'state list'), /cli-login\.json/);
});

test.run();
