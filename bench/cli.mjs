#!/usr/bin/env node
// CLI overhead: wall time of `agent-browser get url` against a warm daemon, next to `node -e 0`,
// measured alternately in one run. Prints medians and the ratio. Usage: npm run bench [-- --runs 20]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'run.js');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 10;

const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'abb-'));
const env = { ...process.env, AGENT_BROWSER_SOCKET_DIR: socketDir, AGENT_BROWSER_SESSION: 'bench', NO_COLOR: '1' };
const server = http.createServer((_, res) => res.end('<title>bench</title><h1>bench</h1>'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

function time(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// spawnSync would block this process's page server, so the page is opened asynchronously first.
const { spawn } = await import('node:child_process');
await new Promise((resolve, reject) => spawn(process.execPath, [cli, 'open', url], { env, stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`open exited ${code}`)))));
time(process.execPath, [cli, 'get', 'url']); // warm the file cache

const samples = { cli: [], node: [] };
for (let i = 0; i < runs; i++) {
  samples.node.push(time(process.execPath, ['-e', '0']));
  samples.cli.push(time(process.execPath, [cli, 'get', 'url']));
}
spawnSync(process.execPath, [cli, 'close'], { env });
server.close();
fs.rmSync(socketDir, { recursive: true, force: true });

const nodeMedian = median(samples.node);
const cliMedian = median(samples.cli);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${runs} runs each, alternating`);
console.log('| command | median ms | min ms | max ms |');
console.log('|---|---:|---:|---:|');
for (const [name, values] of [['node -e 0', samples.node], ['agent-browser get url', samples.cli]]) {
  console.log(`| ${name} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`);
}
console.log(`ratio get url / node -e 0: ${(cliMedian / nodeMedian).toFixed(2)}×`);
