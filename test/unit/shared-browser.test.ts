// The shared browser's files (`sharedBrowser: true`): one browser per launch setting, in a folder
// only this user can enter, and the users list that tells the keeper when nobody needs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ensurePrivateDir, liveUsers, readKeeper, sharedDir, sharedFiles, type SharedLaunch } from '../../src/browser/shared-browser.js';

const test = suite('shared browser files');
const LAUNCH: SharedLaunch = { executablePath: '/usr/bin/chromium', headless: true, args: [] };

let dir = '';
test.before.each(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abshared-'));
});
test.after.each(() => fs.rmSync(dir, { recursive: true, force: true }));

test('sessions launched alike share one browser; any launch difference gets another one', () => {
  const same = sharedFiles(dir, { ...LAUNCH });
  assert.is(sharedFiles(dir, LAUNCH).state, same.state);
  const others = [
    { ...LAUNCH, executablePath: '/opt/chrome/chrome' },
    { ...LAUNCH, headless: false },
    { ...LAUNCH, args: ['--lang=de'] },
    { ...LAUNCH, proxy: { server: 'http://127.0.0.1:3128' } },
  ].map((launch) => sharedFiles(dir, launch).state);
  assert.is(new Set([same.state, ...others]).size, 5, others.join('\n'));
});

test('the folder is private to the user, named by the user, and a folder open to others is refused', () => {
  const mine = sharedDir(dir);
  assert.ok(path.basename(mine).startsWith('agent-browser-shared-'), mine);
  ensurePrivateDir(mine);
  assert.is(fs.statSync(mine).mode & 0o777, 0o700);
  if (process.platform === 'win32') return;
  const open = path.join(dir, 'open');
  fs.mkdirSync(open, { mode: 0o777 });
  fs.chmodSync(open, 0o777);
  assert.throws(() => ensurePrivateDir(open), /not a private folder of this user/);
  const link = path.join(dir, 'link');
  fs.symlinkSync(mine, link);
  assert.throws(() => ensurePrivateDir(link), /not a private folder of this user/);
});

test('users: live daemons count, files of dead ones are removed; a state file naming a dead keeper is no keeper', () => {
  const files = sharedFiles(dir, LAUNCH);
  fs.mkdirSync(files.users);
  fs.writeFileSync(path.join(files.users, String(process.pid)), '');
  fs.writeFileSync(path.join(files.users, '999999999'), '');
  assert.equal(liveUsers(files), [process.pid]);
  assert.equal(fs.readdirSync(files.users), [String(process.pid)]);
  fs.writeFileSync(files.state, JSON.stringify({ pid: 999999999, wsEndpoint: 'ws://127.0.0.1:1/x', browserPid: null }));
  assert.is(readKeeper(files), null);
  fs.writeFileSync(files.state, JSON.stringify({ pid: process.pid, wsEndpoint: 'ws://127.0.0.1:1/x', browserPid: null }));
  assert.is(readKeeper(files)?.pid, process.pid);
});

test.run();
