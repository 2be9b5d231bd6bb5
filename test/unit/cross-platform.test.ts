// Windows and macOS rules, checked on any OS: the paths, port, transport, socket-path limit and file
// modes a user there would see. The platform is passed in; nothing here depends on where it runs,
// except the file-mode tests, which use the real file system and say what each OS does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { suite } from 'uvu';
import * as assert from 'uvu/assert';

import { windowsInstallVersion } from '../../src/cli/doctor.js';
import { ClientError, connectOrStart } from '../../src/client/ensure.js';
import { defaultConfig } from '../../src/config/index.js';
import { isLocalSpec, resolvePath } from '../../src/config/paths.js';
import { globalConfigDir } from '../../src/config/quick-find.js';
import { sessionEndpoint, socketPathProblem } from '../../src/transport/endpoints.js';
import { openToOtherUsers, sessionFiles, writePrivateFile } from '../../src/transport/session-files.js';

const WINDOWS_TEMP = 'C:\\Users\\ada\\AppData\\Local\\Temp';
const WINDOWS_HOME = 'C:\\Users\\ada';
/** The shape of macOS's per-user TMPDIR (os.tmpdir() drops the trailing slash): 48 bytes. */
const MAC_TEMP = '/var/folders/6v/8s0q4y3x1b7c9_w2k5m0n4lh0000gn/T';

// ---------------------------------------------------------------------------------------------
const windows = suite('cross-platform: Windows session files');

windows('in the temp folder: %TEMP%\\agent-browser-<session>.*, with backslashes', () => {
  const e = sessionEndpoint({ session: 'work', transport: 'tcp', tmpdir: WINDOWS_TEMP, platform: 'win32' });
  assert.is(e.portPath, `${WINDOWS_TEMP}\\agent-browser-work.port`);
  assert.is(e.tokenPath, `${WINDOWS_TEMP}\\agent-browser-work.token`);
  assert.is(e.pidPath, `${WINDOWS_TEMP}\\agent-browser-work.pid`);
  assert.is(e.logPath, `${WINDOWS_TEMP}\\agent-browser-work.log`);
  assert.is(e.streamPath, `${WINDOWS_TEMP}\\agent-browser-work.stream`);
});

windows('in a socket folder of its own: <dir>\\<session>.*, whichever slashes the setting used', () => {
  for (const socketDir of ['D:\\ab', 'D:/ab', 'D:\\ab\\']) {
    const e = sessionEndpoint({ session: 'work', transport: 'tcp', socketDir, tmpdir: WINDOWS_TEMP, platform: 'win32' });
    assert.is(e.portPath, 'D:\\ab\\work.port', socketDir);
    assert.is(e.tokenPath, 'D:\\ab\\work.token', socketDir);
    assert.is(e.pidPath, 'D:\\ab\\work.pid', socketDir);
  }
});

windows('a dead TCP daemon leaves no socket: the files cleaned up are pid, port, stream, token and version', () => {
  const e = sessionEndpoint({ session: 'work', transport: defaultConfig('win32').transport, tmpdir: WINDOWS_TEMP, platform: 'win32' });
  assert.equal(
    sessionFiles(e).map((file) => path.win32.basename(file)),
    ['agent-browser-work.pid', 'agent-browser-work.port', 'agent-browser-work.stream', 'agent-browser-work.token', 'agent-browser-work.version'],
  );
});

windows.run();

// ---------------------------------------------------------------------------------------------
const config = suite('cross-platform: config paths under Windows rules');

