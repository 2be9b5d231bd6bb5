/**
 * `agent-browser mcp` as an MCP client sees it: the SDK's own Client spawns `node bin/run.js mcp`
 * over stdio in a project folder whose .agentbrowserrc loads the reader plugin, lists the tools
 * and drives a page served on 127.0.0.1 through them. The session's daemon is a real one the MCP
 * server starts on demand; it must outlive the client. The MCP process runs under the import
 * tracer, so the suite also checks that it never loads playwright-core or the daemon's code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { testBrowserPath } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, rawExchange, testEnv } from '../helpers/daemon.js';
import { alive, eventually, guardedSetUp, pngSize } from '../helpers/e2e.js';
import { CLI, ROOT } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const TRACER = path.join(ROOT, 'test', 'helpers', 'trace-imports.mjs');
const READER = path.join(ROOT, 'plugins', 'reader', 'dist', 'index.js');

const PAGE = `<!doctype html><title>MCP page</title>
<main>
  <h1>Counter</h1>
  <p id="count">0</p>
  <button type="button" onclick="document.getElementById('count').textContent = String(Number(document.getElementById('count').textContent) + 1)">Add one</button>
  <label>Name <input id="name"></label>
  <p>The counter starts at zero and counts every press of the button.</p>
</main>`;

const test = suite('mcp server');
const session = `mcp${process.pid}`;
let dir = '';
let env: NodeJS.ProcessEnv = {};
let server: PageServer;
let client: Client;
let transport: StdioClientTransport;
let stderr = '';
let traceFile = '';
const protocolErrors: Error[] = [];

/** One request straight to the session's daemon, bypassing MCP (to compare and to verify). */
async function daemon(request: Record<string, unknown>): Promise<Record<string, any>> {
  const [answer] = await rawExchange({ path: path.join(dir, `${session}.sock`) }, [JSON.stringify({ id: 'direct', ...request })], 1);
  assert.ok(answer, `the daemon answered ${JSON.stringify(request)}`);
  return answer!;
}

function call(name: string, args: Record<string, unknown> = {}, options: { signal?: AbortSignal } = {}): Promise<CallToolResult> {
  return client.callTool({ name, arguments: args }, undefined, { timeout: 90_000, ...options }) as Promise<CallToolResult>;
}

/** The text of a tool result's first item (asserting it succeeded and is text). */
function text(result: CallToolResult, label: string): string {
  assert.not.ok(result.isError, `${label} failed: ${JSON.stringify(result.content)}`);
  const first = result.content[0];
  assert.is(first?.type, 'text', `${label}: ${JSON.stringify(result.content).slice(0, 300)}`);
  return (first as { text: string }).text;
}

async function evaluate(script: string): Promise<unknown> {
  return (JSON.parse(text(await call('evaluate', { script }), `evaluate ${script}`)) as { result: unknown }).result;
}

