import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { test } from 'uvu';
import * as assert from 'uvu/assert';

import {
  CONFIG_KEYS,
  ConfigError,
  ENV_BINDINGS,
  describeConfig,
  loadConfig,
  renderSource,
  type AgentBrowserConfig,
  type ConfigKey,
  type ConfigSource,
} from '../../src/config/index.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = path.join(REPO, '.agentbrowserrc.example');

// Keep a user's real global config (~/.config/agentbrowser/config.*) out of these tests:
// cosmiconfig's 'global' strategy looks there last, via XDG_CONFIG_HOME.
const created: string[] = [];
let isolatedXdg = '';
const savedXdg = process.env.XDG_CONFIG_HOME;

async function tmp(): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'ab-config-')));
  created.push(dir);
  return dir;
}

async function write(file: string, text: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    assert.instance(error, ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error as ConfigError;
  }
  assert.unreachable('expected loadConfig to reject');
  throw new Error('unreachable');
}

const EXPECTED_DEFAULTS: AgentBrowserConfig = {
  session: 'default',
  headless: true,
  sharedBrowser: false,
  args: [],
  viewport: { width: 1280, height: 720 },
  timeout: 25000,
  actionGrace: 150,
  pluginTimeout: 10000,
  idleTimeout: 1_800_000,
  transport: process.platform === 'win32' ? 'tcp' : 'unix',
  extensions: [],
  plugins: [],
  tcpAuth: 'token',
  streamPort: 0,
  debug: false,
  dialogs: 'dismiss',
  stateDir: path.join(os.homedir(), '.agent-browser', 'states'),
  confirmActions: [],
  mcpTools: ['core'],
};

function kinds(sources: Record<ConfigKey, ConfigSource>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sources).map(([k, s]) => [k, s.kind === 'default' ? 'default' : s.kind === 'file' ? `file:${s.path}` : `${s.kind}:${s.name}`]),
  );
}

test.before(async () => {
  isolatedXdg = await tmp();
  process.env.XDG_CONFIG_HOME = isolatedXdg;
});

test.after(async () => {
  if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedXdg;
  await Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true })));
});

// --- defaults ----------------------------------------------------------------------------------

test('defaults: no file, no env, no flags', async () => {
  const dir = await tmp();
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.equal(loaded.config, EXPECTED_DEFAULTS);
  assert.is(loaded.filepath, undefined);
  assert.equal([...CONFIG_KEYS].sort(), Object.keys(loaded.sources).sort());
  for (const key of CONFIG_KEYS) assert.equal(loaded.sources[key], { kind: 'default' }, key);
  assert.is(loaded.config.executablePath, undefined);
  assert.is(loaded.config.socketDir, undefined);
});

test('actionGrace: milliseconds from the file, AGENT_BROWSER_ACTION_GRACE over it; 0 allowed, negative refused', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'actionGrace: 750\n');
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.actionGrace, 750);
  const fromEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_ACTION_GRACE: '0' } });
  assert.is(fromEnv.config.actionGrace, 0);
  assert.equal(fromEnv.sources.actionGrace, { kind: 'env', name: 'AGENT_BROWSER_ACTION_GRACE' });
  await write(path.join(dir, '.agentbrowserrc'), 'actionGrace: -5\n');
  const error = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.match(error.message, /actionGrace: expected a number of milliseconds/);
});

test('CONFIG_KEYS lists every key exactly once', () => {
  assert.equal([...CONFIG_KEYS].sort(), [...Object.keys(EXPECTED_DEFAULTS), 'executablePath', 'wsEndpoint', 'socketDir', 'ownerPid'].sort());
  assert.is(new Set(CONFIG_KEYS).size, CONFIG_KEYS.length);
});

// --- file formats ------------------------------------------------------------------------------

test('finds .agentbrowserrc written as JSON', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), '{ "session": "json-rc", "timeout": 1000 }');
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'json-rc');
  assert.is(loaded.config.timeout, 1000);
  assert.equal(loaded.sources.session, { kind: 'file', path: file });
  assert.equal(loaded.sources.headless, { kind: 'default' });
});

test('finds .agentbrowserrc written as YAML', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), 'session: yaml-rc\nheadless: false\nviewport: 800x600\nargs:\n  - --lang=de\n');
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'yaml-rc');
  assert.is(loaded.config.headless, false);
  assert.equal(loaded.config.viewport, { width: 800, height: 600 });
  assert.equal(loaded.config.args, ['--lang=de']);
});