config('relative and ~ paths in a config file resolve against its Windows folder', () => {
  const folder = `${WINDOWS_HOME}\\proj`;
  const cases: Array<[string, string]> = [
    ['extensions\\dark-mode', `${folder}\\extensions\\dark-mode`],
    ['plugins/mine', `${folder}\\plugins\\mine`],
    ['..\\shared\\ext', `${WINDOWS_HOME}\\shared\\ext`],
    ['~', WINDOWS_HOME],
    ['~\\exts\\one', `${WINDOWS_HOME}\\exts\\one`],
    ['~/exts/one', `${WINDOWS_HOME}\\exts\\one`],
    ['D:\\tools\\chrome.exe', 'D:\\tools\\chrome.exe'],
    ['\\\\server\\share\\ext', '\\\\server\\share\\ext'],
  ];
  for (const [written, resolved] of cases) assert.is(resolvePath(written, folder, WINDOWS_HOME, 'win32'), resolved, written);
});

config('a plugin named by a Windows path is loaded from that path, a package name is not a path', () => {
  for (const spec of ['C:\\plugins\\mine', 'C:/plugins/mine', '.\\mine', '..\\mine', '~\\mine', '\\\\server\\share\\mine']) {
    assert.ok(isLocalSpec(spec, 'win32'), spec);
  }
  for (const spec of ['agent-browser-plugin-x', '@acme/agent-browser-plugin', 'agent-browser-host/plugins/policy']) {
    assert.not.ok(isLocalSpec(spec, 'win32'), spec);
  }
});

config("the global config folder is cosmiconfig's for the platform", () => {
  assert.is(
    globalConfigDir({ APPDATA: `${WINDOWS_HOME}\\AppData\\Roaming` }, WINDOWS_HOME, 'win32'),
    `${WINDOWS_HOME}\\AppData\\Roaming\\agentbrowser\\Config`,
  );
  assert.is(globalConfigDir({}, WINDOWS_HOME, 'win32'), `${WINDOWS_HOME}\\AppData\\Roaming\\agentbrowser\\Config`);
  assert.is(globalConfigDir({}, '/Users/ada', 'darwin'), '/Users/ada/Library/Preferences/agentbrowser');
  assert.is(globalConfigDir({}, '/home/ada', 'linux'), '/home/ada/.config/agentbrowser');
});

config.run();

// ---------------------------------------------------------------------------------------------
const transport = suite('cross-platform: transport and port');

transport('the default transport is TCP on Windows, a Unix socket on macOS and Linux', () => {
  assert.is(defaultConfig('win32').transport, 'tcp');
  assert.is(defaultConfig('darwin').transport, 'unix');
  assert.is(defaultConfig('linux').transport, 'unix');
});

transport('a session hashes to the same port on every platform, wherever its files are', () => {
  const places = [
    { platform: 'win32', tmpdir: WINDOWS_TEMP },
    { platform: 'win32', socketDir: 'D:\\ab' },
    { platform: 'darwin', tmpdir: MAC_TEMP },
    { platform: 'linux', tmpdir: '/tmp' },
  ] as const;
  for (const [session, port] of [
    ['default', 50838],
    ['my-session', 63105],
  ] as const) {
    for (const place of places) assert.is(sessionEndpoint({ session, transport: 'tcp', ...place }).hashPort, port, `${session} on ${JSON.stringify(place)}`);
  }
});

transport.run();

// ---------------------------------------------------------------------------------------------
const mac = suite('cross-platform: macOS socket paths (104 bytes)');

const macSocket = (session: string, socketDir?: string) =>
  sessionEndpoint({ session, transport: 'unix', tmpdir: MAC_TEMP, socketDir, platform: 'darwin' }).socketPath;

mac('in the usual macOS temp folder a 35-byte session name is the longest that fits', () => {
  assert.is(socketPathProblem(macSocket('default'), 'darwin'), null);
  assert.is(socketPathProblem(macSocket('s'.repeat(35)), 'darwin'), null);
  assert.type(socketPathProblem(macSocket('s'.repeat(36)), 'darwin'), 'string');
  // Linux's sun_path is 4 bytes longer: the same path fits there.
  assert.is(socketPathProblem(macSocket('s'.repeat(36)), 'linux'), null);
});

