import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BrowserNotFoundError, candidateBrowserPaths, findBrowser } from '../../src/config/browser.js';

const only =
  (...present: string[]) =>
  (p: string) =>
    present.includes(p);
const nothing = () => false;

function notFound(run: () => unknown): BrowserNotFoundError {
  try {
    run();
  } catch (error) {
    assert.instance(error, BrowserNotFoundError);
    return error as BrowserNotFoundError;
  }
  throw new assert.Assertion({ message: 'expected a BrowserNotFoundError', operator: 'throws', generated: false, expects: 'throw', actual: 'returned' });
}

// ---------------------------------------------------------------- order

test('explicit path wins over everything, with its source', () => {
  const result = findBrowser({
    explicit: { path: '/opt/my/chrome', from: 'flag --executable-path' },
    playwrightPath: '/pw/chrome',
    platform: 'linux',
    env: {},
    exists: only('/opt/my/chrome', '/pw/chrome', '/usr/bin/chromium'),
  });
  assert.equal(result, { path: '/opt/my/chrome', source: 'flag --executable-path' });
});

test('explicit path that does not exist is an error naming its source, not a fall-through', () => {
  const error = notFound(() =>
    findBrowser({
      explicit: { path: '/nope/chrome', from: 'env AGENT_BROWSER_EXECUTABLE_PATH' },
      playwrightPath: '/pw/chrome',
      platform: 'linux',
      env: {},
      exists: only('/pw/chrome', '/usr/bin/chromium'),
    }),
  );
  assert.match(error.message, '"/nope/chrome"');
  assert.match(error.message, 'env AGENT_BROWSER_EXECUTABLE_PATH');
  assert.match(error.message, 'does not exist');
  assert.equal(error.tried, ['/nope/chrome']);
  assert.is(error.name, 'BrowserNotFoundError');
  assert.is(error.code, 'BROWSER_NOT_FOUND');
});

test('explicit config path names the config file; a macOS .app bundle gets a hint', () => {
  const error = notFound(() =>
    findBrowser({
      explicit: { path: '/Applications/Google Chrome.app', from: 'config file /x/.agentbrowserrc' },
      platform: 'darwin',
      env: {},
      exists: nothing,
    }),
  );
  assert.match(error.message, 'config file /x/.agentbrowserrc');
  assert.match(error.message, '/Applications/Google Chrome.app/Contents/MacOS/');
});

test('Playwright browser comes before the usual locations', () => {
  const result = findBrowser({ playwrightPath: '/pw/chrome', platform: 'linux', env: {}, exists: only('/pw/chrome', '/usr/lib/chromium/chromium') });
  assert.equal(result, { path: '/pw/chrome', source: 'Playwright browser' });
});

test('missing Playwright browser falls through to the usual locations', () => {
  const result = findBrowser({ playwrightPath: '/pw/chrome', platform: 'linux', env: {}, exists: only('/usr/bin/google-chrome') });
  assert.equal(result, { path: '/usr/bin/google-chrome', source: 'installed browser' });
});

test('linux: Debian real binary first, then the wrapper, then the others', () => {
  const paths = candidateBrowserPaths('linux', {});
  assert.is(paths[0], '/usr/lib/chromium/chromium');
  assert.is(paths[1], '/usr/bin/chromium');
  for (const p of [
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
  ]) {
    assert.ok(paths.includes(p), p);
  }
  assert.ok(paths.indexOf('/usr/bin/chromium') < paths.indexOf('/usr/bin/google-chrome'));
  assert.equal(findBrowser({ platform: 'linux', env: {}, exists: only('/usr/bin/chromium', '/usr/lib/chromium/chromium') }).path, '/usr/lib/chromium/chromium');
  assert.equal(findBrowser({ platform: 'linux', env: {}, exists: only('/usr/bin/chromium', '/snap/bin/chromium') }).path, '/usr/bin/chromium');
});

test('macOS: /Applications then ~/Applications; Chrome, Chromium, Canary, Edge', () => {
  const paths = candidateBrowserPaths('darwin', { HOME: '/Users/ann' });
  assert.equal(paths.slice(0, 4), [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ]);
  assert.ok(paths.includes('/Users/ann/Applications/Chromium.app/Contents/MacOS/Chromium'));
  assert.is(paths.length, 8);
  assert.is(candidateBrowserPaths('darwin', {}).length, 4);
});

test('windows: LOCALAPPDATA, PROGRAMFILES, PROGRAMFILES(X86); Chrome, Chromium, Edge', () => {
  const env = { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
  const paths = candidateBrowserPaths('win32', env);
  assert.equal(paths.slice(0, 3), [
    'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ]);
  assert.ok(paths.includes('C:\\Program Files\\Chromium\\Application\\chrome.exe'));
  assert.ok(paths.includes('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'));
  // Windows environment names are case-insensitive.
  const lower = candidateBrowserPaths('win32', { LocalAppData: 'D:\\L', ProgramFiles: 'D:\\P', 'ProgramFiles(x86)': 'D:\\X' });
  assert.is(lower[0], 'D:\\L\\Google\\Chrome\\Application\\chrome.exe');
  assert.ok(lower.includes('D:\\X\\Microsoft\\Edge\\Application\\msedge.exe'));
  const found = findBrowser({ platform: 'win32', env, exists: only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe') });
  assert.equal(found, { path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', source: 'installed browser' });
});

// ---------------------------------------------------------------- not found

test('not found (linux): lists every path tried and how to fix it', () => {
  const error = notFound(() => findBrowser({ playwrightPath: '/pw/chromium-1234/chrome', platform: 'linux', env: {}, exists: nothing }));
  assert.equal(error.tried, ['/pw/chromium-1234/chrome', ...candidateBrowserPaths('linux', {})]);
  for (const p of error.tried) assert.ok(error.message.includes(`  - ${p}`), p);
  assert.match(error.message, 'apt-get install chromium');
  assert.match(error.message, '--executable-path');
  assert.match(error.message, 'AGENT_BROWSER_EXECUTABLE_PATH');
  assert.match(error.message, 'executablePath');
  assert.match(error.message, '.agentbrowserrc');
  assert.not.match(error.message, 'brew');
});

test('not found (macOS): brew or Google Chrome', () => {
  const error = notFound(() => findBrowser({ platform: 'darwin', env: { HOME: '/Users/ann' }, exists: nothing }));
  assert.is(error.tried.length, 8);
  assert.match(error.message, 'brew install --cask chromium');
  assert.match(error.message, 'Google Chrome');
  assert.match(error.message, '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  assert.not.match(error.message, 'apt-get');
});

test('not found (windows): install Chrome', () => {
  const error = notFound(() => findBrowser({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\L' }, exists: nothing }));
  assert.match(error.message, 'C:\\L\\Google\\Chrome\\Application\\chrome.exe');
  assert.match(error.message, 'install Google Chrome');
  assert.match(error.message, '--executable-path');
  assert.not.match(error.message, 'apt-get');
});

test('default exists check uses the real file system (an executable file, not a folder)', () => {
  const self = process.execPath;
  assert.equal(findBrowser({ explicit: { path: self, from: 'test' } }), { path: self, source: 'test' });
  notFound(() => findBrowser({ explicit: { path: '/', from: 'test' } }));
  if (process.platform !== 'win32') {
    const dir = mkdtempSync(join(tmpdir(), 'ab-discovery-'));
    try {
      const file = join(dir, 'not-executable');
      writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
      notFound(() => findBrowser({ explicit: { path: file, from: 'test' } }));
      chmodSync(file, 0o755);
      assert.is(findBrowser({ explicit: { path: file, from: 'test' } }).path, file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test.run();