test('finds .agentbrowserrc.json, .agentbrowserrc.yml and .agentbrowserrc.cjs', async () => {
  const cases: Array<[string, string]> = [
    ['.agentbrowserrc.json', '{ "streamPort": 9223 }'],
    ['.agentbrowserrc.yml', 'streamPort: 9223\n'],
    ['.agentbrowserrc.cjs', 'module.exports = { streamPort: 9223 };\n'],
  ];
  for (const [name, text] of cases) {
    const dir = await tmp();
    const file = await write(path.join(dir, name), text);
    const loaded = await loadConfig({ cwd: dir, env: {} });
    assert.is(loaded.filepath, file, name);
    assert.is(loaded.config.streamPort, 9223, name);
    assert.equal(loaded.sources.streamPort, { kind: 'file', path: file }, name);
  }
});

test('finds agentbrowser.config.mjs (default export)', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, 'agentbrowser.config.mjs'), 'export default { session: "from-mjs", plugins: ["some-plugin"], idleTimeout: 0 };\n');
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'from-mjs');
  assert.is(loaded.config.idleTimeout, 0);
  assert.equal(loaded.config.plugins, [{ spec: 'some-plugin', resolved: 'some-plugin' }]);
});

test('finds package.json#agentbrowser', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', agentbrowser: { session: 'pkg', debug: true } }));
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'pkg');
  assert.is(loaded.config.debug, true);
  assert.equal(loaded.sources.debug, { kind: 'file', path: file });
});

test('an empty .agentbrowserrc is a config file of defaults (and stops the search)', async () => {
  const root = await tmp();
  await write(path.join(root, '.agentbrowserrc'), 'session: parent\n');
  const file = await write(path.join(root, 'child', '.agentbrowserrc'), '');
  const loaded = await loadConfig({ cwd: path.join(root, 'child'), env: {} });
  assert.is(loaded.filepath, file);
  assert.equal(loaded.config, EXPECTED_DEFAULTS);
});

// --- upward search -----------------------------------------------------------------------------

test('searches upward from a nested subfolder', async () => {
  const root = await tmp();
  const file = await write(path.join(root, '.agentbrowserrc.json'), '{ "session": "up" }');
  const deep = path.join(root, 'a', 'b', 'c');
  await mkdir(deep, { recursive: true });
  const loaded = await loadConfig({ cwd: deep, env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'up');
});

test('upward search passes a package.json without an agentbrowser key (monorepo package)', async () => {
  // 'project' strategy would stop at packages/app/package.json and miss the root file.
  const root = await tmp();
  const file = await write(path.join(root, '.agentbrowserrc.yaml'), 'session: repo-root\n');
  const pkg = path.join(root, 'packages', 'app');
  await write(path.join(pkg, 'package.json'), '{ "name": "app" }');
  const loaded = await loadConfig({ cwd: path.join(pkg, 'src'), env: {} });
  assert.is(loaded.filepath, file);
  assert.is(loaded.config.session, 'repo-root');
});

test('the nearest file wins over one further up', async () => {
  const root = await tmp();
  await write(path.join(root, '.agentbrowserrc'), 'session: outer\n');
  const inner = await write(path.join(root, 'inner', '.agentbrowserrc.json'), '{ "session": "inner" }');
  const loaded = await loadConfig({ cwd: path.join(root, 'inner'), env: {} });
  assert.is(loaded.filepath, inner);
  assert.is(loaded.config.session, 'inner');
});

// --- precedence --------------------------------------------------------------------------------

test('precedence: defaults < file < env < flags, with sources', async () => {
  const dir = await tmp();
  const file = await write(
    path.join(dir, '.agentbrowserrc'),
    ['session: from-file', 'timeout: 1000', 'idleTimeout: 5000', 'headless: false', 'debug: false', 'extensions: [./ext-file]', 'tcpAuth: none', ''].join('\n'),
  );
  const loaded = await loadConfig({
    cwd: dir,
    env: {
      AGENT_BROWSER_SESSION: 'from-env',
      AGENT_BROWSER_DEFAULT_TIMEOUT: '2000',
      AGENT_BROWSER_EXTENSIONS: './ext-env-1, ./ext-env-2',
      AGENT_BROWSER_HEADED: '0',
      AGENT_BROWSER_STREAM_PORT: '9300',
    },
    flags: { session: 'from-flag', extensions: ['./ext-flag'], debug: true },
  });
  const c = loaded.config;
  assert.is(c.session, 'from-flag');
  assert.is(c.timeout, 2000);
  assert.is(c.idleTimeout, 5000);
  assert.is(c.headless, true); // env AGENT_BROWSER_HEADED=0 beats file headless: false
  assert.is(c.debug, true);
  assert.is(c.tcpAuth, 'none');
  assert.is(c.streamPort, 9300);
  assert.equal(c.extensions, [path.join(dir, 'ext-flag')]); // flags replace, not append
  assert.is(c.viewport.width, 1280);
  assert.equal(kinds(loaded.sources), {
    session: 'flag:--session',
    headless: 'env:AGENT_BROWSER_HEADED',
    sharedBrowser: 'default',
    executablePath: 'default',
    args: 'default',
    viewport: 'default',
    timeout: 'env:AGENT_BROWSER_DEFAULT_TIMEOUT',
    actionGrace: 'default',
    idleTimeout: `file:${file}`,
    transport: 'default',
    socketDir: 'default',
    extensions: 'flag:--extension',
    plugins: 'default',
    tcpAuth: `file:${file}`,
    streamPort: 'env:AGENT_BROWSER_STREAM_PORT',
    debug: 'flag:--debug',
    dialogs: 'default',
    stateDir: 'default',
    ownerPid: 'default',
    wsEndpoint: 'default',
    confirmActions: 'default',
    pluginTimeout: 'default',
    mcpTools: 'default',
  });
});

test('sharedBrowser: off by default, true from the file, AGENT_BROWSER_SHARED_BROWSER over it; not a boolean refused', async () => {
  const dir = await tmp();
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.sharedBrowser, false);
  await write(path.join(dir, '.agentbrowserrc'), 'sharedBrowser: true\n');
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.sharedBrowser, true);
  assert.is((await loadConfig({ cwd: dir, env: { AGENT_BROWSER_SHARED_BROWSER: '0' } })).config.sharedBrowser, false);
  await write(path.join(dir, '.agentbrowserrc'), 'sharedBrowser: sometimes\n');
  assert.match((await rejection(loadConfig({ cwd: dir, env: {} }))).message, 'sharedBrowser');
});

