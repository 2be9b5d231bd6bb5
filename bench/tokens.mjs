#!/usr/bin/env node
// The token bench (not a test): how many tokens a model reads from this project next to the Rust
// agent-browser 0.41.2 and Playwright MCP 0.0.86, in one run on the same pages and the same Chromium:
//   1. `snapshot -i` per page (CLI; Playwright MCP has no interactive-only snapshot),
//   2. full `snapshot` per page (CLI; Playwright MCP's browser_snapshot text),
//   3. the MCP `tools/list` answer (the tools array as JSON) of each MCP server in its default mode,
//   4. a five-step MCP task (navigate, snapshot, fill by ref, click by ref, read the result).
// Tokens are o200k_base (gpt-tokenizer, offline). The corpus is Debian documentation (installed by
// the setup step when missing) and bench/pages/, served on 127.0.0.1.
//
//   npm run bench:tokens [-- --skip-peers] [--skip-setup] [--pages <substring>] [--json <file>] [--chromium <path>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { CORPUS, corpusMounts, DOC_PACKAGES, ensureDocs } from './corpus.mjs';
import { cleanUpOnExit, latestSubject, markedPids, oursSubject, runCli, subjectEnv, sweepRun } from './daemons.mjs';
import { benchFlags, runBench, writeResults } from './harness.mjs';
import { callTool, connectMcp, listAllTools, runTask, TASK } from './mcp-task.mjs';
import { servePages } from './pages.mjs';
import { ensurePackage, ensurePeer } from './peers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUST_VERSION = '0.41.2';
const PW_MCP = { name: '@playwright/mcp', version: '0.0.86' };
const SUBJECTS = ['ours', 'rust', 'pw'];

const { flags, chromium } = benchFlags(
  { 'skip-setup': { type: 'boolean' }, pages: { type: 'string' } },
  'Usage: npm run bench:tokens [-- --skip-peers] [--skip-setup] [--pages <substring of a page id>] [--json <file>] [--chromium <path>]',
);
let interrupted = false;
const progress = (message) => interrupted || process.stderr.write(`[tokens] ${message}\n`);

/** o200k_base tokens of a text, special-token markers counted as the plain text they are. */
const NO_SPECIAL = new Set();
const tokens = (text) => encode(text, { disallowedSpecial: NO_SPECIAL }).length;

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every process the bench starts has the temp folder in its environment
// (HOME/TMPDIR), so a sweep finds what a close left behind, also on errors and Ctrl-C.
const state = { tmp: null, server: null, closers: [] };
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    for (const close of state.closers.splice(0).reverse()) await close().catch(() => {});
    await state.server?.close().catch(() => {});
    if (!state.tmp) return;
    // A closed daemon or browser takes a moment to exit by itself; only then sweep what is left.
    for (let waited = 0; waited < 5000 && markedPids(`${state.tmp}${path.sep}`).length > 0; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await sweepRun(state.tmp, `${state.tmp}${path.sep}`, progress);
  })();
  return cleaning;
}
cleanUpOnExit(cleanup, progress, () => (interrupted = true));

/**
 * A check that fewer tokens are not bought with lost information: the links and buttons a snapshot
 * prints with neither a name nor children showing their text (`- link [ref=e20]`), so a model
 * cannot tell what they are.
 */
