#!/usr/bin/env node
// The benchmark (not a test): this project's daemon and CLI next to the in-process playwright-core
// floor and to agent-browser 0.6.0 and latest, on the same pages and the same Chromium, in one run.
// Subjects are interleaved per round, in rotating order, so machine noise hits all of them alike.
//
//   npm run bench [-- --runs N] [--only <substring>] [--skip-peers] [--json <file>] [--chromium <path>]
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  call,
  cleanUpOnExit,
  latestSubject,
  oursSubject,
  request,
  rssMiB,
  runCli,
  sendAndHangUp,
  startDaemon,
  stopDaemon,
  sweepRun,
  v06Subject,
} from './daemons.mjs';
import { launchFloor, snapshotFloor } from './floor.mjs';
import { benchFlags, runBench } from './harness.mjs';
import { servePages } from './pages.mjs';
import { ensurePeer } from './peers.mjs';
import { renderTable } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { flags, chromium } = benchFlags(
  { runs: { type: 'string', default: '15' }, warmup: { type: 'string', default: '1' }, only: { type: 'string' } },
  'Usage: npm run bench [-- --runs N] [--warmup N] [--only <substring of a row id>] [--skip-peers] [--json <file>] [--chromium <path>]',
);
const runs = Math.max(1, Number(flags.runs) || 15);
// Unmeasured rounds before a page operation's samples: 1 measures a session's first uses, when
// the daemon's and the page's JavaScript are not yet compiled by V8's optimising tiers; more
// measure a session that has been working for a while.
const warmup = Math.max(0, Math.floor(Number(flags.warmup ?? 1)) || 0);
const spawnRuns = Math.min(runs, 5);
// Quiet once interrupted: the measurements still winding down would only report the daemons going away.
let interrupted = false;
const progress = (message) => interrupted || process.stderr.write(`[bench] ${message}\n`);

const ROWS = [
  { id: 'spawn', label: 'daemon spawn → ready', unit: 'ms', kind: 'spawn' },
  { id: 'launch', label: 'first `navigate` incl. browser launch', unit: 'ms', kind: 'peer' },
  { id: 'url', label: '`url`', unit: 'ms', kind: 'op' },
  { id: 'navigate', label: '`navigate` (small page)', unit: 'ms', kind: 'op' },
  { id: 'snapshot-i', label: '`snapshot -i` (form page)', unit: 'ms', kind: 'op' },
  { id: 'click-css', label: '`click #submit` (CSS selector)', unit: 'ms', kind: 'op' },
  { id: 'click-ref', label: '`click @eN` (ref from a fresh `snapshot -i`, not timed)', unit: 'ms', kind: 'op' },
  { id: 'fill', label: '`fill #name`', unit: 'ms', kind: 'op' },
  { id: 'fill-ref', label: '`fill @eN` (ref from a fresh `snapshot -i`, not timed)', unit: 'ms', kind: 'op' },
  { id: 'refuse-covered', label: 'refuse `click` on a covered button', unit: 'ms', kind: 'refuse' },
  { id: 'refuse-hidden', label: 'refuse `click` on a hidden button', unit: 'ms', kind: 'refuse' },
  { id: 'refuse-removed', label: 'refuse `click @eN` whose button was removed', unit: 'ms', kind: 'refuse' },
  { id: 'refuse-readonly', label: 'refuse `fill` on a read-only field', unit: 'ms', kind: 'refuse' },
  { id: 'hang-up', label: '`url` right after a client hung up on a click still waiting for its element', unit: 'ms', kind: 'hangUp' },
  { id: 'evaluate', label: '`evaluate`', unit: 'ms', kind: 'op' },
  { id: 'screenshot', label: '`screenshot` (viewport PNG, to a file)', unit: 'ms', kind: 'op' },
  { id: 'snapshot-table', label: '`snapshot`, 1000-row table', unit: 'ms', kind: 'snapshotTable' },
  { id: 'snapshot-table-size', label: '↳ its output (`data.snapshot`)', unit: 'bytes', kind: 'size' },
  { id: 'cli-get-url', label: 'CLI `get url` (floor: `node -e 0`)', unit: 'ms', kind: 'cli' },
  { id: 'cli-plugin', label: '↳ a plugin command: `domain-guard:status` (ours; the peers have no plugins)', unit: 'ms', kind: 'cli' },
  { id: 'cli-get-url-npm', label: '↳ peers through `node_modules/.bin` (npm’s wrapper scripts)', unit: 'ms', kind: 'cli' },
  { id: 'batch-20', label: '20 actions: `batch` (ours) vs 20 CLI calls (peers)', unit: 'ms', kind: 'batch' },
  { id: 'rss-start', label: 'daemon RSS, fresh: one small page, 2 s later', unit: 'MiB', kind: 'rss' },
  { id: 'rss', label: 'daemon RSS after the run, one page', unit: 'MiB', kind: 'rss' },
];
const selected = (id) => !flags.only || id.includes(flags.only);