test('mcpTools: a list of tool groups from the file (lower-cased, each once), AGENT_BROWSER_MCP_TOOLS comma-separated over it; not a list or empty refused', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'mcpTools: [core, Network, core, reader]\n');
  assert.equal((await loadConfig({ cwd: dir, env: {} })).config.mcpTools, ['core', 'network', 'reader']);
  const fromEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_MCP_TOOLS: ' core , state ' } });
  assert.equal(fromEnv.config.mcpTools, ['core', 'state']);
  assert.equal(fromEnv.sources.mcpTools, { kind: 'env', name: 'AGENT_BROWSER_MCP_TOOLS' });
  await write(path.join(dir, '.agentbrowserrc'), 'mcpTools: core\n');
  assert.match((await rejection(loadConfig({ cwd: dir, env: {} }))).message, /mcpTools: expected a list of strings, got "core"/);
  await write(path.join(dir, '.agentbrowserrc'), 'mcpTools: []\n');
  assert.match((await rejection(loadConfig({ cwd: dir, env: {} }))).message, /mcpTools: expected at least one tool group/);
});

test('wsEndpoint: a ws:// or wss:// URL from the file, AGENT_BROWSER_WS_ENDPOINT over it, --ws-endpoint over both; shown without its secrets', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), JSON.stringify({ wsEndpoint: 'ws://127.0.0.1:3000/' }));
  assert.is((await loadConfig({ cwd: dir, env: {} })).config.wsEndpoint, 'ws://127.0.0.1:3000/');
  const fromEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_WS_ENDPOINT: ' wss://browsers.example/pw?token=s3cret ' } });
  assert.is(fromEnv.config.wsEndpoint, 'wss://browsers.example/pw?token=s3cret');
  assert.equal(fromEnv.sources.wsEndpoint, { kind: 'env', name: 'AGENT_BROWSER_WS_ENDPOINT' });
  const row = describeConfig(fromEnv).find((entry) => entry.key === 'wsEndpoint')!;
  assert.is(row.value, 'wss://browsers.example/…?token=…');
  const fromFlag = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_WS_ENDPOINT: 'ws://a:1/' }, flags: { wsEndpoint: 'ws://b:2/x' } });
  assert.is(fromFlag.config.wsEndpoint, 'ws://b:2/x');
  assert.equal(fromFlag.sources.wsEndpoint, { kind: 'flag', name: '--ws-endpoint' });
  await write(file, JSON.stringify({ wsEndpoint: 'http://127.0.0.1:9222', cdpUrl: 'x' }));
  const error = await rejection(loadConfig({ cwd: dir, env: {}, flags: { wsEndpoint: 'localhost:3000' } }));
  assert.match(error.message, /wsEndpoint: expected a Playwright server endpoint starting with ws:\/\/ or wss:\/\//);
  assert.match(error.message, /cdpUrl: unknown key \(a Chrome reached over CDP is chosen per session with "agent-browser connect <port\|url>" or --cdp/);
  assert.match(error.message, /--ws-endpoint: expected a Playwright server endpoint/);
});