function unnamedControls(text) {
  const lines = text.split('\n');
  let count = 0;
  for (const [index, line] of lines.entries()) {
    const match = /^(\s*)- (?:link|button)(?=$| \[|:)/.exec(line);
    if (!match) continue;
    const next = lines[index + 1] ?? '';
    const indent = /^\s*/.exec(next)[0].length;
    if (!(next.trim().startsWith('-') && indent > match[1].length)) count += 1;
  }
  return count;
}

const firstLine = (error) => String(error?.message ?? error).split('\n')[0];

// ---------------------------------------------------------------------------------------------
// The subjects. Each has a CLI (ours, Rust) and an MCP server; `na` says why one is missing.

async function prepareSubjects() {
  const ours = oursSubject({ dir: path.join(state.tmp, 'ours'), chromium });
  const ourVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  let ourCommit = '';
  try {
    ourCommit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  const subjects = {
    ours: {
      title: 'ours',
      version: `agent-browser-host ${ourVersion}${ourCommit ? ` (${ourCommit}, work tree as built in dist/)` : ''}`,
      cli: (args, session) => ours.cli(args, session),
      mcp: (session) => ({ ...ours.cli(['mcp', '--session', session], session), cwd: path.join(state.tmp, 'ours') }),
      closeSession: (session) => runCli(ours.cli(['close'], session), 30_000),
    },
    rust: { title: `Rust ${RUST_VERSION}`, na: null },
    pw: { title: `Playwright MCP ${PW_MCP.version}`, na: null },
  };
  if (flags['skip-peers']) {
    subjects.rust.na = subjects.pw.na = 'skipped (--skip-peers)';
    return subjects;
  }
  try {
    const peer = await ensurePeer(RUST_VERSION, progress);
    const rust = latestSubject({ dir: path.join(state.tmp, 'rust'), chromium, peer });
    const reported = execFileSync(peer.nativeCli, ['--version'], { encoding: 'utf8', timeout: 30_000 }).trim();
    Object.assign(subjects.rust, {
      version: `${reported} (npm agent-browser@${peer.version}, native CLI ${path.basename(peer.nativeCli)}; Chromium via AGENT_BROWSER_EXECUTABLE_PATH)`,
      cli: (args, session) => rust.cli(args, session),
      mcp: (session) => ({ ...rust.cli(['mcp'], session), cwd: path.join(state.tmp, 'rust') }),
      closeSession: (session) => runCli(rust.cli(['close'], session), 30_000),
    });
  } catch (error) {
    subjects.rust.na = `agent-browser@${RUST_VERSION} unavailable: ${firstLine(error)}`;
    progress(subjects.rust.na);
  }
  try {
    const pkg = await ensurePackage(PW_MCP.name, PW_MCP.version, progress);
    let playwright = '?';
    try {
      playwright = JSON.parse(fs.readFileSync(path.join(pkg.prefix, 'node_modules', 'playwright', 'package.json'), 'utf8')).version;
    } catch {}
    const dir = path.join(state.tmp, 'pw');
    const env = subjectEnv(dir, {});
    // Playwright passes --disable-background-networking, --disable-component-update, --disable-sync
    // and --no-first-run itself; as root, Chromium's sandbox cannot start.
    const args = [pkg.bin('playwright-mcp'), '--headless', '--isolated', '--executable-path', chromium];
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    Object.assign(subjects.pw, {
      version: `${PW_MCP.name}@${pkg.version} (playwright ${playwright}; ${args.slice(1).join(' ')})`,
      mcp: () => ({ command: process.execPath, args, env, cwd: dir }),
    });
  } catch (error) {
    subjects.pw.na = `${PW_MCP.name}@${PW_MCP.version} unavailable: ${firstLine(error)}`;
    progress(subjects.pw.na);
  }
  return subjects;
}

/** Connects to a subject's MCP server and registers its shutdown (the server, then its browser session). */
async function startMcp(subject, session) {
  const connection = await connectMcp(subject.mcp(session));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connection.close();
    if (subject.closeSession) await subject.closeSession(session).catch((error) => progress(`${subject.title} close ${session}: ${firstLine(error)}`));
  };
  state.closers.push(close);
  return { ...connection, close };
}

// ---------------------------------------------------------------------------------------------
// Measures 1 and 2: snapshots of every page.

const snapshotCells = () => Object.fromEntries(SUBJECTS.map((key) => [key, {}]));

async function measureSnapshots(subjects, pages, urlOf, missingDocs) {
  const interactive = {};
  const full = {};
  for (const page of pages) {
    interactive[page.id] = snapshotCells();
    full[page.id] = snapshotCells();
  }
  const na = (page, key, why) => {
    interactive[page.id][key] = { na: why };
    full[page.id][key] = { na: why };
  };

  // Playwright MCP: one server for the whole corpus.
  let pw = null;
  if (!subjects.pw.na) {
    try {
      pw = await startMcp(subjects.pw);
    } catch (error) {
      subjects.pw.corpusNa = `its MCP server did not start: ${firstLine(error)}`;
      progress(`Playwright MCP: ${subjects.pw.corpusNa}`);
    }
  }
  // The CLI sessions (their daemons start on the first `open`), closed once, here or on the way out.
  const cliSession = 'tokens';
  const closeCli = {};
  for (const key of ['ours', 'rust']) {
    if (subjects[key].na) continue;
    let closing = null;
    closeCli[key] = () => (closing ??= subjects[key].closeSession(cliSession).catch(() => {}));
    state.closers.push(closeCli[key]);
  }
  // A CLI that fails to open three pages in a row is given up on (each try may wait for a timeout).
  const failures = { ours: 0, rust: 0 };
  for (const [index, page] of pages.entries()) {
    progress(`snapshots ${index + 1}/${pages.length}: ${page.id}`);
    if (page.pkg && missingDocs.has(page.pkg)) {
      for (const key of SUBJECTS) na(page, key, missingDocs.get(page.pkg));
      continue;
    }
    const url = urlOf(page);
    for (const key of ['ours', 'rust']) {
      const subject = subjects[key];
      if (subject.na || subject.corpusNa) {
        na(page, key, subject.na ?? subject.corpusNa);
        continue;
      }
      try {
        const opened = await runCli(subject.cli(['open', url], cliSession), 120_000);
        if (!opened.stdout.includes(url)) throw new Error(`open printed ${JSON.stringify(opened.stdout.trim().slice(0, 120))}`);
        failures[key] = 0;
        for (const [target, args] of [
          [interactive, ['snapshot', '-i']],
          [full, ['snapshot']],
        ]) {
          try {
            const { stdout } = await runCli(subject.cli(args, cliSession), 120_000);
            target[page.id][key] = { tokens: tokens(stdout), chars: stdout.length, unnamed: unnamedControls(stdout) };
          } catch (error) {
            target[page.id][key] = { error: firstLine(error) };
          }
        }
      } catch (error) {
        na(page, key, `open failed: ${firstLine(error)}`);
        progress(`${key} ${page.id}: ${firstLine(error)}`);
        if (++failures[key] >= 3) subject.corpusNa = `gave up after 3 failed opens in a row: ${firstLine(error)}`;
      }
    }
    interactive[page.id].pw = { na: 'no interactive-only snapshot' };
    if (subjects.pw.na || !pw) full[page.id].pw = { na: subjects.pw.na ?? subjects.pw.corpusNa };
    else {
      try {
        const navigated = await callTool(pw.client, 'browser_navigate', { url });
        if (navigated.isError) throw new Error(navigated.texts.join(' ').slice(0, 200));
        const snap = await callTool(pw.client, 'browser_snapshot', {});
        if (snap.isError) throw new Error(snap.texts.join(' ').slice(0, 200));
        const text = snap.texts.join('\n');
        full[page.id].pw = { tokens: snap.texts.reduce((sum, part) => sum + tokens(part), 0), chars: text.length, unnamed: unnamedControls(text) };
      } catch (error) {
        full[page.id].pw = { error: firstLine(error) };
        progress(`pw ${page.id}: ${firstLine(error)}`);
      }
    }
  }
  // The CLI sessions and Playwright MCP's browser end here; the MCP part starts fresh ones.
  for (const close of Object.values(closeCli)) await close();
  if (pw) {
    await callTool(pw.client, 'browser_close', {}).catch(() => {});
    await pw.close();
  }
  return { interactive, full };
}

// ---------------------------------------------------------------------------------------------
// Measures 3 and 4: each MCP server, fresh, in its default mode: tools/list, then the task.

async function measureMcp(subjects, taskUrl) {
  const toolsList = {};
  const task = {};
  for (const key of SUBJECTS) {
    const subject = subjects[key];
    if (subject.na) {
      toolsList[key] = task[key] = { na: subject.na };
      continue;
    }
    progress(`MCP: ${subject.title}: tools/list and the ${TASK.steps.length}-step task`);
    let connection;
    try {
      connection = await startMcp(subject, 'mcp');
      subject.serverInfo = connection.serverInfo;
    } catch (error) {
      toolsList[key] = task[key] = { na: `its MCP server did not start: ${firstLine(error)}` };
      progress(`${key}: ${toolsList[key].na}`);
      continue;
    }
    let tools = [];
    try {
      tools = await listAllTools(connection.client);
      const json = JSON.stringify(tools);
      toolsList[key] = { tools: tools.length, tokens: tokens(json), chars: json.length, names: tools.map((tool) => tool.name) };
    } catch (error) {
      toolsList[key] = { error: firstLine(error) };
    }
    try {
      const outcome = await runTask(connection.client, tools, key, taskUrl);
      for (const step of outcome.steps) step.tokens = step.texts.reduce((sum, part) => sum + tokens(part), 0);
      task[key] = outcome;
      if (!outcome.ok) progress(`${key}: the task did not complete: ${outcome.why}`);
    } catch (error) {
      task[key] = { error: firstLine(error) };
    }
    if (key === 'pw') await callTool(connection.client, 'browser_close', {}).catch(() => {});
    await connection.close();
  }
  return { toolsList, task };
}

// ---------------------------------------------------------------------------------------------
// Tables.

const fmt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const clean = (text) => String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 80);
const valueOf = (cell) => (cell && typeof cell.tokens === 'number' ? cell.tokens : null);
const cellText = (cell) => (!cell ? '—' : cell.na ? `n/a (${clean(cell.na)})` : cell.error ? `error: ${clean(cell.error)}` : fmt(cell.tokens));
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

