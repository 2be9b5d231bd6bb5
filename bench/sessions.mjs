#!/usr/bin/env node
// Many sessions at once (not a test): for N = 1, 4, 8, 16 sessions, each one daemon and one
// Chromium, this project (also with `sharedBrowser: true`: one Chromium for all N sessions, each in
// contexts of its own) next to the Rust agent-browser 0.41.2 under the same load, one subject at a
// time on the same machine:
//   1. start-up: N daemons spawned at once, each then opening its own page (the browser's launch);
//   2. load: every session drives its page in a loop for --seconds (snapshot -i, click the counter
//      by its ref, fill the name field by its ref, read the counter back and check it), over the
//      wire (one new connection per request, as bench/run.mjs does for both subjects);
//   3. memory per session at the end of the load: the daemon and all its descendants (Chromium), PSS;
//      a shared browser (its keeper and Chromium) counts 1/N in each session.
//
//   npm run bench:sessions [-- --sessions 1,4,8,16] [--seconds 30] [--skip-peers] [--json <file>] [--chromium <path>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { call, cleanUpOnExit, killMarked, latestSubject, markedPids, oursSubject, request, startDaemon, stopDaemon, sweepRun } from './daemons.mjs';
import { benchFlags, runBench, writeResults } from './harness.mjs';
import { processTrees, treeMemory } from './memory.mjs';
import { servePages } from './pages.mjs';
import { ensurePeer } from './peers.mjs';
import { median, number } from './report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUST_VERSION = '0.41.2';
const { flags, chromium } = benchFlags(
  { sessions: { type: 'string', default: '1,4,8,16' }, seconds: { type: 'string', default: '30' } },
  'Usage: npm run bench:sessions [-- --sessions 1,4,8,16] [--seconds <per load, 30>] [--skip-peers] [--json <file>] [--chromium <path>]',
);
const counts = [...new Set(flags.sessions.split(',').map(Number))].filter((n) => Number.isInteger(n) && n > 0);
if (counts.length === 0) throw new Error(`--sessions ${flags.sessions}: give session counts such as 1,4,8,16`);
const seconds = Number(flags.seconds) > 0 ? Number(flags.seconds) : 30;

// Bounds: a daemon must answer within 30 s of its spawn and its first open (the browser's launch)
// within 90 s; a request during the load within 30 s (the action timeout is 25 s in both subjects).
const READY_TIMEOUT_MS = 30_000;
const FIRST_OPEN_TIMEOUT_MS = 90_000;
const OP_TIMEOUT_MS = 30_000;

/** The subjects, in the tables' column order: ours, ours with one shared browser, the Rust peer. */
const SUBJECT_KEYS = ['ours', 'shared', 'latest'];

const OPS = [
  { id: 'snapshot-i', label: '`snapshot -i`' },
  { id: 'click-ref', label: '`click @eN` (the counter button)' },
  { id: 'fill-ref', label: '`fill @eN` (the name field)' },
  { id: 'gettext', label: '`get text #clicks` (checked)' },
];