test('ownerPid: from AGENT_BROWSER_OWNER_PID, the --owner-pid flag wins; not a pid → a clear problem', async () => {
  const dir = await tmp();
  const fromEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_OWNER_PID: '4242' } });
  assert.is(fromEnv.config.ownerPid, 4242);
  const fromFlag = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_OWNER_PID: '4242' }, flags: { ownerPid: 77 } });
  assert.is(fromFlag.config.ownerPid, 77);
  assert.equal(fromFlag.sources.ownerPid, { kind: 'flag', name: '--owner-pid' });
  const error = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_OWNER_PID: 'me' } }).then(
    () => null,
    (e: Error) => e,
  );
  assert.ok(error, 'a non-numeric owner pid is refused');
  assert.match(error!.message, 'AGENT_BROWSER_OWNER_PID');
});

test('env replaces the file value and flags replace env (extensions, transport, timeout)', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc.json'), '{ "extensions": ["./a"], "transport": "unix", "timeout": 10 }');
  const envOnly = await loadConfig({
    cwd: dir,
    env: { AGENT_BROWSER_EXTENSIONS: './b,./c', AGENT_BROWSER_TRANSPORT: 'tcp' },
  });
  assert.equal(envOnly.config.extensions, [path.join(dir, 'b'), path.join(dir, 'c')]);
  assert.is(envOnly.config.transport, 'tcp');
  assert.is(envOnly.config.timeout, 10);
  const withFlags = await loadConfig({
    cwd: dir,
    env: { AGENT_BROWSER_TRANSPORT: 'tcp' },
    flags: { transport: 'unix', timeout: 42 },
  });
  assert.is(withFlags.config.transport, 'unix');
  assert.equal(withFlags.sources.transport, { kind: 'flag', name: '--transport' });
  assert.is(withFlags.config.timeout, 42);
  assert.equal(withFlags.sources.timeout, { kind: 'flag', name: '--timeout' });
});

test('--headed turns headless off over file and env; AGENT_BROWSER_HEADED spellings', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'headless: true\n');
  const flagged = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_HEADED: '0' }, flags: { headed: true } });
  assert.is(flagged.config.headless, false);
  assert.equal(flagged.sources.headless, { kind: 'flag', name: '--headed' });
  for (const [raw, headless] of [
    ['1', false],
    ['true', false],
    ['TRUE', false],
    ['0', true],
    ['false', true],
  ] as const) {
    const loaded = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_HEADED: raw } });
    assert.is(loaded.config.headless, headless, `AGENT_BROWSER_HEADED=${raw}`);
  }
});

test('empty environment values count as unset', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'session: file-session\ntimeout: 1234\n');
  const env: NodeJS.ProcessEnv = Object.fromEntries(ENV_BINDINGS.map((b) => [b.name, '']));
  env.AGENT_BROWSER_CONFIG = '';
  const loaded = await loadConfig({ cwd: dir, env });
  assert.is(loaded.config.session, 'file-session');
  assert.is(loaded.config.timeout, 1234);
  assert.equal(loaded.sources.session.kind, 'file');
  assert.equal(loaded.sources.headless, { kind: 'default' });
});

test('env parsing: args, viewport, numbers, debug', async () => {
  const dir = await tmp();
  const loaded = await loadConfig({
    cwd: dir,
    env: {
      AGENT_BROWSER_ARGS: '--no-sandbox,--disable-features=A,B, --lang=en',
      AGENT_BROWSER_VIEWPORT: '1024x768',
      AGENT_BROWSER_IDLE_TIMEOUT_MS: '0',
      AGENT_BROWSER_DEBUG: 'true',
      AGENT_BROWSER_TCP_AUTH: 'none',
    },
  });
  assert.equal(loaded.config.args, ['--no-sandbox', '--disable-features=A,B', '--lang=en']);
  assert.equal(loaded.config.viewport, { width: 1024, height: 768 });
  assert.is(loaded.config.idleTimeout, 0);
  assert.is(loaded.config.debug, true);
  assert.is(loaded.config.tcpAuth, 'none');
  const newline = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_ARGS: '--a=1,2\n--b\n\n' } });
  assert.equal(newline.config.args, ['--a=1,2', '--b']);
});

// --- paths -------------------------------------------------------------------------------------