/** The page operations, measured on every subject: `wire` is the request, `floor` the direct call on the Page. */
const OPS = [
  { id: 'url', page: 'small', wire: () => ({ action: 'url' }), floor: (page) => page.url() },
  { id: 'navigate', page: 'small', wire: ({ urls }) => ({ action: 'navigate', url: urls.small }), floor: (page, { urls }) => page.goto(urls.small) },
  { id: 'snapshot-i', page: 'form', wire: () => ({ action: 'snapshot', interactive: true }), floor: (page) => snapshotFloor(page, { interactive: true }) },
  { id: 'click-css', page: 'form', wire: () => ({ action: 'click', selector: '#submit' }), floor: (page) => page.locator('#submit').click() },
  {
    id: 'click-ref',
    page: 'form',
    // A ref is bound to its element's aria-ref in this project, a getByRole(role, { name, exact }) recipe in 0.6.0.
    prepare: (socketPath) => refFor(socketPath, 'button', 'Submit'),
    wire: ({ ref }) => ({ action: 'click', selector: `@${ref}` }),
    floor: (page) => page.getByRole('button', { name: 'Submit', exact: true }).click(),
  },
  {
    id: 'fill',
    page: 'form',
    wire: () => ({ action: 'fill', selector: '#name', value: 'Ada Lovelace' }),
    floor: (page) => page.locator('#name').fill('Ada Lovelace'),
  },
  {
    id: 'fill-ref',
    page: 'form',
    prepare: (socketPath) => refFor(socketPath, 'textbox', 'Name'),
    wire: ({ ref }) => ({ action: 'fill', selector: `@${ref}`, value: 'Ada Lovelace' }),
    floor: (page) => page.getByRole('textbox', { name: 'Name', exact: true }).fill('Ada Lovelace'),
  },
  // Refusals: the answer must be a failure. 0.6.0 waits its whole action timeout in each case, so it is not sampled.
  { id: 'refuse-covered', page: 'refuse', refusal: true, wire: () => ({ action: 'click', selector: '#covered' }) },
  { id: 'refuse-hidden', page: 'refuse', refusal: true, wire: () => ({ action: 'click', selector: '#hidden' }) },
  {
    id: 'refuse-removed',
    page: 'refuse',
    refusal: true,
    // A new button each sample, given a ref by a snapshot, then removed by the page before the click.
    async prepare(socketPath) {
      await call(socketPath, { action: 'evaluate', script: "document.getElementById('spares').innerHTML = '<button type=button>Spare</button>'" });
      const ref = await refFor(socketPath, 'button', 'Spare');
      await call(socketPath, { action: 'evaluate', script: "document.getElementById('spares').innerHTML = ''" });
      return ref;
    },
    wire: ({ ref }) => ({ action: 'click', selector: `@${ref}` }),
  },
  { id: 'refuse-readonly', page: 'refuse', refusal: true, wire: () => ({ action: 'fill', selector: '#readonly', value: 'changed' }) },
  { id: 'evaluate', page: 'form', wire: () => ({ action: 'evaluate', script: 'document.title' }), floor: (page) => page.evaluate('document.title') },
  // To a file: latest always writes one (without a path, into ~/.agent-browser/tmp), the others would answer base64.
  { id: 'screenshot', page: 'form', wire: ({ file }) => ({ action: 'screenshot', path: file }), floor: (page, { file }) => page.screenshot({ path: file }) },
  { id: 'snapshot-table', page: 'table', sizeRow: 'snapshot-table-size', wire: () => ({ action: 'snapshot' }), floor: (page) => snapshotFloor(page, {}) },
];

/** The ref a fresh `snapshot -i` gives the element with this role and name. */
async function refFor(socketPath, role, name) {
  const { refs = {} } = await call(socketPath, { action: 'snapshot', interactive: true });
  const ref = Object.keys(refs).find((key) => refs[key].role === role && refs[key].name === name);
  if (!ref) throw new Error(`the snapshot has no ref for ${role} "${name}"`);
  return ref;
}