let interrupted = false;
const progress = (message) => interrupted || process.stderr.write(`[sessions] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Every daemon the bench starts is in `live` until stopped; every process it starts has the temp
// folder in its environment (HOME/TMPDIR), which is how the sweep finds stragglers.
const run = { tmp: null, server: null, live: new Set(), stopping: null };
function cleanup() {
  run.stopping ??= (async () => {
    await Promise.all([...run.live].map((daemon) => stopDaemon(daemon).catch(() => {})));
    await run.server?.close().catch(() => {});
    if (run.tmp) await sweepRun(run.tmp, `${run.tmp}${path.sep}`, progress);
  })();
  return run.stopping;
}
cleanUpOnExit(cleanup, progress, () => (interrupted = true));

/** Nearest-rank percentile (p in 0–100) of a list of numbers. */
function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Remembers the first few distinct failure messages and counts them all. */
function failureLog() {
  return {
    count: 0,
    first: [],
    add(message) {
      this.count++;
      if (this.first.length < 5 && !this.first.includes(message)) this.first.push(message);
    },
  };
}

/** Stops a subject's daemons, then waits for its processes (Chromium's too) to go, killing what lingers. */
async function stopAll(daemons, marker) {
  await Promise.all(
    daemons.map(async (daemon) => {
      await stopDaemon(daemon).catch(() => {});
      run.live.delete(daemon);
    }),
  );
  for (let waited = 0; waited < 5000 && markedPids(marker).length > 0; waited += 100) await sleep(100);
  const killed = killMarked(marker);
  if (killed) progress(`killed ${killed} process(es) still running after close`);
}

/**
 * Phase 1: N daemons spawned at the same moment, each then asked to open the form page (which
 * launches its browser). A start's time runs from that common moment to its page being open.
 */
async function startSessions(subject, n, tag, logDir, url) {
  const t0 = performance.now();
  const starts = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const session = `${tag}s${i + 1}`;
      let daemon = null;
      try {
        const ready = await startDaemon(subject, session, logDir, READY_TIMEOUT_MS);
        daemon = ready.daemon;
        run.live.add(daemon);
        const before = performance.now();
        await call(daemon.socketPath, { action: 'navigate', url }, FIRST_OPEN_TIMEOUT_MS);
        return { session, daemon, ms: performance.now() - t0, readyMs: ready.readyMs, openMs: performance.now() - before };
      } catch (error) {
        return { session, daemon, ms: performance.now() - t0, error: error.message };
      }
    }),
  );
  const ok = starts.filter((start) => !start.error);
  return {
    starts,
    allReadyMs: ok.length === n ? Math.max(...ok.map((start) => start.ms)) : null,
    failures: starts.filter((start) => start.error).map((start) => `${start.session}: ${start.error}`),
  };
}

/**
 * Phase 2: one loop per session until the deadline, each on its own page: snapshot -i, click the
 * counter button and fill the name field by the refs it gave, read the counter and check it counts
 * this session's clicks. A failed step is counted and its round abandoned (after 100 ms).
 */
async function driveSession(daemon, index, deadline, samples, failures) {
  let clicks = null;
  const step = async (op, message) => {
    const before = performance.now();
    let response;
    try {
      response = await request(daemon.socketPath, { id: `load-${op}`, ...message }, OP_TIMEOUT_MS);
    } catch (error) {
      throw new Error(`${op}: ${error.message}`);
    }
    if (!response.success) throw new Error(`${op}: ${response.error}`);
    samples[op].push(performance.now() - before);
    return response.data ?? {};
  };
  for (let round = 1; performance.now() < deadline && !run.stopping; round++) {
    try {
      const { refs = {} } = await step('snapshot-i', { action: 'snapshot', interactive: true });
      const refOf = (role, name) => {
        const ref = Object.keys(refs).find((key) => refs[key].role === role && refs[key].name === name);
        if (!ref) throw new Error(`snapshot-i: no ref for ${role} "${name}"`);
        return `@${ref}`;
      };
      const submit = refOf('button', 'Submit');
      const field = refOf('textbox', 'Name');
      await step('click-ref', { action: 'click', selector: submit });
      await step('fill-ref', { action: 'fill', selector: field, value: `session ${index}, round ${round}` });
      const { text } = await step('gettext', { action: 'gettext', selector: '#clicks' });
      const shown = Number(text);
      if (clicks !== null && shown !== clicks + 1) failures.add(`gettext: the counter shows ${JSON.stringify(text)} after ${clicks} + 1 clicks`);
      clicks = Number.isFinite(shown) ? shown : null;
    } catch (error) {
      failures.add(error.message);
      clicks = null;
      await sleep(100);
    }
  }
}

async function loadSessions(daemons) {
  const samples = Object.fromEntries(OPS.map((op) => [op.id, []]));
  const failures = failureLog();
  const started = performance.now();
  await Promise.all(daemons.map((daemon, i) => driveSession(daemon, i + 1, started + seconds * 1000, samples, failures)));
  const elapsedMs = performance.now() - started;
  const done = Object.values(samples).reduce((total, list) => total + list.length, 0);
  return { elapsedMs, done, opsPerSecond: done / (elapsedMs / 1000), samples, failures: { count: failures.count, first: failures.first } };
}

/** The keepers of shared browsers running for a subject (`sharedBrowser: true`), by their state files. */
function keeperPids(subject) {
  if (!subject.sharedDir) return [];
  const pids = [];
  for (const folder of fs.readdirSync(subject.sharedDir).filter((name) => name.startsWith('agent-browser-shared-'))) {
    for (const file of fs.readdirSync(path.join(subject.sharedDir, folder)).filter((name) => name.endsWith('.json'))) {
      try {
        pids.push(JSON.parse(fs.readFileSync(path.join(subject.sharedDir, folder, file), 'utf8')).pid);
      } catch {}
    }
  }
  return pids;
}

/**
 * Phase 3: per session, the daemon and its descendants (Chromium), read right after the load. A
 * shared browser (its keeper and Chromium) counts for 1/N in each of the N sessions using it.
 */
function sessionMemory(daemons, subject) {
  const keepers = keeperPids(subject);
  const trees = processTrees([...daemons.map((daemon) => daemon.pid), ...keepers]);
  const inKeepers = new Set(keepers.flatMap((pid) => trees.get(pid)));
  const shared = keepers.map((pid) => treeMemory(pid, trees.get(pid)));
  const share = (value) => value / Math.max(1, daemons.length);
  return daemons.map((daemon) => {
    const own = treeMemory(
      daemon.pid,
      trees.get(daemon.pid).filter((pid) => !inKeepers.has(pid)),
    );
    const sharedTotal = share(shared.reduce((total, tree) => total + tree.totalMiB, 0));
    const sharedProcesses = shared.flatMap((tree) =>
      tree.processes.map((entry) => ({
        ...entry,
        role: `${entry.role === 'daemon' ? 'keeper' : entry.role} (shared, ÷${daemons.length})`,
        mib: share(entry.mib),
      })),
    );
    return {
      session: daemon.session,
      ...own,
      totalMiB: own.totalMiB + sharedTotal,
      childMiB: own.childMiB + sharedTotal,
      processes: [...own.processes, ...sharedProcesses],
    };
  });
}

async function measure(subject, n, logDir, url) {
  const marker = `${subject.dir}${path.sep}`;
  progress(`${subject.title}, ${n} session(s): starting them all at once`);
  const startup = await startSessions(subject, n, `n${n}`, logDir, url);
  const daemons = startup.starts.filter((start) => !start.error).map((start) => start.daemon);
  try {
    for (const failure of startup.failures) progress(`${subject.title}: start failed: ${failure}`);
    if (run.stopping) throw new Error('interrupted');
    progress(`${subject.title}, ${n} session(s): ${daemons.length} started; driving their pages for ${seconds} s`);
    const load = daemons.length ? await loadSessions(daemons) : null;
    const memory = sessionMemory(daemons, subject);
    return {
      n,
      subject: subject.key,
      startup: { allReadyMs: startup.allReadyMs, failures: startup.failures, starts: startup.starts.map(({ daemon, ...start }) => start) },
      load,
      memory,
    };
  } finally {
    await stopAll(
      startup.starts.filter((start) => start.daemon).map((start) => start.daemon),
      marker,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The report: one table per N, ours | Rust | ours / Rust.

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const ms = (value) => (value == null ? '—' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : number(value));

function rowsFor(result) {
  if (!result) return null;
  if (result.na) return { na: result.na };
  const { startup, load, memory, n } = result;
  const singles = startup.starts.filter((start) => !start.error).map((start) => start.ms);
  const opens = startup.starts.filter((start) => !start.error).map((start) => start.openMs);
  const readies = startup.starts.filter((start) => !start.error).map((start) => start.readyMs);
  const rows = {
    allReady: { value: startup.allReadyMs, text: startup.allReadyMs == null ? `— (${startup.failures.length} of ${n} failed)` : ms(startup.allReadyMs) },
    startMedian: { value: median(singles) },
    startMax: { value: singles.length ? Math.max(...singles) : null },
    readyMedian: { value: median(readies) },
    openMedian: { value: median(opens) },
    startFailures: { value: startup.failures.length, text: `${startup.failures.length} of ${n}` },
    opsPerSecond: { value: load?.opsPerSecond ?? null, text: load ? load.opsPerSecond.toFixed(1) : '—' },
    opsPerSession: { value: load ? load.opsPerSecond / memory.length : null, text: load ? (load.opsPerSecond / memory.length).toFixed(1) : '—' },
    loadFailures: { value: load?.failures.count ?? null, text: load ? `${load.failures.count} of ${load.done + load.failures.count}` : '—' },
  };
  for (const op of OPS) {
    rows[`${op.id}-p50`] = { value: median(load?.samples[op.id] ?? []) };
    rows[`${op.id}-p95`] = { value: percentile(load?.samples[op.id] ?? [], 95) };
  }
  const measures = new Set(memory.flatMap((session) => session.processes.map((entry) => entry.measure)));
  rows.memTotal = { value: mean(memory.map((session) => session.totalMiB)), unit: [...measures].join('+') || 'pss' };
  rows.memDaemon = { value: mean(memory.map((session) => session.daemonMiB)) };
  rows.memChildren = { value: mean(memory.map((session) => session.childMiB)) };
  rows.processes = { value: mean(memory.map((session) => session.processes.length)), text: number(mean(memory.map((session) => session.processes.length))) };
  rows.daemonRss = { value: mean(memory.map((session) => session.daemonRssMiB).filter((value) => value != null)) };
  return rows;
}

const TABLE = [
  [
    'allReady',
    (n) => (n === 1 ? 'start-up: one daemon spawned, until its page is open (ms)' : `start-up: ${n} daemons spawned at once, until every page is open (ms)`),
  ],
  ['startMedian', () => '↳ one session, spawn → its page open: median (ms)'],
  ['startMax', () => '↳ one session: slowest (ms)'],
  ['readyMedian', () => '↳ of which spawn → daemon answering: median (ms)'],
  ['openMedian', () => '↳ of which the first `open` (browser launch): median (ms)'],
  ['startFailures', () => '↳ failed starts'],
  ['opsPerSecond', (n) => `load: operations/s, ${n === 1 ? 'one session' : `all ${n} sessions`} (higher is better)`],
  ['opsPerSession', () => '↳ per session'],
  ...OPS.flatMap((op) => [
    [`${op.id}-p50`, () => `${op.label} p50 (ms)`],
    [`${op.id}-p95`, () => `${op.label} p95 (ms)`],
  ]),
  ['loadFailures', () => 'failed operations'],
  ['memTotal', () => 'memory per session: daemon + its processes, PSS (MiB)'],
  ['memDaemon', () => '↳ the daemon process'],
  ['memChildren', () => '↳ its Chromium processes'],
  ['processes', () => '↳ processes per session'],
  ['daemonRss', () => 'daemon RSS, for reference (MiB)'],
];

function cellText(rows, id) {
  if (!rows) return '—';
  if (rows.na) return `n/a: ${rows.na}`;
  const row = rows[id];
  if (row.text !== undefined) return row.text;
  return id.startsWith('mem') || id === 'daemonRss' ? (row.value == null ? '—' : row.value.toFixed(1)) : ms(row.value);
}

/** One table for one N: a column per subject, then each of ours against Rust. */
function renderSessionTable(n, columns, titles) {
  const keys = Object.keys(columns);
  const ours = keys.filter((key) => key !== 'latest');
  const header = [...keys.map((key) => titles[key]), ...ours.map((key) => `${titles[key]} / Rust`)];
  const lines = [`| N = ${n} | ${header.join(' | ')} |`, `|---|${header.map(() => '---:').join('|')}|`];
  const ratio = (a, b, id) => (a != null && b != null && b !== 0 && id !== 'startFailures' && id !== 'loadFailures' ? `${(a / b).toFixed(2)}×` : '—');
  for (const [id, label] of TABLE) {
    const unit = id === 'memTotal' && columns.ours?.memTotal?.unit && columns.ours.memTotal.unit !== 'pss' ? ` [ours: ${columns.ours.memTotal.unit}]` : '';
    const cells = [...keys.map((key) => cellText(columns[key], id)), ...ours.map((key) => ratio(columns[key]?.[id]?.value, columns.latest?.[id]?.value, id))];
    lines.push(`| ${label(n)}${unit} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Where a session's memory goes: per process kind (daemon, browser, renderer…), the mean MiB per session and the processes of that kind. */
function memoryByRole(result) {
  if (!result?.memory?.length) return null;
  const roles = new Map();
  for (const session of result.memory)
    for (const entry of session.processes) {
      const role = roles.get(entry.role) ?? { mib: 0, count: 0 };
      roles.set(entry.role, { mib: role.mib + entry.mib, count: role.count + 1 });
    }
  const sessions = result.memory.length;
  return [...roles]
    .sort((a, b) => b[1].mib - a[1].mib)
    .map(([role, { mib, count }]) => `${role}${count > sessions ? ` ×${+(count / sessions).toFixed(1)}` : ''} ${(mib / sessions).toFixed(0)}`)
    .join(', ');
}

function failureNotes(n, results, titles) {
  const notes = [];
  for (const [key, result] of Object.entries(results)) {
    if (!result || result.na) continue;
    for (const failure of result.startup.failures.slice(0, 5)) notes.push(`- N = ${n}, ${titles[key]}, start: ${failure}`);
    for (const message of result.load?.failures.first ?? []) notes.push(`- N = ${n}, ${titles[key]}, load: ${message}`);
  }
  return notes.map((note) => note.replace(/\s+/g, ' ').slice(0, 400));
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  run.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abs-'));
  const logDir = path.join(run.tmp, 'logs');
  fs.mkdirSync(logDir);

  const chromiumVersion = execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();
  const ourVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  let ourCommit = '';
  try {
    ourCommit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  const titles = { ours: 'ours', shared: 'ours, sharedBrowser', latest: `Rust ${RUST_VERSION}` };
  const versions = [
    `- ours: agent-browser-host ${ourVersion}${ourCommit ? ` (${ourCommit}, dist/ as built)` : ''}, daemon dist/daemon/main.js on playwright-core`,
  ];

  const subjects = [
    { ...oursSubject({ dir: path.join(run.tmp, 'ours'), chromium }), dir: path.join(run.tmp, 'ours'), title: titles.ours },
    { ...oursSubject({ dir: path.join(run.tmp, 'shared'), chromium, shared: true }), dir: path.join(run.tmp, 'shared'), title: titles.shared },
  ];
  let rustNa = flags['skip-peers'] ? 'skipped (--skip-peers)' : null;
  if (!rustNa) {
    try {
      const peer = await ensurePeer(RUST_VERSION, progress);
      const dir = path.join(run.tmp, 'rust');
      subjects.push({ ...latestSubject({ dir, chromium, peer }), dir, title: titles.latest });
      const reported = execFileSync(peer.nativeCli, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
      versions.push(`- ${titles.latest}: ${reported} (npm agent-browser@${peer.version}, its native binary as the daemon, raw CDP)`);
    } catch (error) {
      rustNa = `agent-browser@${RUST_VERSION} unavailable: ${error.message.split('\n')[0]}`;
      progress(rustNa);
    }
  }

  run.server = await servePages();
  const url = run.server.urls.form;

  // A warm-up start per subject (not measured): the first launch of the run reads Chromium and the
  // daemon's code from disk.
  for (const subject of subjects) {
    progress(`${subject.title}: warm-up start`);
    const warm = await startSessions(subject, 1, 'warm', logDir, url);
    await stopAll(
      warm.starts.filter((start) => start.daemon).map((start) => start.daemon),
      `${subject.dir}${path.sep}`,
    );
    if (warm.failures.length) throw new Error(`${subject.title} could not start one session: ${warm.failures[0]}`);
  }

  // Subjects one at a time (never both loads at once), their order swapped from one N to the next.
  const results = [];
  for (const [index, n] of counts.entries()) {
    const perN = { n, ours: null, shared: null, latest: rustNa ? { na: rustNa } : null };
    for (const subject of index % 2 ? [...subjects].reverse() : subjects) {
      if (run.stopping) break;
      perN[subject.key] = await measure(subject, n, logDir, url);
    }
    results.push(perN);
  }
  if (run.stopping) return;
  await cleanup();

  const cpus = os.cpus();
  const measures = new Set(
    results.flatMap((perN) => SUBJECT_KEYS.flatMap((key) => perN[key]?.memory?.flatMap((s) => s.processes.map((p) => p.measure)) ?? [])),
  );
  const command = `npm run bench:sessions${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const report = [
    `## Many sessions at once, ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC (\`${command}\`)`,
    '',
    `- machine: ${os.availableParallelism?.() ?? cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}, node ${process.version}, ${chromiumVersion} (${chromium})`,
    ...versions,
    `- per N, one subject at a time: N daemons spawned at once, each opens the form page (its browser's launch); then every session loops snapshot -i → click @ref → fill @ref → get text (checked) on its own page for ${seconds} s, one new connection per request; latencies over all sessions' successful operations (p95: nearest rank)`,
    `- memory: the mean over sessions of the daemon process and all its descendants, ${measures.has('rss') ? (measures.has('pss') ? 'PSS (VmRSS where PSS was unreadable)' : 'VmRSS (PSS unreadable)') : 'PSS from /proc/<pid>/smaps_rollup'}, read right after the load (with sharedBrowser, plus 1/N of the keeper and its Chromium); PSS splits shared pages between the processes that share them`,
    '',
    ...results.flatMap((perN) => [
      renderSessionTable(perN.n, Object.fromEntries(SUBJECT_KEYS.map((key) => [key, rowsFor(perN[key])])), titles),
      '',
      ...SUBJECT_KEYS.filter((key) => memoryByRole(perN[key])).map(
        (key) => `- N = ${perN.n}, ${titles[key]}, MiB per session by process: ${memoryByRole(perN[key])}`,
      ),
      '',
    ]),
  ];
  const notes = results.flatMap((perN) => failureNotes(perN.n, Object.fromEntries(SUBJECT_KEYS.map((key) => [key, perN[key]])), titles));
  report.push(notes.length ? ['Failures (first messages):', '', ...notes].join('\n') : 'No failures.');
  console.log(report.join('\n'));

  const round = (list) => list.map((value) => Math.round(value * 100) / 100);
  writeResults(
    { file: flags.json, name: 'sessions', date: startedAt },
    {
      date: startedAt.toISOString(),
      command,
      machine: {
        cores: os.availableParallelism?.() ?? cpus.length,
        model: cpus[0]?.model,
        memGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        chromium: chromiumVersion,
      },
      versions,
      settings: { sessions: counts, seconds, readyTimeoutMs: READY_TIMEOUT_MS, firstOpenTimeoutMs: FIRST_OPEN_TIMEOUT_MS, opTimeoutMs: OP_TIMEOUT_MS },
      results: results.map((perN) => ({
        n: perN.n,
        ...Object.fromEntries(
          SUBJECT_KEYS.map((key) => {
            const result = perN[key];
            if (!result || result.na) return [key, result];
            const samples = result.load && Object.fromEntries(Object.entries(result.load.samples).map(([op, list]) => [op, round(list)]));
            return [key, { ...result, load: result.load && { ...result.load, samples } }];
          }),
        ),
      })),
    },
    progress,
  );
}

await runBench(main, cleanup, 'sessions bench');
