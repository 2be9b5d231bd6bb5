/**
 * Diffs (§2.14): diff_snapshot against the session's last snapshot or a baseline file,
 * diff_screenshot against a baseline PNG (with a real diff image), diff_url between two pages.
 * CLI: `diff snapshot|screenshot|url`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { closedPort, evaluate, fails, isPng, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('diff');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/diff-page.html';
const OTHER = '/e2e/diff-other.html';

const file = (name: string) => path.join(fx.daemon.socketDir, name);
const cli = (...args: string[]) => runCli(['--session', fx.daemon.session, ...args], { env: fx.daemon.env, cwd: fx.daemon.socketDir });

async function open(pathname = PAGE) {
  return ok(fx.daemon, { action: 'navigate', url: fx.server.url(pathname) });
}

test('diff_snapshot before any snapshot fails with the reference’s advice', async () => {
  await open();
  const answer = await fails(fx.daemon, { action: 'diff_snapshot' });
  assert.is(answer.error, 'No previous snapshot in this session. Take a snapshot first, or use --baseline <file>.');
});

test('diff_snapshot → {diff, additions, removals, unchanged, changed}: the lines a page change added and removed', async () => {
  await open();
  await ok(fx.daemon, { action: 'snapshot' });
  await evaluate(
    fx.daemon,
    "document.querySelector('#list li:last-child').textContent = 'Delta'; document.body.insertAdjacentHTML('afterbegin', '<button>New first</button>'); true",
  );
  const data = await ok(fx.daemon, { action: 'diff_snapshot' });
  keys(data, ['diff', 'additions', 'removals', 'unchanged', 'changed']);
  assert.is(data.changed, true);
  assert.is(data.additions, 2, data.diff);
  assert.is(data.removals, 1, data.diff);
  assert.ok(data.unchanged > 3);
  const lines = (data.diff as string).split('\n');
  assert.ok(lines.includes('-     - listitem: Beta'), data.diff);
  assert.ok(lines.includes('+     - listitem: Delta'), data.diff);
  assert.ok(
    lines.some((l) => /^\+   - button "New first" \[ref=e\d+\]$/.test(l)),
    data.diff,
  );
  // Refs renumbered after the new button, but those lines count as unchanged.
  assert.not.ok(
    lines.some((l) => l.startsWith('-') && l.includes('button "Go"')),
    data.diff,
  );
  // Printed as is by the agent-browser CLIs: change and context lines only, no hunk header.
  assert.ok(
    lines.every((line) => /^[-+ ] /.test(line)),
    data.diff,
  );

  // The new snapshot is the next baseline: nothing changed since.
  const again = await ok(fx.daemon, { action: 'diff_snapshot' });
  assert.equal(again, { diff: '', additions: 0, removals: 0, unchanged: again.unchanged, changed: false });
  assert.is(again.unchanged, data.unchanged + data.additions);
});

test('diff_snapshot {baseline} compares with a file (text, or snapshot --json); {selector} scopes it', async () => {
  await open();
  const { snapshot } = await ok(fx.daemon, { action: 'snapshot' });
  fs.writeFileSync(file('baseline.txt'), `${snapshot}\n`);
  fs.writeFileSync(file('baseline.json'), JSON.stringify({ success: true, data: { snapshot }, error: null }));
  assert.is((await ok(fx.daemon, { action: 'diff_snapshot', baseline: file('baseline.txt') })).changed, false);
  await evaluate(fx.daemon, "document.querySelector('h1').remove(); true");
  for (const baseline of [file('baseline.txt'), file('baseline.json')]) {
    const data = await ok(fx.daemon, { action: 'diff_snapshot', baseline });
    assert.is(data.removals, 1, data.diff);
    assert.is(data.additions, 0, data.diff);
    assert.match(data.diff, /^- {3}- heading "Diff page" \[ref=e\d+\] \[level=1\]$/m);
  }
  const missing = await fails(fx.daemon, { action: 'diff_snapshot', baseline: file('nope.txt') }, 'FILE_NOT_FOUND');
  assert.match(missing.error, /Baseline file not found: .*nope\.txt/);

  await ok(fx.daemon, { action: 'snapshot', selector: '#list' });
  await evaluate(fx.daemon, "document.querySelector('#list').insertAdjacentHTML('beforeend', '<li>Omega</li>'); true");
  const scoped = await ok(fx.daemon, { action: 'diff_snapshot', selector: '#list' });
  assert.is(scoped.additions, 1);
  assert.is(scoped.removals, 0);
  assert.match(scoped.diff, /^\+ .*- listitem: Omega$/m);
});

test('diff_screenshot → match when nothing changed; counts differing pixels after a visible change, with a diff PNG', async () => {
  await open();
  await ok(fx.daemon, { action: 'screenshot', path: file('base.png') });
  const same = await ok(fx.daemon, { action: 'diff_screenshot', baseline: file('base.png'), output: file('same-diff.png') });
  keys(same, ['diffPath', 'totalPixels', 'differentPixels', 'mismatchPercentage', 'match']);
  assert.is(same.match, true);
  assert.is(same.differentPixels, 0);
  assert.is(same.mismatchPercentage, 0);
  const base = PNG.sync.read(fs.readFileSync(file('base.png')));
  assert.is(same.totalPixels, base.width * base.height);

  // The #box (120×80) turns from blue to red.
  await evaluate(fx.daemon, "document.getElementById('box').style.background = 'rgb(255, 0, 0)'; true");
  const changed = await ok(fx.daemon, { action: 'diff_screenshot', baseline: file('base.png'), output: file('changed-diff.png') });
  assert.is(changed.match, false);
  assert.is(changed.diffPath, file('changed-diff.png'));
  assert.ok(
    changed.differentPixels >= 120 * 80 * 0.9 && changed.differentPixels <= 120 * 80 * 1.1,
    `about the box’s 9600 pixels, got ${changed.differentPixels}`,
  );
  assert.is(changed.mismatchPercentage, Math.round((changed.differentPixels / changed.totalPixels) * 10000) / 100);
  const diffImage = fs.readFileSync(file('changed-diff.png'));
  assert.ok(isPng(diffImage));
  const diff = PNG.sync.read(diffImage);
  assert.is(diff.width, base.width);
  // The box’s centre (20 + 60, h1 + list above it) is marked red in the diff image.
  const box = (await ok(fx.daemon, { action: 'boundingbox', selector: '#box' })).box;
  const at = (Math.round(box.y + box.height / 2) * diff.width + Math.round(box.x + box.width / 2)) * 4;
  assert.equal([diff.data[at], diff.data[at + 1], diff.data[at + 2]], [255, 0, 0]);

  // A generous threshold does not hide a blue→red change; a tiny one is still exact on equal pixels.
  await evaluate(fx.daemon, "document.getElementById('box').style.background = 'rgb(0, 0, 255)'; true");
  const back = await ok(fx.daemon, { action: 'diff_screenshot', baseline: file('base.png'), threshold: 0 });
  assert.is(back.match, true);
  assert.ok(fs.existsSync(back.diffPath), 'a default diff path in the temp folder');
  fs.rmSync(back.diffPath, { force: true });
});

test('diff_screenshot {selector} (refs too) and a size mismatch → dimensionMismatch', async () => {
  await open();
  await ok(fx.daemon, { action: 'screenshot', path: file('box.png'), selector: '#box' });
  const { snapshot } = await ok(fx.daemon, { action: 'snapshot' });
  const goRef = `@${/button "Go" \[ref=(e\d+)\]/.exec(snapshot)![1]}`;
  const same = await ok(fx.daemon, { action: 'diff_screenshot', baseline: file('box.png'), selector: '#box', output: file('box-diff.png') });
  assert.is(same.match, true);
  const boxPng = PNG.sync.read(fs.readFileSync(file('box.png')));
  assert.is(same.totalPixels, boxPng.width * boxPng.height);
  assert.ok(Math.abs(boxPng.width - 120) <= 1 && Math.abs(boxPng.height - 80) <= 1, `the element alone: ${boxPng.width}×${boxPng.height}`);
  const other = await ok(fx.daemon, { action: 'diff_screenshot', baseline: file('box.png'), selector: goRef, output: file('go-diff.png') });
  assert.is(other.match, false);
  assert.is(other.dimensionMismatch, true);
  assert.ok(other.differentPixels > 0);
  await fails(fx.daemon, { action: 'diff_screenshot', baseline: file('missing.png') }, 'FILE_NOT_FOUND');
  fs.writeFileSync(file('not.png'), 'text');
  await fails(fx.daemon, { action: 'diff_screenshot', baseline: file('not.png') }, 'INVALID_PARAMS');
  await fails(fx.daemon, { action: 'diff_screenshot', baseline: file('box.png'), selector: '#nope' }, 'ELEMENT_NOT_FOUND');
});

test('diff_url → {snapshot} (and {screenshot} on request): how two pages differ', async () => {
  const data = await ok(fx.daemon, { action: 'diff_url', url1: fx.server.url(PAGE), url2: fx.server.url(OTHER) });
  keys(data, ['snapshot']);
  assert.is(data.snapshot.additions, 1);
  assert.is(data.snapshot.removals, 1);
  assert.match(data.snapshot.diff, /^- .*listitem: Beta$/m);
  assert.match(data.snapshot.diff, /^\+ .*listitem: Gamma$/m);
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(OTHER), 'the tab ends on url2');

  const withShots = await ok(fx.daemon, {
    action: 'diff_url',
    url1: fx.server.url(PAGE),
    url2: fx.server.url(OTHER),
    screenshot: true,
    waitUntil: 'domcontentloaded',
  });
  keys(withShots, ['snapshot', 'screenshot']);
  keys(withShots.screenshot, ['diffPath', 'totalPixels', 'differentPixels', 'mismatchPercentage', 'match']);
  assert.is(withShots.screenshot.match, false);
  assert.ok(withShots.screenshot.differentPixels >= 120 * 80 * 0.9, `the box changed colour: ${withShots.screenshot.differentPixels}`);
  assert.ok(isPng(fs.readFileSync(withShots.screenshot.diffPath)));
  fs.rmSync(withShots.screenshot.diffPath, { force: true });

  const same = await ok(fx.daemon, { action: 'diff_url', url1: fx.server.url(PAGE), url2: fx.server.url(PAGE), screenshot: true, selector: '#list' });
  assert.is(same.snapshot.changed, false);
  assert.is(same.screenshot.match, true);
  fs.rmSync(same.screenshot.diffPath, { force: true });

  const down = `http://127.0.0.1:${await closedPort()}/`;
  const failed = await fails(fx.daemon, { action: 'diff_url', url1: fx.server.url(PAGE), url2: down }, 'NAVIGATION_FAILED');
  assert.match(failed.error, /ERR_CONNECTION_REFUSED/);
});

test('CLI: diff snapshot / screenshot / url', async () => {
  await open();
  await ok(fx.daemon, { action: 'snapshot' });
  await evaluate(fx.daemon, "document.querySelector('#list').insertAdjacentHTML('beforeend', '<li>From CLI</li>'); true");
  const snap = await cli('diff', 'snapshot');
  assert.is(snap.code, 0, snap.stderr);
  assert.match(snap.stdout, /^\+ {5}- listitem: From CLI$/m);
  assert.match(snap.stdout, /1 added, 0 removed, \d+ unchanged\n$/);
  await cli('diff', 'snapshot', '-c');
  const none = await cli('diff', 'snapshot', '-c');
  assert.match(none.stdout, /^✓ No changes \(0 added, 0 removed, \d+ unchanged\)\n$/);
  const json = await cli('diff', 'snapshot', '--json', '-s', '#list');
  assert.is(json.code, 0, json.stderr);
  keys(json.json.data, ['diff', 'additions', 'removals', 'unchanged', 'changed']);

  await ok(fx.daemon, { action: 'screenshot', path: file('cli-base.png') });
  const match = await cli('diff', 'screenshot', '--baseline', 'cli-base.png', '--output', 'cli-diff.png');
  assert.is(match.code, 0, match.stderr);
  assert.is(match.stdout, `✓ Screenshots match\n  Diff image: ${file('cli-diff.png')}\n`);
  await evaluate(fx.daemon, "document.getElementById('box').style.background = 'rgb(0, 255, 0)'; true");
  const differ = await cli('diff', 'screenshot', '-b', 'cli-base.png', '-o', 'cli-diff.png', '--threshold', '0.2');
  assert.is(differ.code, 0, differ.stderr);
  assert.match(differ.stdout, /^✗ \d+ of \d+ pixels differ \([\d.]+%\)\n/);
  const bad = await cli('diff', 'screenshot', '-b', 'cli-base.png', '--threshold', '2');
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /--threshold must be a number from 0 to 1/);

  const url = await cli('diff', 'url', fx.server.url(PAGE), fx.server.url(OTHER), '--screenshot', '--json');
  assert.is(url.code, 0, url.stderr);
  assert.is(url.json.data.snapshot.additions, 1);
  assert.is(url.json.data.screenshot.match, false);
  fs.rmSync(url.json.data.screenshot.diffPath, { force: true });
  const urlText = await cli('diff', 'url', fx.server.url(PAGE), fx.server.url(OTHER));
  assert.match(urlText.stdout, /^- .*listitem: Beta$/m);
  assert.match(urlText.stdout, /1 added, 1 removed/);
});

test.run();