guardedSetUp(test, async () => {
  dir = makeSocketDir();
  fs.writeFileSync(path.join(dir, '.agentbrowserrc.json'), JSON.stringify({ plugins: [READER] }));
  traceFile = path.join(dir, 'mcp-trace.txt');
  env = testEnv(dir, { TMPDIR: dir, AGENT_BROWSER_EXECUTABLE_PATH: testBrowserPath(), AGENT_BROWSER_DEFAULT_TIMEOUT: '20000' });
  server = await startPageServer();
  server.page('/mcp', PAGE);
  transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', TRACER, CLI, 'mcp', '--session', session],
    env: { ...(env as Record<string, string>), TRACE_IMPORTS_FILE: traceFile },
    cwd: dir,
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  client = new Client({ name: 'agent-browser-test', version: '0.0.0' });
  client.onerror = (error) => protocolErrors.push(error);
  await client.connect(transport);
});
test.after(async () => {
  try {
    await client?.close().catch(() => undefined);
    const pidFile = path.join(dir, `${session}.pid`);
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
    if (pid) {
      await daemon({ action: 'close' }).catch(() => undefined);
      if (!(await eventually(() => !alive(pid), 15_000))) process.kill(pid, 'SIGKILL');
    }
  } finally {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the server introduces itself as agent-browser with tools', () => {
  assert.is(client.getServerVersion()?.name, 'agent-browser');
  assert.ok(client.getServerCapabilities()?.tools, 'tools capability');
  assert.match(client.getInstructions() ?? '', /snapshot/);
});

test('tools are the daemon’s actions, built-in and plugin: valid unique names, summaries, the registry’s JSON schemas', async () => {
  const { tools } = await client.listTools(undefined, { timeout: 90_000 });
  const byName = new Map<string, Tool>(tools.map((tool) => [tool.name, tool]));
  for (const name of ['navigate', 'snapshot', 'click', 'fill', 'screenshot', 'evaluate', 'reader_markdown'])
    assert.ok(byName.has(name), `tool ${name} is listed`);
  assert.is(byName.size, tools.length, 'tool names are unique');
  for (const tool of tools) assert.match(tool.name, /^[A-Za-z0-9_-]{1,64}$/, `tool name ${tool.name}`);
  assert.ok(fs.existsSync(path.join(dir, `${session}.sock`)), 'listing started the daemon of the --session given');

  const registry = (await daemon({ action: 'actions' })).data.actions as Array<{
    name: string;
    summary: string;
    plugin: string;
    params: Record<string, unknown>;
    readOnly?: boolean;
  }>;
  assert.is(tools.length, registry.length, 'one tool per action');
  const reader = registry.find((action) => action.name === 'reader:markdown');
  assert.ok(reader, 'the daemon loaded the reader plugin from .agentbrowserrc');
  for (const action of registry) {
    const tool = byName.get(action.name.replaceAll(':', '_'));
    assert.ok(tool, `a tool for ${action.name}`);
    assert.is(tool!.description, action.summary, `${action.name}: description is the summary`);
    assert.equal(tool!.inputSchema, action.params, `${action.name}: inputSchema is the registry's schema`);
    assert.is(tool!.annotations?.readOnlyHint, action.readOnly, `${action.name}: readOnlyHint as the registry says`);
  }
  assert.equal(byName.get('click')!.inputSchema.required, ['selector']);
  assert.is(byName.get('snapshot')!.annotations?.readOnlyHint, true, 'snapshot only reads');
  assert.is(byName.get('reader_markdown')!.annotations?.readOnlyHint, true, 'so does the reader plugin, which says so');
  assert.is(byName.get('click')!.annotations, undefined, 'click makes no read-only claim');
});

test('navigate, snapshot with refs, click via @ref changes the page (seen with evaluate), fill via @ref', async () => {
  const url = server.url('/mcp');
  const navigated = JSON.parse(text(await call('navigate', { url }), 'navigate'));
  assert.equal(navigated, { url, title: 'MCP page' });

  const snapshot = await call('snapshot', { interactive: true });
  const tree = text(snapshot, 'snapshot');
  const button = /button "Add one" \[ref=(e\d+)\]/.exec(tree);
  const input = /textbox "Name" \[ref=(e\d+)\]/.exec(tree);
  assert.ok(button && input, `refs in the snapshot text:\n${tree}`);
  assert.not.match(tree, /^\{/, 'the tree is text, not JSON');

  assert.is(await evaluate("document.getElementById('count').textContent"), '0');
  text(await call('click', { selector: `@${button![1]}` }), 'click');
  text(await call('click', { selector: `@${button![1]}` }), 'click again');
  assert.is(await evaluate("document.getElementById('count').textContent"), '2');

  text(await call('fill', { selector: `@${input![1]}`, value: 'Ada' }), 'fill');
  assert.is(await evaluate("document.getElementById('name').value"), 'Ada');
});

test('screenshot without a path is an image; with a path, text naming the file', async () => {
  const image = await call('screenshot');
  assert.not.ok(image.isError, JSON.stringify(image.content).slice(0, 300));
  const first = image.content[0] as { type: string; data: string; mimeType: string };
  assert.is(first.type, 'image');
  assert.is(first.mimeType, 'image/png');
  assert.equal(pngSize(Buffer.from(first.data, 'base64')), { width: 1280, height: 720 });

  const jpeg = (await call('screenshot', { format: 'jpeg' })).content[0] as { type: string; mimeType: string };
  assert.equal([jpeg.type, jpeg.mimeType], ['image', 'image/jpeg']);

  const file = path.join(dir, 'shot.png');
  const saved = text(await call('screenshot', { path: file }), 'screenshot to a file');
  assert.ok(saved.includes(file), saved);
  pngSize(fs.readFileSync(file));
});

test('the plugin tool runs the plugin action: reader_markdown answers the Markdown as text', async () => {
  const markdown = text(await call('reader_markdown', { mode: 'full' }), 'reader_markdown');
  assert.match(markdown, /# Counter/);
  assert.match(markdown, /counts every press of the button/);
});

test('invalid params: an error result naming the field and INVALID_PARAMS, and the server keeps serving', async () => {
  const result = await call('click', { selector: 5 });
  assert.is(result.isError, true);
  const message = (result.content[0] as { text: string }).text;
  assert.match(message, /selector/);
  assert.match(message, /INVALID_PARAMS/);

  const missing = await call('navigate', {});
  assert.is(missing.isError, true);
  assert.match((missing.content[0] as { text: string }).text, /url/);
  assert.is(JSON.parse(text(await call('url'), 'url after errors')).url, server.url('/mcp'));
});

test('a failing action: an error result with the daemon’s message and code', async () => {
  const result = await call('click', { selector: '@e999' });
  assert.is(result.isError, true);
  const message = (result.content[0] as { text: string }).text;
  assert.match(message, /e999/);
  assert.match(message, /UNKNOWN_REF/);
});

test('an unknown tool is an MCP error (invalid params) naming it', async () => {
  try {
    await call('no_such_tool');
    assert.unreachable('an unknown tool must fail');
  } catch (error) {
    assert.instance(error, McpError);
    assert.is((error as McpError).code, ErrorCode.InvalidParams);
    assert.match((error as Error).message, /no_such_tool/);
  }
});

test('cancelling a tool call cancels its request in the daemon, so the next page action runs', async () => {
  const aborter = new AbortController();
  const hanging = call('evaluate', { script: 'new Promise(() => {})' }, { signal: aborter.signal }).catch((error: unknown) => error);
  const running = () => daemon({ action: 'status' }).then((answer) => answer.data.lane.running?.action === 'evaluate');
  assert.ok(await eventually(running, 30_000), 'the hanging evaluate runs in the daemon');
  aborter.abort();
  assert.instance(await hanging, Error, 'the client gave up on the call');
  assert.ok(await eventually(async () => !(await running()), 10_000), 'the daemon cancelled it');
  assert.is(JSON.parse(text(await call('url'), 'url after the cancel')).url, server.url('/mcp'));
});

test('stdout carried only protocol messages; stderr has no crash', () => {
  assert.equal(
    protocolErrors.map((error) => error.message),
    [],
  );
  assert.not.match(stderr, /Error|at .*\.js:\d+/);
});

test('the daemon keeps running after the client disconnects; the MCP process exits; it never loaded playwright-core', async () => {
  const mcpPid = transport.pid;
  assert.ok(mcpPid, 'the transport knows the MCP process');
  const daemonPid = Number(fs.readFileSync(path.join(dir, `${session}.pid`), 'utf8'));
  await client.close();
  assert.ok(await eventually(() => !alive(mcpPid!), 15_000), 'the MCP process is gone');
  assert.ok(alive(daemonPid), 'the daemon still runs');
  const url = await daemon({ action: 'url' });
  assert.is(url.data.url, server.url('/mcp'), 'with the page the agent left open');

  const modules = fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
  assert.ok(
    modules.some((module) => module.includes('/dist/mcp/server.js')),
    'the trace covers the MCP server',
  );
  for (const forbidden of ['playwright-core', '/dist/browser/', '/dist/builtins/', '/dist/daemon/']) {
    assert.equal(
      modules.filter((module) => module.includes(forbidden)),
      [],
      `the MCP process must not load ${forbidden}`,
    );
  }
});

test.run();

const raw = suite('mcp server, raw stdio');
let rawDir = '';

raw.before(() => {
  rawDir = makeSocketDir();
});
raw.after(() => {
  fs.rmSync(rawDir, { recursive: true, force: true });
});

/** Runs `agent-browser mcp` with these lines on stdin, then EOF, as a client that sends them and leaves. */
function runMcp(lines: unknown[], cwd: string) {
  return runCli(['mcp', '--session', `raw${process.pid}`], { env: testEnv(rawDir), cwd, input: lines.map((line) => `${JSON.stringify(line)}\n`).join('') });
}

raw('a client that closes stdin ends the server cleanly, and stdout holds only JSON-RPC lines', async () => {
  const project = path.join(rawDir, 'project');
  fs.mkdirSync(project);
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  };
  const run = await runMcp([initialize, { jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'ping' }], project);
  assert.is(run.code, 0, `ended by itself, not killed\n${run.stderr}`);
  const messages = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { jsonrpc: string; id: number });
  assert.equal(
    messages.map((message) => [message.jsonrpc, message.id]),
    [
      ['2.0', 1],
      ['2.0', 2],
    ],
  );
  assert.not.ok(fs.existsSync(path.join(rawDir, `raw${process.pid}.sock`)), 'no tool was needed, so no daemon was started');
});

raw('a client that sends a call and closes stdin at once still gets the answer (printf … | agent-browser mcp)', async () => {
  const project = path.join(rawDir, 'piped');
  fs.mkdirSync(project);
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  };
  const status = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'status', arguments: {} } };
  const socket = path.join(rawDir, `raw${process.pid}.sock`);
  try {
    const run = await runMcp([initialize, { jsonrpc: '2.0', method: 'notifications/initialized' }, status], project);
    assert.is(run.code, 0, run.stderr);
    const answers = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: number; result?: CallToolResult });
    const answer = answers.find((message) => message.id === 2);
    assert.ok(answer?.result, `the tools/call was answered before the server stopped: ${run.stdout.slice(0, 500)}`);
    const daemonStatus = JSON.parse((answer!.result!.content[0] as { text: string }).text) as { session: string; pid: number };
    assert.is(daemonStatus.session, `raw${process.pid}`, 'from the daemon of the --session given, started on demand');
    assert.ok(alive(daemonStatus.pid), 'which keeps running after the server stopped');
  } finally {
    if (fs.existsSync(socket)) await rawExchange({ path: socket }, [JSON.stringify({ id: 'c', action: 'close' })], 1).catch(() => undefined);
  }
});