const results = Object.fromEntries(ROWS.map((row) => [row.id, {}]));
const cell = (rowId, key) => (results[rowId][key] ??= { samples: [] });
const failed = (rowId, key) => Boolean(results[rowId][key]?.error || results[rowId][key]?.na);

/** Runs one measurement unless that cell already failed; a failure is recorded in the cell and the run goes on. */
async function attempt(rowIds, key, fn) {
  const ids = [rowIds].flat();
  if (cleaning || ids.every((id) => failed(id, key))) return;
  try {
    await fn();
  } catch (error) {
    for (const id of ids) if (!failed(id, key)) cell(id, key).error = error.message;
    progress(`${key} ${ids.join('/')}: ${error.message}`);
  }
}

/**
 * The order of the subjects in round `n`: rows of a Williams design, where each subject comes
 * right after each other one equally often. A plain rotation put one subject after the in-process
 * floor in three rounds of four, and the floor's leftover work (its GC, its Chromium settling) was
 * then counted to that subject.
 */
/** The pause before each page-operation sample. */
const SETTLE_MS = 10;

function rotate(list, n) {
  const size = list.length;
  if (size < 3) return n % 2 ? [...list].reverse() : [...list];
  const first = [0];
  for (let low = 1, high = size - 1; first.length < size; low++, high--) {
    first.push(low);
    if (first.length < size) first.push(high);
  }
  const rows = first.map((_, shift) => first.map((index) => list[(index + shift) % size]));
  if (size % 2) rows.push(...rows.map((row) => [...row].reverse()));
  return rows[n % rows.length];
}

// Everything to release at the end, also on errors and Ctrl-C. Every process the bench starts has the
// temp folder in its environment (HOME, TMPDIR or a marker variable), which finds stragglers.
const state = { tmp: null, server: null, floor: null, daemons: new Set() };
const marker = () => `${state.tmp}${path.sep}`;
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    await Promise.all([...state.daemons].map((daemon) => stopDaemon(daemon).catch(() => {})));
    await state.floor?.browser.close().catch(() => {});
    await state.server?.close().catch(() => {});
    if (!state.tmp) return;
    // A CLI caught mid-run may still be starting something: sweep until nothing is left.
    await sweepRun(state.tmp, marker(), progress);
  })();
  return cleaning;
}
cleanUpOnExit(cleanup, progress, () => (interrupted = true));

async function started(subject, session, logDir) {
  const result = await startDaemon(subject, session, logDir);
  state.daemons.add(result.daemon);
  if (cleaning) throw new Error('interrupted');
  return result;
}
async function stopped(daemon) {
  await stopDaemon(daemon);
  state.daemons.delete(daemon);
}

/** VmRSS of each daemon process alone (not its Chromium). */
function recordRss(rowId, daemons) {
  if (!selected(rowId)) return;
  for (const [key, daemon] of Object.entries(daemons)) {
    const mib = rssMiB(daemon.pid);
    results[rowId][key] = mib == null ? { error: `cannot read /proc/${daemon.pid}/status` } : { samples: [mib] };
  }
}