function header(titles, first) {
  return [`| ${first} | ${titles.ours} | ${titles.rust} | ${titles.pw} | ours / Rust | ours / PW |`, '|---|---:|---:|---:|---:|---:|'];
}

/** A per-page table with a total row; ratios of the total use the pages both sides have. */
function pageTable(titles, pages, cells) {
  const lines = header(titles, 'page');
  for (const page of pages) {
    const row = cells[page.id];
    lines.push(
      `| ${page.id} (${page.kind}) | ${SUBJECTS.map((key) => cellText(row[key])).join(' | ')} | ${ratio(valueOf(row.ours), valueOf(row.rust))} | ${ratio(valueOf(row.ours), valueOf(row.pw))} |`,
    );
  }
  const total = (key) => {
    const values = pages.map((page) => valueOf(cells[page.id][key])).filter((value) => value != null);
    if (values.length === 0) return { text: pages.length && cells[pages[0].id][key]?.na ? 'n/a' : '—', value: null };
    const sum = values.reduce((a, b) => a + b, 0);
    return { text: `**${fmt(sum)}**${values.length < pages.length ? ` (${values.length} of ${pages.length} pages)` : ''}`, value: sum };
  };
  const common = (other) => {
    const both = pages.filter((page) => valueOf(cells[page.id].ours) != null && valueOf(cells[page.id][other]) != null);
    if (both.length === 0) return '—';
    const sum = (key) => both.reduce((acc, page) => acc + valueOf(cells[page.id][key]), 0);
    return `**${ratio(sum('ours'), sum(other))}**${both.length < pages.length ? ` (${both.length} pages)` : ''}`;
  };
  lines.push(`| **total** | ${SUBJECTS.map((key) => total(key).text).join(' | ')} | ${common('rust')} | ${common('pw')} |`);
  const unnamed = (key) => {
    const values = pages.map((page) => cells[page.id][key]?.unnamed).filter((value) => typeof value === 'number');
    return values.length ? values.reduce((a, b) => a + b, 0).toLocaleString('en-US') : '—';
  };
  lines.push(`| links/buttons printed without a name (all pages; lower is better) | ${SUBJECTS.map(unnamed).join(' | ')} | | |`);
  return lines.join('\n');
}

