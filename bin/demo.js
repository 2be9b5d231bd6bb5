#!/usr/bin/env node
// The README's first command ends here: serves bin/demo.html on 127.0.0.1 and drives it with
// the real CLI, the way an agent would: open → snapshot -i → fill and click by ref → screenshot → close.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, 'run.js');
const page = fs.readFileSync(path.join(here, 'demo.html'));
const session = 'demo';
const shot = path.resolve('demo-screenshot.png');

const server = http.createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--session', session, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (status) => resolve({ status, stdout }));
  });
}

async function agentBrowser(...args) {
  process.stdout.write(`\n$ agent-browser ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  const result = await run(args);
  if (result.status !== 0) {
    await run(['close']);
    server.close();
    process.stderr.write(`\nThe demo stopped: 'agent-browser ${args.join(' ')}' exited with ${result.status}.\n`);
    process.exit(1);
  }
  return result.stdout;
}

/** The ref of the first snapshot line with this role and name, e.g. `- textbox "Email" [ref=e2]`. */
function refOf(snapshot, role, name) {
  const line = snapshot.split('\n').find((l) => l.includes(`${role} "${name}"`));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  if (!ref) throw new Error(`no ${role} "${name}" in the snapshot`);
  return `@${ref}`;
}

await agentBrowser('open', url);
const snapshot = await agentBrowser('snapshot', '-i');
await agentBrowser('fill', refOf(snapshot, 'textbox', 'Name'), 'Ada');
await agentBrowser('fill', refOf(snapshot, 'textbox', 'Email'), 'ada@example.com');
await agentBrowser('select', refOf(snapshot, 'combobox', 'Topic'), 'Agents');
await agentBrowser('click', refOf(snapshot, 'button', 'Subscribe'));
await agentBrowser('get', 'text', '#result');
await agentBrowser('screenshot', shot);
await agentBrowser('close');
server.close();
process.stdout.write(`\nDone: the page said thanks, and the screenshot is ${shot}\n`);