test('relative paths in the file resolve from the file folder; env/flag paths from cwd', async () => {
  const root = await tmp();
  const file = await write(
    path.join(root, 'agentbrowser.config.cjs'),
    `module.exports = {
      executablePath: './bin/chrome',
      socketDir: 'sockets',
      extensions: ['./ext/one', '../outside'],
      plugins: ['./plugins/local.js', ['pkg-plugin', { level: 2 }], '/abs/plugin.js', '@scope/p'],
    };\n`,
  );
  const cwd = path.join(root, 'sub', 'dir');
  await mkdir(cwd, { recursive: true });
  const loaded = await loadConfig({ cwd, env: {} });
  assert.is(loaded.filepath, file);
  const c = loaded.config;
  assert.is(c.executablePath, path.join(root, 'bin', 'chrome'));
  assert.is(c.socketDir, path.join(root, 'sockets'));
  assert.equal(c.extensions, [path.join(root, 'ext', 'one'), path.join(path.dirname(root), 'outside')]);
  assert.equal(c.plugins, [
    { spec: './plugins/local.js', resolved: path.join(root, 'plugins', 'local.js') },
    { spec: 'pkg-plugin', options: { level: 2 }, resolved: 'pkg-plugin' },
    { spec: '/abs/plugin.js', resolved: path.resolve('/abs/plugin.js') },
    { spec: '@scope/p', resolved: '@scope/p' },
  ]);

  const fromEnv = await loadConfig({
    cwd,
    env: { AGENT_BROWSER_EXECUTABLE_PATH: './chrome', AGENT_BROWSER_SOCKET_DIR: 'socks' },
    flags: { extensions: ['ext'] },
  });
  assert.is(fromEnv.config.executablePath, path.join(cwd, 'chrome'));
  assert.is(fromEnv.config.socketDir, path.join(cwd, 'socks'));
  assert.equal(fromEnv.config.extensions, [path.join(cwd, 'ext')]);
});

test('a leading ~ expands to the home folder', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'executablePath: ~/bin/chrome\nplugins: [~/my-plugin]\n');
  const loaded = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_SOCKET_DIR: '~' } });
  assert.is(loaded.config.executablePath, path.join(os.homedir(), 'bin', 'chrome'));
  assert.is(loaded.config.plugins[0]!.resolved, path.join(os.homedir(), 'my-plugin'));
  assert.is(loaded.config.socketDir, os.homedir());
});

// --- validation --------------------------------------------------------------------------------

test('reports every problem in the file at once, naming the file', async () => {
  const dir = await tmp();
  const file = await write(
    path.join(dir, '.agentbrowserrc.json'),
    JSON.stringify({
      timeout: 'fast',
      sesion: 'x',
      headless: 'yes',
      transport: 'udp',
      streamPort: 70000,
      idleTimeout: -1,
      viewport: { width: 0, height: 720 },
      args: ['--ok', 3],
      plugins: ['ok', 42, ['a', {}, 'extra'], [7]],
      zzzzzz: 1,
    }),
  );
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(err.filepath, file);
  assert.ok(err.message.startsWith(`Invalid configuration in ${file}:\n`), err.message);
  const expected = [
    'timeout: expected a positive number of milliseconds, got "fast"',
    'sesion: unknown key (did you mean "session"?)',
    'headless: expected true or false, got "yes"',
    'transport: expected "unix" or "tcp", got "udp"',
    'streamPort: expected a port number from 0 to 65535 (0 = off), got 70000',
    'idleTimeout: expected a number of milliseconds (0 disables), got -1',
    'viewport.width: expected a positive whole number of pixels, got 0',
    'args[1]: expected a non-empty string, got 3',
    'plugins[1]: expected a package name or a path ("./my-plugin.js"), or ["name", options], got 42',
    'plugins[2]: expected "name" or ["name", options], got a list of 3 items',
    'plugins[3][0]: expected a package name or a path ("./my-plugin.js"), or ["name", options], got 7',
    'zzzzzz: unknown key',
  ];
  assert.equal([...err.problems].sort(), [...expected].sort());
  for (const problem of expected) assert.ok(err.message.includes(`\n  - ${problem}`), `message lacks: ${problem}`);
});

test('dialogs: "accept" or "dismiss" from the file, AGENT_BROWSER_DIALOGS over it, anything else reported', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), 'dialogs: accept\n');
  const fromFile = await loadConfig({ cwd: dir, env: {} });
  assert.is(fromFile.config.dialogs, 'accept');
  assert.equal(fromFile.sources.dialogs, { kind: 'file', path: file });
  const fromEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_DIALOGS: ' Dismiss ' } });
  assert.is(fromEnv.config.dialogs, 'dismiss');
  assert.equal(fromEnv.sources.dialogs, { kind: 'env', name: 'AGENT_BROWSER_DIALOGS' });
  const badEnv = await rejection(loadConfig({ cwd: dir, env: { AGENT_BROWSER_DIALOGS: 'ignore' } }));
  assert.equal(badEnv.problems, ['AGENT_BROWSER_DIALOGS: expected "accept" or "dismiss", got "ignore"']);
  const other = await tmp();
  await write(path.join(other, '.agentbrowserrc.json'), JSON.stringify({ dialogs: true }));
  const badFile = await rejection(loadConfig({ cwd: other, env: {} }));
  assert.equal(badFile.problems, ['dialogs: expected "accept" or "dismiss", got true']);
});