raw('calls piped without waiting run in the order sent: navigate, click, then snapshot sees the clicked new page', async () => {
  const project = path.join(rawDir, 'ordered');
  fs.mkdirSync(project);
  const pages = await startPageServer();
  pages.page('/ordered', '<!doctype html><title>Ordered</title><button type="button" onclick="this.textContent = \'Pressed\'">Press</button>');
  const socket = path.join(rawDir, `raw${process.pid}.sock`);
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  };
  const tool = (id: number, name: string, args: Record<string, unknown>) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });
  try {
    const run = await runMcp(
      [
        initialize,
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        tool(2, 'navigate', { url: pages.url('/ordered') }),
        tool(3, 'click', { selector: 'button' }),
        tool(4, 'snapshot', { interactive: true }),
      ],
      project,
    );
    assert.is(run.code, 0, run.stderr);
    const answers = new Map(
      run.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { id: number; result?: CallToolResult })
        .map((message) => [message.id, message.result]),
    );
    const textOf = (id: number) => (answers.get(id)?.content[0] as { text?: string } | undefined)?.text ?? '';
    assert.match(textOf(2), '"title":"Ordered"');
    assert.not.ok(answers.get(3)?.isError, textOf(3));
    assert.match(textOf(4), 'button "Pressed"', 'the snapshot ran after the navigation and the click');
  } finally {
    if (fs.existsSync(socket)) await rawExchange({ path: socket }, [JSON.stringify({ id: 'c', action: 'close' })], 1).catch(() => undefined);
    await pages.close();
  }
});

raw('a broken config stops the server before it serves: the message on stderr, exit 1, nothing on stdout', async () => {
  const project = path.join(rawDir, 'broken');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, '.agentbrowserrc.json'), JSON.stringify({ timeout: 'soon' }));
  const run = await runMcp([], project);
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.match(run.stderr, /timeout/);
  assert.match(run.stderr, /\.agentbrowserrc\.json/);
});

raw.run();
