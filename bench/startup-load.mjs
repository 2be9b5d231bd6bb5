#!/usr/bin/env node
// Cold start under load (not a test): how long `agent-browser --session <id> open about:blank` takes
// from nothing running, as oqto's backend starts a chat session (it allows 15 s), on a quiet
// machine, with every core busy, and with many sessions starting at once. Each run's daemon log
// splits the time: node start → daemon listening, waiting for playwright-core and the request,
// Chromium's launch, the rest of the navigation.
//
//   node bench/startup-load.mjs [--runs N] [--sessions N] [--burners N] [--chromium <path>]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cores = os.availableParallelism?.() ?? os.cpus().length;
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sessions: { type: 'string', default: '8' },
    burners: { type: 'string', default: String(2 * cores) },
    chromium: { type: 'string' },
  },
});
const runs = Math.max(1, Number(flags.runs));
const parallel = Math.max(2, Number(flags.sessions));
const burnerCount = Math.max(1, Number(flags.burners));
const chromium = flags.chromium ?? process.env.AGENT_BROWSER_EXECUTABLE_PATH ?? '/usr/lib/chromium/chromium';
const bin = path.join(root, 'bin', 'run.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-startup-'));
let counter = 0;

const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AGENT_BROWSER_'))),
  TMPDIR: tmp,
  AGENT_BROWSER_EXECUTABLE_PATH: chromium,
  NO_COLOR: '1',
};

function run(args) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, output, startedAt: Date.now() - (performance.now() - started) }));
  });
}

/** The phases of one cold start, from its daemon's log (timestamps) and the CLI's own start. */
function phases(session, cliStartedAt, totalMs) {
  const log = fs.readFileSync(path.join(tmp, `agent-browser-${session}.log`), 'utf8');
  const at = (pattern) => {
    const line = log.split('\n').find((l) => pattern.test(l));
    return line ? Date.parse(line.slice(0, 24)) : NaN;
  };
  const listening = at(/ listening at /);
  const launching = at(/ launching /);
  const ready = at(/ browser ready in /);
  return { toListening: listening - cliStartedAt, toLaunch: launching - listening, launch: ready - launching, rest: cliStartedAt + totalMs - ready };
}

async function coldOpen() {
  const session = `s${process.pid}-${++counter}`;
  const result = await run(['--session', session, 'open', 'about:blank']);
  if (result.code !== 0) throw new Error(`open failed (${result.code}): ${result.output}`);
  const split = phases(session, result.startedAt, result.ms);
  return { session, ms: result.ms, ...split };
}

async function closeAll(sessions) {
  await Promise.all(sessions.map((session) => run(['--session', session, 'close'])));
}

function burn(count) {
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return () => children.forEach((child) => child.kill('SIGKILL'));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values) => Math.max(...values);
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function scenario(label, { load, together }) {
  process.stderr.write(`[startup] ${label}…\n`);
  const stop = load ? burn(burnerCount) : () => undefined;
  const samples = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, load ? 500 : 0));
    if (together) {
      const batch = await Promise.all(Array.from({ length: parallel }, coldOpen));
      samples.push(...batch);
      await closeAll(batch.map((sample) => sample.session));
    } else {
      for (let i = 0; i < runs; i++) {
        const sample = await coldOpen();
        samples.push(sample);
        await closeAll([sample.session]);
      }
    }
  } finally {
    stop();
  }
  const col = (key) => `${fmt(median(samples.map((s) => s[key])))} / ${fmt(max(samples.map((s) => s[key])))}`;
  return `| ${label} | ${samples.length} | ${col('ms')} | ${col('toListening')} | ${col('toLaunch')} | ${col('launch')} | ${col('rest')} |`;
}

const rows = [
  await scenario('quiet machine, one session', { load: false, together: false }),
  await scenario(`${burnerCount} busy loops on ${cores} cores, one session`, { load: true, together: false }),
  await scenario(`${parallel} sessions at once`, { load: false, together: true }),
  await scenario(`${parallel} sessions at once, ${burnerCount} busy loops`, { load: true, together: true }),
];
console.log(
  `Cold \`agent-browser --session <id> open about:blank\` (median / max), ${new Date().toISOString().slice(0, 16).replace('T', ' ')}, ${cores} cores, ${chromium}\n`,
);
console.log('| scenario | runs | total | CLI start → daemon listening | → launch starts | Chromium launch | rest of open |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
fs.rmSync(tmp, { recursive: true, force: true });
