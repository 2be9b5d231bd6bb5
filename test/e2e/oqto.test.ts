/**
 * The oqto-browser client and oqto's backend against a real daemon and Chromium (PROTOCOL.md §6):
 * the exact lines that client writes — one connection per request, one line out, one line back —
 * to `$TMPDIR/agent-browser-<session>.sock`, or over TCP to the port in the `.port` file (that
 * client cannot send a token, so the TCP daemon runs with AGENT_BROWSER_TCP_AUTH=none); and the
 * backend's `agent-browser --session <id> open about:blank` / `close` sequence.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testBrowserPath } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, testEnv } from '../helpers/daemon.js';
import { alive, commandOf, descendants, eventually, keys, plainMessage, startSlowServer, refOf } from '../helpers/e2e.js';
import { DAEMON_ENTRY } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

/** The client's read timeout is 5 s; a loaded test machine gets more, the daemon should need far less. */
const READ_TIMEOUT_MS = 15_000;

type Target = { path: string } | { host: string; port: number };

/** Where the oqto-browser client dials: the socket in $TMPDIR, or TCP at the `.port` file's port. */
function oqtoTarget(tmpdir: string, session: string, transport: 'unix' | 'tcp'): Target {
  if (transport === 'unix') return { path: path.join(tmpdir, `agent-browser-${session}.sock`) };
  const port = Number(fs.readFileSync(path.join(tmpdir, `agent-browser-${session}.port`), 'utf8').trim());
  return { host: '127.0.0.1', port };
}

/**
 * One oqto request: connect, write the line, read the answer. The write side is then half-closed so
 * the test can also see that nothing but that one line ever comes back.
 */
function oqtoSend(target: Target, line: string): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(target as net.NetConnectOpts);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${READ_TIMEOUT_MS} ms to ${line}; got ${JSON.stringify(received)}`));
    }, READ_TIMEOUT_MS);
    socket.on('connect', () => {
      socket.write(`${line}\n`);
      socket.end();
    });
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const lines = received.split('\n');
      if (lines[0] === '') return reject(new Error(`Empty response from daemon for ${line}`));
      try {
        assert.is(lines.length, 2, `exactly one answer line (newline-terminated) for ${line}: ${JSON.stringify(received)}`);
        assert.is(lines[1], '');
        resolve(JSON.parse(lines[0]!));
      } catch (error) {
        reject(error);
      }
    });
  });
}

interface LegacyDaemon {
  dir: string;
  session: string;
  child: ChildProcess;
  pid: number;
  target: Target;
}

/** Starts a daemon the way oqto finds it: default file layout in $TMPDIR, no AGENT_BROWSER_SOCKET_DIR. */
async function startLegacyDaemon(transport: 'unix' | 'tcp'): Promise<LegacyDaemon> {
  const dir = makeSocketDir();
  const session = `oq${transport}${process.pid}`;
  const env = testEnv(dir, {
    AGENT_BROWSER_SOCKET_DIR: undefined,
    TMPDIR: dir,
    AGENT_BROWSER_SESSION: session,
    AGENT_BROWSER_TRANSPORT: transport,
    AGENT_BROWSER_TCP_AUTH: 'none',
  });
  const child = spawn(process.execPath, [DAEMON_ENTRY], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env, cwd: dir });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const message = await new Promise<{ type: string; pid: number; message?: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`daemon did not start in 15 s:\n${output}`)), 15_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { type: string; pid: number });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`daemon exited with ${code}:\n${output}`));
    });
  });
  child.disconnect();
  if (message.type !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`daemon refused to start: ${message.message}`);
  }
  return { dir, session, child, pid: message.pid, target: oqtoTarget(dir, session, transport) };
}

async function stopLegacyDaemon(daemon: LegacyDaemon | undefined): Promise<void> {
  if (!daemon) return;
  const { child } = daemon;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await oqtoSend(daemon.target, JSON.stringify({ id: 'cleanup', action: 'close' })).catch(() => child.kill('SIGKILL'));
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(daemon.dir, { recursive: true, force: true });
}

const FORM_PAGE = `<!doctype html><html><head><title>Oqto form</title></head><body>
<h1>Oqto form</h1>
<form id="f" onsubmit="event.preventDefault()">
  <label for="email">Email</label><input id="email">
  <label for="note">Note</label><input id="note" value="old">