test('stateDir: ~/.agent-browser/states by default; relative to the file folder, AGENT_BROWSER_STATE_DIR from cwd', async () => {
  const dir = await tmp();
  const defaults = await loadConfig({ cwd: dir, env: {} });
  assert.is(defaults.config.stateDir, path.join(os.homedir(), '.agent-browser', 'states'));
  assert.equal(defaults.sources.stateDir, { kind: 'default' });
  const file = await write(path.join(dir, '.agentbrowserrc'), 'stateDir: ./states\n');
  const cwd = path.join(dir, 'sub');
  await mkdir(cwd, { recursive: true });
  const fromFile = await loadConfig({ cwd, env: {} });
  assert.is(fromFile.config.stateDir, path.join(dir, 'states'));
  assert.equal(fromFile.sources.stateDir, { kind: 'file', path: file });
  const fromEnv = await loadConfig({ cwd, env: { AGENT_BROWSER_STATE_DIR: ' saved ' } });
  assert.is(fromEnv.config.stateDir, path.join(cwd, 'saved'));
  assert.equal(fromEnv.sources.stateDir, { kind: 'env', name: 'AGENT_BROWSER_STATE_DIR' });
  const home = await loadConfig({ cwd, env: { AGENT_BROWSER_STATE_DIR: '~/st' } });
  assert.is(home.config.stateDir, path.join(os.homedir(), 'st'));
  const other = await tmp();
  await write(path.join(other, '.agentbrowserrc.json'), JSON.stringify({ stateDir: '' }));
  const bad = await rejection(loadConfig({ cwd: other, env: {} }));
  assert.equal(bad.problems, ['stateDir: expected a non-empty path, got ""']);
  const typo = await tmp();
  await write(path.join(typo, '.agentbrowserrc.json'), JSON.stringify({ statesDir: './x' }));
  assert.equal((await rejection(loadConfig({ cwd: typo, env: {} }))).problems, ['statesDir: unknown key (did you mean "stateDir"?)']);
});

test('the example message format from the brief', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc.json'), '{ "timeout": "fast", "sesion": "x" }');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(
    err.message,
    `Invalid configuration in ${file}:\n` +
      '  - timeout: expected a positive number of milliseconds, got "fast"\n' +
      '  - sesion: unknown key (did you mean "session"?)',
  );
});

test('unknown key hints: headed, executable, widht', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'headed: true\nexecutable: /x\nviewport: { widht: 3, height: 4 }\n');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.ok(err.problems.includes('headed: unknown key (did you mean "headless"? "headed: true" is "headless: false")'));
  assert.ok(err.problems.includes('executable: unknown key (did you mean "executablePath"?)'));
  assert.ok(err.problems.includes('viewport.widht: unknown key (did you mean "width"?)'));
  assert.ok(err.problems.includes('viewport.width: missing (a positive whole number of pixels)'));
});

test('session names must be non-empty and file-name safe', async () => {
  const dir = await tmp();
  for (const bad of ['', 'has space', 'a/b', '../up', 'ünï']) {
    await write(path.join(dir, '.agentbrowserrc.json'), JSON.stringify({ session: bad }));
    const err = await rejection(loadConfig({ cwd: dir, env: {} }));
    assert.is(err.problems.length, 1, bad);
    assert.ok(err.problems[0]!.startsWith('session: '), err.problems[0]);
  }
  await rm(path.join(dir, '.agentbrowserrc.json'));
  const ok = await loadConfig({ cwd: dir, env: {}, flags: { session: 'My_Session-2.x' } });
  assert.is(ok.config.session, 'My_Session-2.x');
  const flagErr = await rejection(loadConfig({ cwd: dir, env: {}, flags: { session: 'x y' } }));
  assert.ok(flagErr.message.includes('--session: session name "x y" may only contain'), flagErr.message);
});

test('out-of-range numbers: timeout 0 and beyond the timer limit', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'timeout: 0\nidleTimeout: 3000000000\n');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.equal(err.problems, [
    'timeout: expected a positive number of milliseconds, got 0',
    'idleTimeout: must be at most 2147483647 ms (about 24.8 days), got 3000000000',
  ]);
});

test('a file whose top level is not an object is a problem', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc.yml'), '- a\n- b\n');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(err.filepath, file);
  assert.equal(err.problems, ['expected an object of settings at the top level, got an array']);
});

test('malformed JSON is a ConfigError naming the file and the parser message', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc.json'), '{ "timeout": 5,, }');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(err.filepath, file);
  assert.ok(err.message.startsWith(`Could not read configuration file ${file}:\n`), err.message);
  assert.match(err.message, /in JSON at position \d+/);
  assert.not.match(err.message, /\u001b\[/); // no ANSI colours
  assert.is(err.message.split('in JSON at position').length, 2, 'parser message appears once');
});