function toolsTable(titles, toolsList) {
  const lines = header(titles, 'MCP `tools/list`, default mode');
  const count = (key) => (toolsList[key]?.tools != null ? { tokens: toolsList[key].tools } : toolsList[key]);
  lines.push(
    `| tools listed | ${SUBJECTS.map((key) => cellText(count(key))).join(' | ')} | ${ratio(toolsList.ours?.tools, toolsList.rust?.tools)} | ${ratio(toolsList.ours?.tools, toolsList.pw?.tools)} |`,
  );
  lines.push(
    `| **tokens of the tools array (JSON)** | ${SUBJECTS.map((key) => (valueOf(toolsList[key]) != null ? `**${fmt(toolsList[key].tokens)}**` : cellText(toolsList[key]))).join(' | ')} | ${ratio(valueOf(toolsList.ours), valueOf(toolsList.rust))} | ${ratio(valueOf(toolsList.ours), valueOf(toolsList.pw))} |`,
  );
  return lines.join('\n');
}

function taskTable(titles, task) {
  const lines = header(titles, 'MCP task step (tokens of the tool result text)');
  const stepCell = (key, index) => {
    const outcome = task[key];
    if (!outcome || outcome.na || outcome.error) return outcome;
    const step = outcome.steps[index];
    if (step.error) return { error: step.error };
    return { tokens: step.tokens, isError: step.isError };
  };
  const marked = (cell) => `${cellText(cell)}${cell?.isError ? ' (isError)' : ''}`;
  for (const [index, label] of TASK.steps.entries()) {
    const cells = Object.fromEntries(SUBJECTS.map((key) => [key, stepCell(key, index)]));
    lines.push(
      `| ${index + 1}. ${label} | ${SUBJECTS.map((key) => marked(cells[key])).join(' | ')} | ${ratio(valueOf(cells.ours), valueOf(cells.rust))} | ${ratio(valueOf(cells.ours), valueOf(cells.pw))} |`,
    );
  }
  const totals = Object.fromEntries(
    SUBJECTS.map((key) => {
      const outcome = task[key];
      if (!outcome?.steps) return [key, outcome];
      return [key, { tokens: outcome.steps.reduce((sum, step) => sum + (step.tokens ?? 0), 0) }];
    }),
  );
  lines.push(
    `| **total** | ${SUBJECTS.map((key) => (valueOf(totals[key]) != null ? `**${fmt(totals[key].tokens)}**` : cellText(totals[key]))).join(' | ')} | ${ratio(valueOf(totals.ours), valueOf(totals.rust))} | ${ratio(valueOf(totals.ours), valueOf(totals.pw))} |`,
  );
  const done = (key) => (task[key]?.steps ? (task[key].ok ? '✓' : `✗ ${clean(task[key].why)}`) : '—');
  lines.push(`| task completed (result line read back) | ${SUBJECTS.map(done).join(' | ')} | | |`);
  const images = (key) => (task[key]?.steps ? String(task[key].steps.reduce((sum, step) => sum + step.images, 0)) : '—');
  lines.push(`| image items (not counted above) | ${SUBJECTS.map(images).join(' | ')} | | |`);
  return lines.join('\n');
}