</form>
<button id="btn" type="button">Press</button>
<button id="reveal" type="button" onclick="setTimeout(() => { const p = document.createElement('p'); p.id = 'revealed'; p.textContent = 'Revealed'; document.body.appendChild(p); }, 300)">Reveal</button>
<button id="fade" type="button" onclick="setTimeout(() => { document.getElementById('fading').style.display = 'none'; }, 300)">Fade</button>
<button id="drop" type="button" onclick="setTimeout(() => document.getElementById('doomed').remove(), 300)">Drop</button>
<p id="fading">Fading</p>
<p id="doomed">Doomed</p>
<script>
  window.events = [];
  const btn = document.getElementById('btn');
  for (const type of ['click', 'dblclick', 'contextmenu', 'auxclick']) {
    btn.addEventListener(type, (e) => { window.events.push({ type, button: e.button, detail: e.detail }); if (type === 'contextmenu') e.preventDefault(); });
  }
</script>
</body></html>`;

function oqtoSuite(transport: 'unix' | 'tcp') {
  const test = suite(`oqto-browser (${transport})`);
  let daemon: LegacyDaemon | undefined;
  let server: PageServer;
  let slow: Awaited<ReturnType<typeof startSlowServer>>;
  let setupError: unknown = null;

  /** Sends the object as oqto serialises it, with a fresh uuid as id; checks the id comes back. */
  async function send(fields: Record<string, unknown>): Promise<Record<string, any>> {
    const id = randomUUID();
    const answer = await oqtoSend(daemon!.target, JSON.stringify({ id, ...fields }));
    assert.is(answer.id, id, 'id echoed');
    return answer;
  }

  async function data(fields: Record<string, unknown>): Promise<Record<string, any>> {
    const answer = await send(fields);
    assert.ok(answer.success, `${JSON.stringify(fields)} failed: ${answer.error}`);
    keys(answer, ['id', 'success', 'data'], 'envelope');
    return answer.data;
  }

  const evaluate = async (script: string) => (await data({ action: 'evaluate', script })).result;

  async function openForm() {
    server.page('/oqto/form', FORM_PAGE);
    await data({ action: 'navigate', url: server.url('/oqto/form') });
  }

  test.before(async () => {
    try {
      server = await startPageServer();
      slow = await startSlowServer();
      daemon = await startLegacyDaemon(transport);
      // oqto's backend opens about:blank first (agent-browser … open about:blank), so the
      // browser is running before the oqto client sends anything.
      await oqtoSend(daemon.target, JSON.stringify({ id: 'warm-up', action: 'navigate', url: 'about:blank' }));
    } catch (error) {
      setupError = error;
    }
  });
  test.before.each(() => {
    if (setupError) throw setupError;
  });
  test.after(async () => {
    try {
      await stopLegacyDaemon(daemon);
    } finally {
      await server?.close();
      await slow?.close();
    }
  });

  test('the files are where oqto looks: $TMPDIR/agent-browser-<session>.*', () => {
    const base = path.join(daemon!.dir, `agent-browser-${daemon!.session}`);
    assert.ok(fs.existsSync(`${base}.pid`));
    assert.is(Number(fs.readFileSync(`${base}.pid`, 'utf8')), daemon!.pid);
    if (transport === 'unix') {
      assert.ok(fs.statSync(`${base}.sock`).isSocket());
    } else {
      assert.ok(fs.existsSync(`${base}.port`));
      assert.not.ok(fs.existsSync(`${base}.sock`), 'no socket with TCP');
      assert.not.ok(fs.existsSync(`${base}.token`), 'no token with AGENT_BROWSER_TCP_AUTH=none');
    }
  });

  test('navigate without waitUntil and with "load" → {url, title}, page fully loaded', async () => {
    server.page('/oqto/slow-image', `<!doctype html><title>Slow image</title><img src="${slow.origin}/slow?ms=1200">`);
    const url = server.url('/oqto/slow-image');
    const plain = await data({ action: 'navigate', url });
    assert.equal(plain, { url, title: 'Slow image' });
    assert.is(await evaluate('document.readyState'), 'complete');
    const load = await data({ action: 'navigate', url, waitUntil: 'load' });
    assert.equal(load, { url, title: 'Slow image' });
    assert.is(await evaluate('document.readyState'), 'complete');
  });

  test('navigate waitUntil "domcontentloaded" → answers before a slow image has loaded', async () => {
    server.page('/oqto/slower-image', `<!doctype html><title>Slower image</title><img src="${slow.origin}/slow?ms=4000">`);
    const url = server.url('/oqto/slower-image');
    const answer = await data({ action: 'navigate', url, waitUntil: 'domcontentloaded' });
    assert.equal(answer, { url, title: 'Slower image' });
    assert.is(await evaluate('document.readyState'), 'interactive');
  });

  test('navigate waitUntil "networkidle" → answers after the page’s own fetch finished', async () => {
    server.page(
      '/oqto/fetching',
      `<!doctype html><title>Fetching</title><p id="net">pending</p>