mac('one byte over: the message names the path, its length, the limit and what to do', () => {
  const socketPath = macSocket('s'.repeat(36));
  const message = socketPathProblem(socketPath, 'darwin')!;
  assert.match(message, `The socket path ${socketPath} is 105 bytes long (with its NUL terminator), but Unix sockets on darwin allow at most 104.`);
  assert.match(message, 'Use a shorter session name, or set AGENT_BROWSER_SOCKET_DIR (or socketDir in .agentbrowserrc) to a short folder such as /tmp/ab.');
});

mac('following that advice fixes it: the same session in /tmp/ab fits', () => {
  const socketPath = macSocket('s'.repeat(36), '/tmp/ab');
  assert.is(socketPath, `/tmp/ab/${'s'.repeat(36)}.sock`);
  assert.is(socketPathProblem(socketPath, 'darwin'), null);
});

mac("the client refuses before dialling, with SOCKET_PATH_TOO_LONG and the same message (this OS's limit)", async () => {
  const socketDir = path.join(os.tmpdir(), 'ab-never-created');
  const session = 's'.repeat(120);
  const error = await connectOrStart({ session, transport: 'unix', socketDir }).then(
    () => assert.unreachable('a 120-byte session name cannot fit any sun_path'),
    (caught: unknown) => caught,
  );
  assert.instance(error, ClientError);
  assert.is((error as ClientError).code, 'SOCKET_PATH_TOO_LONG');
  assert.is((error as ClientError).message, socketPathProblem(path.join(socketDir, `${session}.sock`)));
  assert.not.ok(fs.existsSync(socketDir), 'nothing created');
});

mac.run();

// ---------------------------------------------------------------------------------------------
const modes = suite('cross-platform: private files and folders');

let scratch = '';
modes.before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-modes-'));
});
modes.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

modes('a private file is 0600 on POSIX, even over an older 0644 one; on Windows it is written and stays writable (0666)', () => {
  const fresh = path.join(scratch, 'fresh.token');
  const older = path.join(scratch, 'older.port');
  fs.writeFileSync(older, '1');
  fs.chmodSync(older, 0o644);
  writePrivateFile(fresh, 'secret');
  writePrivateFile(older, '50838');
  const expected = process.platform === 'win32' ? 0o666 : 0o600;
  assert.is(modeOf(fresh).toString(8), expected.toString(8));
  assert.is(modeOf(older).toString(8), expected.toString(8));
  assert.is(fs.readFileSync(older, 'utf8'), '50838');
});

modes('open to other users: group or other bits on POSIX; never on Windows, where every folder shows 0666', () => {
  for (const platform of ['linux', 'darwin'] as const) {
    assert.ok(openToOtherUsers(0o40755, platform), `${platform}: 0755`);
    assert.ok(openToOtherUsers(0o40770, platform), `${platform}: 0770`);
    assert.not.ok(openToOtherUsers(0o40700, platform), `${platform}: 0700`);
    assert.not.ok(openToOtherUsers(0o100600, platform), `${platform}: 0600`);
  }
  assert.not.ok(openToOtherUsers(0o40666, 'win32'));
  assert.not.ok(openToOtherUsers(0o100666, 'win32'));
});

modes.run();

const chrome = suite('cross-platform: Chrome’s version on Windows');

chrome('doctor reads the version from the folder the installer puts beside chrome.exe (chrome.exe --version opens a window)', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-chrome-'));
  try {
    const exe = path.join(folder, 'chrome.exe');
    fs.writeFileSync(exe, '');
    assert.is(windowsInstallVersion(exe), undefined, 'no version folder: no version');
    for (const name of ['99.0.4844.51', '120.0.6099.110', '120.0.6099.71', 'SetupMetrics', 'Dictionaries']) fs.mkdirSync(path.join(folder, name));
    assert.is(windowsInstallVersion(exe), '120.0.6099.110');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

chrome.run();