async function main() {
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abb-'));
  const logDir = path.join(state.tmp, 'logs');
  fs.mkdirSync(logDir);
  const floorEnv = { ...process.env, AGENT_BROWSER_BENCH_MARKER: marker() };

  const chromiumVersion = execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();
  const batchAvailable = spawnSync(process.execPath, [path.join(root, 'bin', 'run.js'), 'batch', '--help'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
  const ourVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const playwrightVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'playwright-core', 'package.json'), 'utf8')).version;

  // The peers: installed (or taken from the cache) first, so their install time stays out of every figure.
  const subjects = [oursSubject({ dir: path.join(state.tmp, 'ours'), chromium, batch: batchAvailable })];
  const peerTitles = { v06: '0.6.0', latest: 'latest' };
  const peerNotes = [];
  for (const [key, spec, make] of [
    ['v06', '0.6.0', v06Subject],
    ['latest', 'latest', latestSubject],
  ]) {
    let na = flags['skip-peers'] ? 'skipped (--skip-peers)' : null;
    if (!na) {
      try {
        const peer = await ensurePeer(spec, progress);
        subjects.push(make({ dir: path.join(state.tmp, key), chromium, peer }));
        if (key === 'latest') peerTitles.latest = `latest (${peer.version})`;
        const pw =
          key === 'v06'
            ? `, its daemon on playwright-core ${JSON.parse(fs.readFileSync(path.join(peer.pkgDir, '..', 'playwright-core', 'package.json'), 'utf8')).version}`
            : ', Rust daemon over CDP';
        peerNotes.push(`agent-browser ${peer.version} (${peer.nativeCli}${pw})`);
      } catch (error) {
        na = error.message;
      }
    }
    if (na) for (const row of ROWS) results[row.id][key] = { na };
  }

  state.server = await servePages();
  const { urls } = state.server;
  const everyone = [{ key: 'floor' }, ...subjects];

  // 1. Daemon spawn → ready (a fresh daemon per sample, spawned directly), then its first navigate, which launches the browser.
  if (selected('spawn') || selected('launch')) {
    progress(`spawn → ready and first navigate: ${spawnRuns} rounds (+1 warm-up)`);
    for (let round = -1; round < spawnRuns; round++) {
      for (const subject of rotate(everyone, round + 1)) {
        if (subject.key === 'floor') {
          await attempt('launch', 'floor', async () => {
            const floor = await launchFloor({ chromium, env: floorEnv, url: urls.small });
            await floor.browser.close();
            if (round >= 0) cell('launch', 'floor').samples.push(floor.ms);
          });
          continue;
        }
        await attempt(['spawn', 'launch'], subject.key, async () => {
          const { daemon, readyMs } = await started(subject, `spawn${round + 1}`, logDir);
          try {
            const before = performance.now();
            await call(daemon.socketPath, { action: 'navigate', url: urls.small });
            if (round >= 0) {
              cell('spawn', subject.key).samples.push(readyMs);
              cell('launch', subject.key).samples.push(performance.now() - before);
            }
          } finally {
            await stopped(daemon);
          }
        });
      }
    }
  }

  // 2. One long-lived daemon per subject (session "main") and the floor's page.
  progress('starting the daemons and the floor for the remaining rows');
  const participants = [];
  state.floor = await launchFloor({ chromium, env: floorEnv, url: urls.small });
  const floorPage = state.floor.page;
  participants.push({
    key: 'floor',
    goto: (url) => floorPage.goto(url),
    async sample(op) {
      const before = performance.now();
      const outcome = await op.floor(floorPage, { urls, file: path.join(state.tmp, 'floor-shot.png') });
      return outcome?.ms !== undefined ? outcome : { ms: performance.now() - before };
    },
  });
  const mains = {};
  for (const subject of subjects) {
    try {
      const { daemon } = await started(subject, 'main', logDir);
      await call(daemon.socketPath, { action: 'navigate', url: urls.small });
      mains[subject.key] = daemon;
      participants.push({
        key: subject.key,
        goto: (url) => call(daemon.socketPath, { action: 'navigate', url }),
        async sample(op) {
          const ref = op.prepare ? await op.prepare(daemon.socketPath) : undefined;
          const message = { id: `bench-${op.id}`, ...op.wire({ urls, ref, file: path.join(state.tmp, `${subject.key}-shot.png`) }) };
          const before = performance.now();
          const response = await request(daemon.socketPath, message);
          const ms = performance.now() - before;
          if (op.refusal && response.success) throw new Error(`${message.action} ${message.selector} succeeded; it should have been refused`);
          if (!op.refusal && !response.success) throw new Error(`${message.action}: ${response.error}`);
          return { ms, bytes: typeof response.data?.snapshot === 'string' ? Buffer.byteLength(response.data.snapshot) : undefined };
        },
      });
    } catch (error) {
      progress(`${subject.key}: ${error.message}`);
      for (const row of ROWS) if (!['spawn', 'launch'].includes(row.id)) results[row.id][subject.key] = { na: `its daemon did not start: ${error.message}` };
    }
  }

  // At rest: two seconds after the first page, for every subject.
  if (selected('rss-start')) await sleep(2000);
  recordRss('rss-start', mains);

  // 3. The page operations, one warm-up round then `runs` rounds, subjects in rotating order.
  for (const op of OPS.filter((candidate) => selected(candidate.id) || (candidate.sizeRow && selected(candidate.sizeRow)))) {
    progress(`${op.id}: ${runs} rounds (+${warmup} warm-up)`);
    if (op.refusal) {
      results[op.id].floor = { na: 'a refusal is the daemon’s answer; Playwright alone waits its timeout' };
      if (results[op.id].v06 === undefined) results[op.id].v06 = { na: 'not measured: it waits the whole 25 s action timeout' };
    }
    for (const participant of participants) await attempt(op.id, participant.key, () => participant.goto(urls[op.page]));
    for (let round = -warmup; round < runs; round++) {
      for (const participant of rotate(participants, round + warmup)) {
        // Each sample starts on a settled machine: what the previous subject left running is not counted.
        await sleep(SETTLE_MS);
        await attempt(op.id, participant.key, async () => {
          const outcome = await participant.sample(op);
          if (round < 0) return;
          const target = cell(op.id, participant.key);
          target.samples.push(outcome.ms);
          if (outcome.formattedMs !== undefined) {
            target.alt = [...(target.alt ?? []), outcome.formattedMs];
            target.altLabel = 'with formatting';
          }
          if (op.sizeRow && outcome.bytes !== undefined) {
            results[op.sizeRow][participant.key] = {
              samples: [outcome.bytes],
              ...(outcome.formattedBytes !== undefined ? { alt: [outcome.formattedBytes], altLabel: 'formatted' } : {}),
            };
          }
        });
      }
    }
  }

  // 3b. A client gives up on a click that waits for an element that never comes (as oqto-browser's
  // read timeout does); the next request must not wait behind the abandoned one.
  if (selected('hang-up')) {
    results['hang-up'].floor = { na: 'a daemon matter' };
    if (results['hang-up'].v06 === undefined) results['hang-up'].v06 = { na: 'not measured: the abandoned click holds its queue for the 25 s action timeout' };
    const daemons = Object.entries(mains).filter(([key]) => key !== 'v06');
    progress(`hang-up: ${spawnRuns} rounds`);
    for (const [key, daemon] of daemons) await attempt('hang-up', key, () => call(daemon.socketPath, { action: 'navigate', url: urls.small }));
    for (let round = 0; round < spawnRuns; round++) {
      for (const [key, daemon] of rotate(daemons, round)) {
        await attempt('hang-up', key, async () => {
          await sendAndHangUp(daemon.socketPath, { id: `abandoned-${round}`, action: 'click', selector: '#never-there' }, 300);
          const before = performance.now();
          await call(daemon.socketPath, { action: 'url' }, 30_000);
          cell('hang-up', key).samples.push(performance.now() - before);
        });
      }
    }
  }

  // 4. CLI processes: `get url` next to `node -e 0`, and 20 actions (our batch vs the peers' CLI, 20 times).
  const cliSubjects = subjects.filter((subject) => mains[subject.key]);
  if (selected('cli-get-url') || selected('cli-plugin') || selected('batch-20')) {
    for (const subject of cliSubjects)
      await attempt(['cli-get-url', 'batch-20'], subject.key, () => call(mains[subject.key].socketPath, { action: 'navigate', url: urls.form }));
  }
  // A plugin's command goes through the same fast path, with the plugin named by a config file.
  const ours = cliSubjects.find((subject) => subject.key === 'ours');
  const pluginConfig = path.join(state.tmp, 'plugin-config.json');
  const pluginCli = (args) => ours.cli(['--config', pluginConfig, ...args], 'plugin');
  const cliRows = selected('cli-get-url') || selected('cli-plugin');
  if (cliRows && ours) {
    const guard = path.join(root, 'plugins', 'domain-guard');
    fs.writeFileSync(pluginConfig, JSON.stringify({ plugins: [[guard, { navigation: ['127.0.0.1'] }]] }));
    await attempt('cli-plugin', 'ours', () => runCli(pluginCli(['open', urls.form])));
  }
  for (const key of ['v06', 'latest']) results['cli-plugin'][key] ??= { na: 'no plugins' };
  if (cliRows) {
    progress(`CLI get url and a plugin command: ${runs} rounds (+2 warm-up)`);
    const getUrl = (row, key, spec) => ({ row, key, spec, expect: urls.form });
    const clis = [
      { row: 'cli-get-url', key: 'floor', spec: { command: process.execPath, args: ['-e', '0'], env: process.env } },
      ...cliSubjects.map((subject) => getUrl('cli-get-url', subject.key, subject.cli(['get', 'url'], 'main'))),
      ...cliSubjects.filter((subject) => subject.npmCli).map((subject) => getUrl('cli-get-url-npm', subject.key, subject.npmCli(['get', 'url'], 'main'))),
      ...(ours && !results['cli-plugin'].ours?.error
        ? [{ row: 'cli-plugin', key: 'ours', spec: pluginCli(['domain-guard:status']), expect: '127.0.0.1' }]
        : []),
    ];
    for (let round = -2; round < runs; round++) {
      for (const cli of rotate(clis, round + 2)) {
        await attempt(cli.row, cli.key, async () => {
          const { ms, stdout } = await runCli(cli.spec);
          if (cli.expect && !stdout.includes(cli.expect))
            throw new Error(`get url printed ${JSON.stringify(stdout.trim().slice(0, 80))}, not the daemon's page`);
          if (round >= 0) cell(cli.row, cli.key).samples.push(ms);
        });
      }
    }
    // Our bin is bin/run.js either way; the row repeats our and node's figures for its ratios.
    for (const key of ['floor', 'ours']) results['cli-get-url-npm'][key] = results['cli-get-url'][key];
    results['cli-plugin'].floor = results['cli-get-url'].floor;
    if (ours) await runCli(pluginCli(['close'])).catch(() => {});
  }
  if (selected('batch-20')) {
    const actions = Array.from(
      { length: 20 },
      (_, i) =>
        [
          ['fill', '#name', `value-${i}`],
          ['click', '#submit'],
          ['get', 'url'],
        ][i % 3],
    );
    if (!batchAvailable) results['batch-20'].ours = { na: 'not available (`agent-browser batch --help` fails)' };
    const runners = cliSubjects
      .filter((subject) => subject.key !== 'ours' || batchAvailable)
      .map((subject) => ({
        key: subject.key,
        run:
          subject.key === 'ours'
            ? () =>
                runCli(
                  subject.batch(
                    actions.map((args) => args.join(' ')),
                    'main',
                  ),
                )
            : async () => {
                for (const args of actions) await runCli(subject.cli(args, 'main'));
              },
      }));
    progress(`20 actions: ${spawnRuns} rounds (+1 warm-up)`);
    for (let round = -1; round < spawnRuns; round++) {
      for (const runner of rotate(runners, round + 1)) {
        await attempt('batch-20', runner.key, async () => {
          const before = performance.now();
          await runner.run();
          if (round >= 0) cell('batch-20', runner.key).samples.push(performance.now() - before);
        });
      }
    }
  }

  // 5. Memory of each daemon process (not its Chromium), with one page open, before it closes.
  recordRss('rss', mains);

  await cleanup();

  const cpus = os.cpus();
  const header = [
    `## agent-browser benchmark, ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
    `- machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${os.type()} ${os.release()}, node ${process.version}, ${chromiumVersion} (${chromium})`,
    `- subjects: floor = playwright-core ${playwrightVersion} in the bench process; ours = agent-browser ${ourVersion} (dist/daemon/main.js, bin/run.js); ${peerNotes.join('; ') || 'no peers'}`,
    `- medians of ${runs} samples per page operation after ${warmup} warm-up round${warmup === 1 ? '' : 's'}, ${spawnRuns} per spawn / launch / 20-action row, after warm-up; subjects interleaved so that each comes right after each other equally often, 10 ms pause before each page-operation sample; one new connection per request`,
    '- floor of a snapshot row: the `ariaSnapshot()` call alone, in brackets including this project’s formatting; the `click @eN` / `fill @eN` floor is `getByRole(…)`, what a ref resolves to in 0.6.0 (this project binds refs to elements)',
    '- peers’ CLIs run as their native binaries (what a global install of latest links to); the `node_modules/.bin` row adds npm’s wrappers (sh for 0.6.0, node for latest)',
    `- spawn → ready probes: ours \`status\`, 0.6.0 an invalid request (anything valid launches the browser), latest \`session_info\`; RSS is VmRSS of the daemon process alone`,
    '',
  ];
  console.log(
    [
      ...header,
      renderTable(
        ROWS.filter((row) => selected(row.id)),
        results,
        peerTitles,
      ),
    ].join('\n'),
  );

  if (flags.json) {
    fs.writeFileSync(
      flags.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version, chromium: chromiumVersion },
          runs,
          peers: peerNotes,
          rows: ROWS,
          results,
        },
        null,
        2,
      ),
    );
    progress(`raw samples written to ${flags.json}`);
  }
}

await runBench(main, cleanup, 'bench');