test('malformed YAML is a ConfigError naming the file and the parser message', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), 'timeout: [1,\nsession: : x\n');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(err.filepath, file);
  assert.ok(err.message.startsWith(`Could not read configuration file ${file}:\n`), err.message);
  assert.match(err.message, /\(\d+:\d+\)/); // js-yaml's line:column
});

test('a JS config that throws is a ConfigError naming the file and the error', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, 'agentbrowser.config.mjs'), 'throw new Error("boom in config");\n');
  const err = await rejection(loadConfig({ cwd: dir, env: {} }));
  assert.is(err.filepath, file);
  assert.ok(err.message.startsWith(`Could not read configuration file ${file}:\n`), err.message);
  assert.ok(err.message.includes('boom in config'), err.message);
});

// --- explicit file -----------------------------------------------------------------------------

test('--config loads that file directly (no search), relative to cwd', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'session: searched\n');
  const explicit = await write(path.join(dir, 'conf', 'custom.yaml'), 'session: explicit\nexecutablePath: ./chrome\n');
  const loaded = await loadConfig({ cwd: dir, env: {}, flags: { config: 'conf/custom.yaml' } });
  assert.is(loaded.filepath, explicit);
  assert.is(loaded.config.session, 'explicit');
  assert.is(loaded.config.executablePath, path.join(dir, 'conf', 'chrome')); // from the file's folder
  assert.equal(loaded.sources.session, { kind: 'file', path: explicit });
});

test('AGENT_BROWSER_CONFIG names the file; --config wins over it', async () => {
  const dir = await tmp();
  const a = await write(path.join(dir, 'a.json'), '{ "session": "a" }');
  const b = await write(path.join(dir, 'b.json'), '{ "session": "b" }');
  const viaEnv = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_CONFIG: a } });
  assert.is(viaEnv.filepath, a);
  assert.is(viaEnv.config.session, 'a');
  const viaFlag = await loadConfig({ cwd: dir, env: { AGENT_BROWSER_CONFIG: a }, flags: { config: b } });
  assert.is(viaFlag.filepath, b);
  assert.is(viaFlag.config.session, 'b');
});

test('a missing explicit file is an error naming it', async () => {
  const dir = await tmp();
  await write(path.join(dir, '.agentbrowserrc'), 'session: searched\n');
  const missing = path.join(dir, 'nope.json');
  const err = await rejection(loadConfig({ cwd: dir, env: {}, flags: { config: 'nope.json' } }));
  assert.is(err.filepath, missing);
  assert.ok(err.message.includes(missing), err.message);
  assert.ok(err.message.includes('not found'), err.message);
  assert.ok(err.message.includes('--config'), err.message);
  const viaEnv = await rejection(loadConfig({ cwd: dir, env: { AGENT_BROWSER_CONFIG: missing } }));
  assert.ok(viaEnv.message.includes('AGENT_BROWSER_CONFIG'), viaEnv.message);
});

// --- env / flag problems -----------------------------------------------------------------------

test('invalid env values are problems naming the variable', async () => {
  const dir = await tmp();
  const err = await rejection(
    loadConfig({
      cwd: dir,
      env: {
        AGENT_BROWSER_DEFAULT_TIMEOUT: 'soon',
        AGENT_BROWSER_TRANSPORT: 'pigeon',
        AGENT_BROWSER_HEADED: 'maybe',
        AGENT_BROWSER_VIEWPORT: 'big',
        AGENT_BROWSER_STREAM_PORT: '-1',
      },
    }),
  );
  assert.is(err.filepath, undefined);
  assert.ok(err.message.startsWith('Invalid configuration in the environment:\n'), err.message);
  assert.equal(err.problems, [
    'AGENT_BROWSER_HEADED: expected 1, true, 0 or false, got "maybe"',
    'AGENT_BROWSER_VIEWPORT: expected "WIDTHxHEIGHT" or { width, height } in whole pixels, got "big"',
    'AGENT_BROWSER_DEFAULT_TIMEOUT: expected a positive number of milliseconds, got "soon"',
    'AGENT_BROWSER_TRANSPORT: expected "unix" or "tcp", got "pigeon"',
    'AGENT_BROWSER_STREAM_PORT: expected a port number from 0 to 65535 (0 = off), got -1',
  ]);
});