<script>addEventListener('load', () => fetch('${slow.origin}/slow?ms=700').then((r) => r.text()).then((t) => { document.getElementById('net').textContent = 'fetched ' + t; }));</script>`,
    );
    const url = server.url('/oqto/fetching');
    const answer = await data({ action: 'navigate', url, waitUntil: 'networkidle' });
    assert.equal(answer, { url, title: 'Fetching' });
    assert.is(await evaluate("document.getElementById('net').textContent"), 'fetched late');
  });

  test('click {selector, button:"left"} → {clicked:true}; one left click', async () => {
    await openForm();
    const answer = await data({ action: 'click', selector: '#btn', button: 'left' });
    assert.equal(answer, { clicked: true });
    assert.equal(await evaluate('window.events'), [{ type: 'click', button: 0, detail: 1 }]);
  });

  test('click with clickCount 2 and delay → a double click', async () => {
    await openForm();
    assert.equal(await data({ action: 'click', selector: '#btn', button: 'left', clickCount: 2, delay: 30 }), { clicked: true });
    const events = await evaluate('window.events');
    assert.equal(
      events.filter((e: { type: string }) => e.type === 'click').map((e: { detail: number }) => e.detail),
      [1, 2],
    );
    assert.ok(
      events.some((e: { type: string }) => e.type === 'dblclick'),
      JSON.stringify(events),
    );
  });

  test('click with button "right" → a context-menu click, no left click', async () => {
    await openForm();
    assert.equal(await data({ action: 'click', selector: '#btn', button: 'right' }), { clicked: true });
    const events = await evaluate('window.events');
    assert.ok(
      events.some((e: { type: string; button: number }) => e.type === 'contextmenu' && e.button === 2),
      JSON.stringify(events),
    );
    assert.not.ok(
      events.some((e: { type: string }) => e.type === 'click'),
      JSON.stringify(events),
    );
  });

  test('fill {selector, value} → {filled:true}; the input holds the value', async () => {
    await openForm();
    assert.equal(await data({ action: 'fill', selector: '#email', value: 'agent@example.com' }), { filled: true });
    assert.is(await evaluate("document.getElementById('email').value"), 'agent@example.com');
  });

  test('type {selector, text, delay} → {typed:true}; clear:true replaces the old value', async () => {
    await openForm();
    assert.equal(await data({ action: 'type', selector: '#email', text: 'typed@example.com', delay: 5 }), { typed: true });
    assert.is(await evaluate("document.getElementById('email').value"), 'typed@example.com');
    assert.equal(await data({ action: 'type', selector: '#note', text: 'new note', clear: true }), { typed: true });
    assert.is(await evaluate("document.getElementById('note').value"), 'new note');
  });

  test('snapshot {} and {interactive, maxDepth, compact, selector} → {snapshot, refs}', async () => {
    await openForm();
    const full = await data({ action: 'snapshot' });
    keys(full, ['snapshot', 'refs', 'origin']);
    assert.ok(full.snapshot.startsWith('- document:\n'), full.snapshot);
    assert.ok(full.snapshot.includes('- textbox "Email" [ref='), full.snapshot);

    // Refs are bound to elements: the interactive snapshot shows the numbers the full one gave them.
    const interactive = await data({ action: 'snapshot', interactive: true });
    const lines = ['textbox "Email"', 'textbox "Note"', 'button "Press"', 'button "Reveal"', 'button "Fade"', 'button "Drop"'];
    assert.is(interactive.snapshot, lines.map((line) => `- ${line} [ref=${refOf(full.snapshot, line)}]`).join('\n'));
    assert.equal(interactive.refs[refOf(full.snapshot, 'textbox "Email"')], { role: 'textbox', name: 'Email' });

    const shallow = await data({ action: 'snapshot', maxDepth: 1 });
    for (const line of shallow.snapshot.split('\n')) assert.ok(/^ {0,2}-/.test(line), `depth ≤ 1: ${JSON.stringify(line)}`);

    const compact = await data({ action: 'snapshot', compact: true });
    assert.not.ok(compact.snapshot.includes('- document:'), compact.snapshot);
    assert.ok(compact.snapshot.includes('- button "Press" [ref='), compact.snapshot);

    const scoped = await data({ action: 'snapshot', selector: '#f' });
    const email = refOf(full.snapshot, 'textbox "Email"');
    const note = refOf(full.snapshot, 'textbox "Note"');
    assert.is(scoped.snapshot, ['- text: Email', `- textbox "Email" [ref=${email}]`, '- text: Note', `- textbox "Note" [ref=${note}]: old`].join('\n'));
    assert.equal(scoped.refs, { [email]: { role: 'textbox', name: 'Email' }, [note]: { role: 'textbox', name: 'Note' } });

    // Those refs drive the next oqto commands.
    await data({ action: 'fill', selector: `@${email}`, value: 'by-ref@example.com' });
    assert.is(await evaluate("document.getElementById('email').value"), 'by-ref@example.com');
  });

  test('evaluate {script} → {result}', async () => {
    await openForm();
    const answer = await data({ action: 'evaluate', script: '({ title: document.title, inputs: document.querySelectorAll("input").length })' });
    assert.equal(answer.result, { title: 'Oqto form', inputs: 2 });
  });

  test('wait {selector} / {timeout} / {selector, state} → {waited:true} once it holds', async () => {
    await openForm();
    await data({ action: 'click', selector: '#reveal', button: 'left' });
    assert.equal(await data({ action: 'wait', selector: '#revealed' }), { waited: true });
    assert.is(await evaluate("document.getElementById('revealed').textContent"), 'Revealed');
    assert.equal(await data({ action: 'wait', timeout: 100 }), { waited: true });
    await data({ action: 'click', selector: '#fade', button: 'left' });
    assert.equal(await data({ action: 'wait', selector: '#fading', state: 'hidden', timeout: 5000 }), { waited: true });
    assert.is(await evaluate("getComputedStyle(document.getElementById('fading')).display"), 'none');
    await data({ action: 'click', selector: '#drop', button: 'left' });
    assert.equal(await data({ action: 'wait', selector: '#doomed', state: 'detached', timeout: 5000 }), { waited: true });
    assert.is(await evaluate("document.getElementById('doomed')"), null);
    await data({ action: 'wait', selector: '#f', state: 'attached', timeout: 5000 });
  });

  test('wait that times out → success:false, code TIMEOUT, well before the client gives up', async () => {
    await openForm();
    const answer = await send({ action: 'wait', selector: '#never', timeout: 300 });
    assert.is(answer.success, false);
    assert.is(answer.code, 'TIMEOUT');
    plainMessage(answer.error);
    assert.ok(answer.error.includes('#never'), answer.error);
  });

  test('raw: a line exactly as given (key order, spaces) is answered; a bad one gets INVALID_JSON', async () => {
    await openForm();
    const answer = await oqtoSend(daemon!.target, '  { "action" : "title", "id" : "raw-1" }  ');
    assert.equal(answer, { id: 'raw-1', success: true, data: { title: 'Oqto form' } });
    const bad = await oqtoSend(daemon!.target, '{"action": "title"');
    assert.is(bad.success, false);
    assert.is(bad.id, 'unknown');
    assert.is(bad.code, 'INVALID_JSON');
  });

  test('command: lines without an id are answered with a generated string id', async () => {
    await openForm();
    const title = await oqtoSend(daemon!.target, JSON.stringify({ action: 'title' }));
    assert.is(title.success, true, JSON.stringify(title));
    assert.type(title.id, 'string');
    assert.ok(title.id.length > 0);
    assert.equal(title.data, { title: 'Oqto form' });
    const attr = await oqtoSend(daemon!.target, JSON.stringify({ selector: '#note', attribute: 'value', action: 'getattribute' }));
    assert.is(attr.success, true, JSON.stringify(attr));
    assert.is(attr.data.value, 'old');
    assert.is.not(attr.id, title.id, 'generated ids differ');
    const snap = await oqtoSend(daemon!.target, JSON.stringify({ interactive: true, action: 'snapshot' }));
    assert.ok(snap.success);
    assert.ok(snap.data.snapshot.includes('[ref=e1]'));
    // --arg id=1 makes the id a number: answered, with its string form.
    const numbered = await oqtoSend(daemon!.target, JSON.stringify({ id: 1, action: 'url' }));
    assert.equal(numbered, { id: '1', success: true, data: { url: server.url('/oqto/form') } });
  });

  test('close → {closed:true}; the daemon exits and its files are removed', async () => {
    const browserPids = descendants(daemon!.pid);
    assert.ok(browserPids.length > 0, 'a browser runs under the daemon');
    assert.equal(await data({ action: 'close' }), { closed: true });
    assert.ok(await eventually(() => !alive(daemon!.pid)), 'daemon exited');
    assert.ok(await eventually(() => browserPids.every((pid) => !alive(pid))), 'browser processes exited');
    const base = path.join(daemon!.dir, `agent-browser-${daemon!.session}`);
    for (const ext of ['sock', 'pid', 'port']) assert.not.ok(fs.existsSync(`${base}.${ext}`), `${ext} file removed`);
  });

  test.run();
}

oqtoSuite('unix');
oqtoSuite('tcp');

// ---------------------------------------------------------------- oqto's backend, through the CLI

const backend = suite('oqto backend: agent-browser --session <id> open about:blank / close');
const sessionId = `ses-${randomUUID().slice(0, 8)}`;
let dir = '';
let env: NodeJS.ProcessEnv = {};
let daemonPid = 0;
let chromiumPids: number[] = [];
let server: PageServer | undefined;
let backendSetupError: unknown = null;

backend.before(async () => {
  try {
    dir = makeSocketDir();
    env = testEnv(dir, { AGENT_BROWSER_SOCKET_DIR: undefined, TMPDIR: dir });
    server = await startPageServer();
  } catch (error) {
    backendSetupError = error;
  }
});
backend.before.each(() => {
  if (backendSetupError) throw backendSetupError;
});
backend.after(async () => {
  try {
    if (daemonPid && alive(daemonPid)) {
      await runCli(['--session', sessionId, 'close'], { env, cwd: dir }).catch(() => undefined);
      if (alive(daemonPid)) process.kill(daemonPid, 'SIGKILL');
    }
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const file = (ext: string) => path.join(dir, `agent-browser-${sessionId}.${ext}`);

backend('open about:blank with global flags first → exit 0, daemon and Chromium running, files in $TMPDIR', async () => {
  const result = await runCli(['--session', sessionId, '--executable-path', testBrowserPath(), 'open', 'about:blank'], { env, cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '✓ (untitled)\n  about:blank\n');
  assert.ok(fs.statSync(file('sock')).isSocket(), 'socket file');
  daemonPid = Number(fs.readFileSync(file('pid'), 'utf8'));
  assert.ok(alive(daemonPid), 'daemon alive after the CLI exited');
  chromiumPids = descendants(daemonPid);
  const commands = chromiumPids.map(commandOf);
  assert.ok(
    commands.some((c) => c.includes(testBrowserPath())),
    `the daemon runs ${testBrowserPath()}: ${commands.join('\n')}`,
  );
});

backend('the oqto client then drives that session over its socket', async () => {
  server!.page('/oqto/backend', '<!doctype html><title>Backend page</title><button>Go</button>');
  const target = { path: file('sock') };
  const nav = await oqtoSend(target, JSON.stringify({ id: randomUUID(), action: 'navigate', url: server!.url('/oqto/backend') }));
  assert.equal(nav.data, { url: server!.url('/oqto/backend'), title: 'Backend page' });
  const snap = await oqtoSend(target, JSON.stringify({ id: randomUUID(), action: 'snapshot', interactive: true }));
  assert.is(snap.data.snapshot, '- button "Go" [ref=e1]');
});

backend('close → exit 0, files gone, daemon and its Chromium gone', async () => {
  assert.ok(chromiumPids.length > 0);
  const result = await runCli(['--session', sessionId, 'close'], { env, cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '✓ Browser closed\n');
  assert.ok(await eventually(() => !alive(daemonPid)), 'daemon exited');
  assert.ok(
    await eventually(() => chromiumPids.every((pid) => !alive(pid))),
    `Chromium processes left: ${chromiumPids.filter(alive).map(commandOf).join('\n')}`,
  );
  for (const ext of ['sock', 'pid', 'port']) assert.not.ok(fs.existsSync(file(ext)), `${ext} removed`);
});

backend('close of a session that is not running → exit 0 (the backend may close dead sessions)', async () => {
  const result = await runCli(['--session', sessionId, 'close'], { env, cwd: dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout, '✓ Browser closed (no daemon was running)\n');
  assert.not.ok(fs.existsSync(file('sock')), 'close did not start a daemon');
});

backend.run();

// ------------------------------------------- a daemon on TCP, reached by commands that default to the socket

const mixed = suite('a session whose daemon runs on TCP (AGENT_BROWSER_TRANSPORT=tcp), used by plain commands');
let tcpDaemon: LegacyDaemon | undefined;
let mixedServer: PageServer | undefined;
mixed.before(async () => {
  tcpDaemon = await startLegacyDaemon('tcp');
  mixedServer = await startPageServer();
});
mixed.after(async () => {
  await stopLegacyDaemon(tcpDaemon);
  await mixedServer?.close();
});

mixed('open, daemon status and close find the TCP daemon: no second daemon, its files stay until it closes', async () => {
  const { dir: tmp, session, pid } = tcpDaemon!;
  const run = (args: string[]) =>
    runCli(['--session', session, ...args], { env: testEnv(tmp, { AGENT_BROWSER_SOCKET_DIR: undefined, TMPDIR: tmp }), cwd: tmp });
  const sessionFile = (ext: string) => path.join(tmp, `agent-browser-${session}.${ext}`);
  mixedServer!.page('/mixed', '<!doctype html><title>Mixed</title><p>over TCP</p>');

  const opened = await run(['open', mixedServer!.url('/mixed')]);
  assert.is(opened.code, 0, opened.stderr);
  assert.match(opened.stdout, 'Mixed');
  assert.is(Number(fs.readFileSync(sessionFile('pid'), 'utf8')), pid, 'the same daemon');
  assert.ok(fs.existsSync(sessionFile('port')), 'its port file is still there');
  assert.not.ok(fs.existsSync(sessionFile('sock')), 'no socket daemon was started beside it');
  const viaOqto = await oqtoSend(oqtoTarget(tmp, session, 'tcp'), JSON.stringify({ id: 'u', action: 'url' }));
  assert.is(viaOqto.data.url, mixedServer!.url('/mixed'), 'the page opened in the TCP daemon');

  const status = await run(['daemon', 'status', '--json']);
  assert.is(status.json.data.running, true, status.stdout);
  assert.is(status.json.data.transport, 'tcp');
  assert.is(status.json.data.daemon.pid, pid);

  const closed = await run(['close']);
  assert.is(closed.stdout, '✓ Browser closed\n', closed.stderr);
  assert.ok(await eventually(() => !alive(pid)), 'the TCP daemon exited');
  for (const ext of ['port', 'pid']) assert.not.ok(fs.existsSync(sessionFile(ext)), `${ext} removed by the daemon`);
});

mixed.run();