function toolCalls(titles, task) {
  return SUBJECTS.filter((key) => task[key]?.steps)
    .map(
      (key) =>
        `- ${titles[key]}: ${task[key].steps.map((step) => (step.tool ? `\`${step.tool}\`${step.args ? ` ${JSON.stringify(step.args).replace(/"url":"[^"]*"/, '"url":"…"')}` : ''}` : '(none)')).join(' → ')}`,
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'abt-'));
  const started = new Date();
  const chromiumVersion = execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();

  // Setup: the documentation packages, then the peers (installed or from the cache).
  const { missing: missingDocs } = flags['skip-setup']
    ? {
        missing: new Map(
          DOC_PACKAGES.filter((doc) => !fs.existsSync(path.join(doc.folder, doc.probe))).map((doc) => [doc.pkg, 'not installed (--skip-setup)']),
        ),
      }
    : await ensureDocs(progress);
  const subjects = await prepareSubjects();
  const titles = Object.fromEntries(SUBJECTS.map((key) => [key, subjects[key].title]));

  state.server = await servePages({ mounts: corpusMounts() });
  const urlOf = (page) => `${state.server.base}${page.url}`;
  const pages = CORPUS.filter((page) => !flags.pages || page.id.includes(flags.pages));

  const snapshots = await measureSnapshots(subjects, pages, urlOf, missingDocs);
  const mcp = await measureMcp(subjects, `${state.server.base}${TASK.page}`);
  await cleanup();

  const cpus = os.cpus();
  const versions = SUBJECTS.map((key) => {
    const subject = subjects[key];
    const server = subject.serverInfo ? `; MCP server reports ${subject.serverInfo.name} ${subject.serverInfo.version}` : '';
    return `- ${subject.title}: ${subject.na ? `n/a — ${subject.na}` : `${subject.version}${server}`}`;
  });
  const docs = DOC_PACKAGES.map((doc) => `${doc.pkg}${missingDocs.has(doc.pkg) ? ' (missing)' : ''}`).join(', ');
  const report = [
    `## Token bench, ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC (npm run bench:tokens)`,
    '',
    `- tokenizer: o200k_base (gpt-tokenizer ${JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'gpt-tokenizer', 'package.json'), 'utf8')).version}); ${chromiumVersion} (${chromium}); node ${process.version}; ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}`,
    ...versions,
    `- corpus: ${pages.length} pages served on 127.0.0.1: Debian documentation (${docs}) and bench/pages/`,
    '- snapshots: what the CLI prints (`snapshot -i`, `snapshot`) for ours and Rust; the text of `browser_snapshot` for Playwright MCP',
    '',
    '### 1. `snapshot -i` tokens per page',
    '',
    pageTable(titles, pages, snapshots.interactive),
    '',
    '### 2. full `snapshot` tokens per page',
    '',
    pageTable(titles, pages, snapshots.full),
    '',
    '### 3. MCP `tools/list`',
    '',
    toolsTable(titles, mcp.toolsList),
    '',
    `### 4. MCP task on bench/pages/signup.html (fresh server, default mode; refs parsed from each server's own step-2 snapshot)`,
    '',
    taskTable(titles, mcp.task),
    '',
    toolCalls(titles, mcp.task),
  ].join('\n');
  console.log(report);

  writeResults(
    { file: flags.json, name: 'tokens', date: started },
    {
      date: started.toISOString(),
      tokenizer: 'o200k_base (gpt-tokenizer)',
      machine: { cpus: cpus.length, model: cpus[0]?.model, node: process.version, chromium: chromiumVersion },
      subjects: Object.fromEntries(
        SUBJECTS.map((key) => [
          key,
          { title: subjects[key].title, version: subjects[key].version ?? null, na: subjects[key].na ?? null, serverInfo: subjects[key].serverInfo ?? null },
        ]),
      ),
      corpus: pages.map((page) => ({ ...page, missing: page.pkg ? (missingDocs.get(page.pkg) ?? null) : null })),
      snapshotInteractive: snapshots.interactive,
      snapshotFull: snapshots.full,
      toolsList: mcp.toolsList,
      task: mcp.task,
    },
    progress,
  );
}

await runBench(main, cleanup, 'token bench');