test('file, env and flag problems are reported together, each section named', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), 'timeout: fast\n');
  const err = await rejection(loadConfig({ cwd: dir, env: { AGENT_BROWSER_TCP_AUTH: 'maybe' }, flags: { timeout: -5 } }));
  assert.is(err.filepath, file);
  assert.is(
    err.message,
    [
      `Invalid configuration in ${file}:`,
      '  - timeout: expected a positive number of milliseconds, got "fast"',
      'Invalid configuration in the environment:',
      '  - AGENT_BROWSER_TCP_AUTH: expected "token" or "none", got "maybe"',
      'Invalid command-line flags:',
      '  - --timeout: expected a positive number of milliseconds, got -5',
    ].join('\n'),
  );
  assert.is(err.problems.length, 3);
});

// --- describeConfig ----------------------------------------------------------------------------

test('describeConfig: one row per key, sources rendered', async () => {
  const dir = await tmp();
  const file = await write(path.join(dir, '.agentbrowserrc'), 'timeout: 5000\n');
  const loaded = await loadConfig({
    cwd: dir,
    env: { AGENT_BROWSER_SESSION: 'envs' },
    flags: { headed: true },
  });
  const rows = describeConfig(loaded);
  assert.equal(
    rows.map((r) => r.key),
    [...CONFIG_KEYS],
  );
  const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
  assert.equal(byKey.session, { key: 'session', value: 'envs', source: 'env AGENT_BROWSER_SESSION' });
  assert.equal(byKey.headless, { key: 'headless', value: false, source: 'flag --headed' });
  assert.equal(byKey.timeout, { key: 'timeout', value: 5000, source: `file ${file}` }); // tmp is outside home
  assert.equal(byKey.viewport, { key: 'viewport', value: { width: 1280, height: 720 }, source: 'default' });
  assert.equal(byKey.executablePath, { key: 'executablePath', value: undefined, source: 'default' });
});

test('renderSource shows files under home with ~', () => {
  const home = os.homedir();
  assert.is(renderSource({ kind: 'file', path: path.join(home, 'proj', '.agentbrowserrc') }), `file ~${path.sep}${path.join('proj', '.agentbrowserrc')}`);
  assert.is(renderSource({ kind: 'file', path: '/elsewhere/.agentbrowserrc' }, '/home/u'), 'file /elsewhere/.agentbrowserrc');
  assert.is(renderSource({ kind: 'file', path: '/home/user2/x' }, '/home/u'), 'file /home/user2/x');
  assert.is(renderSource({ kind: 'env', name: 'AGENT_BROWSER_SESSION' }), 'env AGENT_BROWSER_SESSION');
  assert.is(renderSource({ kind: 'flag', name: '--session' }), 'flag --session');
  assert.is(renderSource({ kind: 'default' }), 'default');
});

// --- .agentbrowserrc.example -------------------------------------------------------------------

test('.agentbrowserrc.example loads to exactly the defaults', async () => {
  const dir = await tmp();
  const explicit = await loadConfig({ cwd: dir, env: {}, flags: { config: EXAMPLE } });
  assert.is(explicit.filepath, EXAMPLE);
  assert.equal(explicit.config, EXPECTED_DEFAULTS);
  // …and as-is when renamed to .agentbrowserrc (found by the search)
  const copy = await write(path.join(dir, '.agentbrowserrc'), await readFile(EXAMPLE, 'utf8'));
  const searched = await loadConfig({ cwd: dir, env: {} });
  assert.is(searched.filepath, copy);
  assert.equal(searched.config, EXPECTED_DEFAULTS);
  assert.equal(searched.sources.session, { kind: 'file', path: copy }); // really read from the file
});

test('.agentbrowserrc.example documents every key and every environment variable', async () => {
  const text = await readFile(EXAMPLE, 'utf8');
  for (const key of CONFIG_KEYS) {
    assert.match(text, new RegExp(`^(# )?${key}:`, 'm'), `example lacks key ${key}`);
  }
  for (const { name } of ENV_BINDINGS) assert.ok(text.includes(name), `example lacks ${name}`);
  assert.ok(text.includes('AGENT_BROWSER_CONFIG'));
});

// --- startup cost ------------------------------------------------------------------------------

test('importing the module loads neither cosmiconfig nor playwright until loadConfig runs', async () => {
  const script = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    const loaded = () => Object.keys(require.cache).filter((k) => /cosmiconfig|playwright/.test(k)).length;
    const mod = await import(${JSON.stringify(path.join(REPO, 'src/config/index.ts'))});
    const before = loaded();
    await mod.loadConfig({ cwd: ${JSON.stringify(os.tmpdir())}, env: {} }).catch(() => {});
    console.log(JSON.stringify({ before, after: loaded() }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO,
  });
  const { before, after } = JSON.parse(stdout.trim().split('\n').pop()!);
  assert.is(before, 0, 'cosmiconfig loaded at import time');
  assert.ok(after > 0, 'cosmiconfig never loaded (the check cannot see it)');
});

test.run();
