/**
 * `agent-browser mcp` as an MCP client sees it: the SDK's own Client spawns `node bin/run.js mcp`
 * over stdio in a project folder whose .agentbrowserrc loads the reader plugin, lists the tools
 * and drives a page served on 127.0.0.1 through them. The session's daemon is a real one the MCP
 * server starts on demand; it must outlive the client. The MCP process runs under the import
 * tracer, so the suite also checks that it never loads playwright-core or the daemon's code.
 * The first client runs with the defaults (the core tools, change reports on); further clients of
 * the same session show --tools, plugin groups and the mcpTools config key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
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
/** What Playwright MCP's default tools/list costs (25 tools, o200k tokens): ours must not cost more. */
const PLAYWRIGHT_MCP_TOOLS_TOKENS = 4600;

/** An action as the daemon's `actions` lists it. */
interface Listed {
  name: string;
  summary: string;
  plugin: string;
  params: Record<string, unknown>;
  readOnly?: boolean;
  group: string;
  changes?: boolean;
}

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

/** evaluate's result: its text is the result's JSON (without a change report when asked for none). */
async function evaluate(script: string): Promise<unknown> {
  return JSON.parse(text(await call('evaluate', { script, changes: false }), `evaluate ${script}`));
}

async function registry(): Promise<Listed[]> {
  return (await daemon({ action: 'actions' })).data.actions as Listed[];
}

/**
 * The schema a tool shows for an action: the daemon's without what tells a model nothing (`$schema`,
 * safe-integer limits, string `propertyNames`), plus `changes` where the daemon takes it.
 */
function expectedSchema(action: Listed): Record<string, unknown> {
  const { $schema: _url, ...schema } = action.params;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  if (action.changes) properties.changes = { type: 'boolean' };
  const noise = (key: string, value: unknown) =>
    (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) ||
    (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
    (key === 'propertyNames' && JSON.stringify(value) === '{"type":"string"}');
  return JSON.parse(JSON.stringify({ ...schema, properties }, (key, value) => (noise(key, value) ? undefined : value)));
}

/** Another MCP client of the same session, in `cwd` (default: the project folder), started with these arguments after `mcp`. */
async function connect(args: string[], cwd = dir): Promise<Client> {
  const other = new Client({ name: 'agent-browser-test-groups', version: '0.0.0' });
  await other.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp', '--session', session, ...args],
      env: env as Record<string, string>,
      cwd,
      stderr: 'pipe',
    }),
  );
  return other;
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

test('the server introduces itself as agent-browser with tools, and its instructions describe selectors and groups once', () => {
  assert.is(client.getServerVersion()?.name, 'agent-browser');
  assert.ok(client.getServerCapabilities()?.tools, 'tools capability');
  const instructions = client.getInstructions() ?? '';
  assert.match(instructions, /snapshot/);
  assert.match(instructions, '@e3, ref=e3 or e3');
  assert.match(instructions, 'Tool groups served: core.');
  assert.match(instructions, 'changes: false');
});

/** The names of the actions the daemon lists in the core group (the unit tests pin which they are). */
async function coreActions(): Promise<string[]> {
  return (await registry())
    .filter((action) => action.group === 'core')
    .map((action) => action.name)
    .sort();
}

test('by default the tools are the core group: those 21 and no other, without $schema, costing less than Playwright MCP’s list', async () => {
  const { tools } = await client.listTools(undefined, { timeout: 90_000 });
  const byName = new Map<string, Tool>(tools.map((tool) => [tool.name, tool]));
  assert.ok(fs.existsSync(path.join(dir, `${session}.sock`)), 'listing started the daemon of the --session given');
  const core = await coreActions();
  assert.equal([...byName.keys()].sort(), core);
  assert.is(core.length, 21);
  for (const name of [
    'navigate',
    'snapshot',
    'click',
    'fill',
    'type',
    'press',
    'select',
    'hover',
    'check',
    'wait',
    'gettext',
    'evaluate',
    'screenshot',
    'tab_new',
  ])
    assert.ok(byName.has(name), `${name} is a core tool`);

  const actions = await registry();
  assert.ok(
    actions.some((action) => action.name === 'reader:markdown'),
    'the daemon loaded the reader plugin from .agentbrowserrc',
  );
  for (const action of actions.filter((candidate) => candidate.group === 'core')) {
    const tool = byName.get(action.name)!;
    if (action.name !== 'snapshot') assert.is(tool.description, action.summary, `${action.name}: description is the summary`);
    if (action.name !== 'snapshot') assert.equal(tool.inputSchema, expectedSchema(action), `${action.name}: inputSchema is the registry's schema, compacted`);
    assert.is(tool.annotations?.readOnlyHint, action.readOnly, `${action.name}: readOnlyHint as the registry says`);
  }
  const listing = JSON.stringify({ tools });
  assert.not.match(listing, '$schema');
  assert.not.match(listing, 'text=, role=', 'the selector is described once, in the instructions');
  assert.equal(byName.get('click')!.inputSchema.required, ['selector']);
  assert.is(byName.get('snapshot')!.annotations?.readOnlyHint, true, 'snapshot only reads');
  assert.is(byName.get('click')!.annotations, undefined, 'click makes no read-only claim');
  const tokens = countTokens(listing);
  assert.ok(tokens <= PLAYWRIGHT_MCP_TOOLS_TOKENS, `tools/list costs ${tokens} o200k tokens`);
});

test('the snapshot tool says when to ask for more, and defaults to interactive', async () => {
  const { tools } = await client.listTools(undefined, { timeout: 90_000 });
  const snapshot = tools.find((tool) => tool.name === 'snapshot')!;
  assert.match(snapshot.description!, 'Interactive elements only by default');
  assert.match(snapshot.description!, 'interactive: false for the whole tree');
  assert.match(snapshot.description!, 'urls: true');
  assert.equal(snapshot.inputSchema.properties!.interactive, { type: 'boolean', default: true });
});

test('navigate answers in short text with what changed; snapshot is interactive by default and whole with interactive: false', async () => {
  const url = server.url('/mcp');
  const listedChanges = (await registry()).find((action) => action.name === 'navigate')!.changes === true;
  const navigated = text(await call('navigate', { url }), 'navigate');
  assert.match(navigated, `url: ${url}`);
  assert.match(navigated, 'title: MCP page');
  assert.not.match(navigated, /[{}"]{2}|":"/, 'text, not JSON');
  if (listedChanges) assert.match(navigated, /new page, its interactive elements:\n\+ button "Add one" \[ref=e\d+\]/);
  else assert.not.match(navigated, 'new page', 'no change report from a daemon that does not offer one');

  const tree = text(await call('snapshot'), 'snapshot');
  assert.match(tree, /button "Add one" \[ref=e\d+\]/);
  assert.match(tree, /textbox "Name" \[ref=e\d+\]/);
  assert.not.match(tree, 'counts every press', 'the default snapshot leaves out text that is not interactive');
  assert.not.match(tree, /^\{/, 'the tree is text, not JSON');

  const whole = text(await call('snapshot', { interactive: false }), 'full snapshot');
  assert.match(whole, 'heading "Counter"');
  assert.match(whole, 'counts every press of the button');
  assert.match(whole, /button "Add one" \[ref=e\d+\]/);
});

test('click and fill via @ref change the page (seen with evaluate); page actions answer a change report, or Done with changes: false', async () => {
  const tree = text(await call('snapshot'), 'snapshot');
  const button = /button "Add one" \[ref=(e\d+)\]/.exec(tree);
  const input = /textbox "Name" \[ref=(e\d+)\]/.exec(tree);
  assert.ok(button && input, `refs in the snapshot text:\n${tree}`);
  const listedChanges = (await registry()).find((action) => action.name === 'click')!.changes === true;

  assert.is(await evaluate("document.getElementById('count').textContent"), '0');
  const clicked = text(await call('click', { selector: `@${button![1]}` }), 'click');
  // The counter's new text is the change: no element appeared or went.
  assert.is(clicked, listedChanges ? '+ text: 1' : 'Done');
  assert.is(text(await call('click', { selector: `@${button![1]}`, changes: false }), 'click again'), 'Done');
  assert.is(await evaluate("document.getElementById('count').textContent"), '2');

  text(await call('fill', { selector: `@${input![1]}`, value: 'Ada' }), 'fill');
  assert.is(await evaluate("document.getElementById('name').value"), 'Ada');
});

test('data results are short text with the data as structuredContent: gettext, evaluate, tab_list', async () => {
  const heading = await call('gettext', { selector: 'h1' });
  assert.is(text(heading, 'gettext'), 'Counter');
  assert.equal(heading.structuredContent, { text: 'Counter' });
  assert.is(text(await call('evaluate', { script: '({ a: [1, 2] })', changes: false }), 'evaluate'), '{"a":[1,2]}');
  const tabs = await call('tab_list');
  assert.match(text(tabs, 'tab_list'), /^tabs: \[\{"index":0,"url":"[^"]+","title":"MCP page","active":true\}\]\nactive: 0$/);
  assert.is((tabs.structuredContent as { active: number }).active, 0);
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

test('a tool outside the served groups is refused with its group and how to enable it: a plugin’s and a built-in group’s', async () => {
  const reader = await call('reader_markdown', { mode: 'full' });
  assert.is(reader.isError, true);
  const message = (reader.content[0] as { text: string }).text;
  assert.match(message, 'The tool "reader_markdown" is in the tool group "reader"');
  assert.match(message, 'agent-browser mcp --tools core,reader');
  const cookies = await call('cookies_get');
  assert.is(cookies.isError, true);
  assert.match((cookies.content[0] as { text: string }).text, 'in the tool group "state"');
  assert.match((cookies.content[0] as { text: string }).text, '--tools core,state');
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
  assert.is(await evaluate('location.href'), server.url('/mcp'), 'the server keeps serving');
});

test('a failing action: an error result with the daemon’s message and code', async () => {
  const result = await call('click', { selector: '@e999' });
  assert.is(result.isError, true);
  const message = (result.content[0] as { text: string }).text;
  assert.match(message, /e999/);
  assert.match(message, /UNKNOWN_REF/);
});

test('an unknown tool is an MCP error (invalid params) naming it and the closest tool', async () => {
  try {
    await call('no_such_tool');
    assert.unreachable('an unknown tool must fail');
  } catch (error) {
    assert.instance(error, McpError);
    assert.is((error as McpError).code, ErrorCode.InvalidParams);
    assert.match((error as Error).message, /no_such_tool/);
  }
  try {
    await call('navigat');
    assert.unreachable('an unknown tool must fail');
  } catch (error) {
    assert.match((error as Error).message, 'did you mean "navigate"?');
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
  assert.is(await evaluate('location.href'), server.url('/mcp'), 'the next page action ran');
});

test('--tools all serves every action of the daemon, the plugin’s included, and its tool runs the plugin action', async () => {
  const everything = await connect(['--tools', 'all']);
  try {
    assert.match(everything.getInstructions() ?? '', 'Tool groups served: all.');
    const { tools } = await everything.listTools(undefined, { timeout: 90_000 });
    const actions = await registry();
    assert.is(tools.length, actions.length, 'one tool per action');
    const byName = new Map<string, Tool>(tools.map((tool) => [tool.name, tool]));
    assert.is(byName.size, tools.length, 'tool names are unique');
    for (const action of actions) {
      const tool = byName.get(action.name.replaceAll(':', '_'));
      assert.ok(tool, `a tool for ${action.name}`);
      assert.match(tool!.name, /^[A-Za-z0-9_-]{1,64}$/);
      assert.not.ok('$schema' in tool!.inputSchema, `${action.name}: no $schema`);
    }
    assert.is(byName.get('reader_markdown')!.annotations?.readOnlyHint, true, 'the reader plugin says its action only reads');
    const markdown = (await everything.callTool({ name: 'reader_markdown', arguments: { mode: 'full' } }, undefined, { timeout: 90_000 })) as CallToolResult;
    assert.not.ok(markdown.isError, JSON.stringify(markdown.content));
    assert.match((markdown.content[0] as { text: string }).text, /# Counter/);
    assert.match((markdown.content[0] as { text: string }).text, /counts every press of the button/);
  } finally {
    await everything.close();
  }
});

test('--tools core,reader adds the plugin’s group (named after the plugin) to core, and nothing else', async () => {
  const withReader = await connect(['--tools', 'core,reader']);
  try {
    const { tools } = await withReader.listTools(undefined, { timeout: 90_000 });
    assert.equal(tools.map((tool) => tool.name).sort(), [...(await coreActions()), 'reader_markdown'].sort());
    const cookies = (await withReader.callTool({ name: 'cookies_get', arguments: {} }, undefined, { timeout: 90_000 })) as CallToolResult;
    assert.match((cookies.content[0] as { text: string }).text, '--tools core,reader,state');
  } finally {
    await withReader.close();
  }
});

test('--no-changes: page actions answer without a change report, and the instructions do not offer one', async () => {
  const quiet = await connect(['--no-changes']);
  try {
    assert.not.match(quiet.getInstructions() ?? '', 'changes: false');
    const clicked = (await quiet.callTool({ name: 'click', arguments: { selector: 'button' } }, undefined, { timeout: 90_000 })) as CallToolResult;
    assert.equal(clicked.content, [{ type: 'text', text: 'Done' }]);
    const navigated = (await quiet.callTool({ name: 'navigate', arguments: { url: server.url('/mcp') } }, undefined, { timeout: 90_000 })) as CallToolResult;
    assert.equal(navigated.content, [{ type: 'text', text: `url: ${server.url('/mcp')}\ntitle: MCP page` }]);
  } finally {
    await quiet.close();
  }
});

test('the mcpTools config key picks the groups when no --tools is given, and --tools wins over it', async () => {
  const project = path.join(dir, 'with-network');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, '.agentbrowserrc.json'), JSON.stringify({ plugins: [READER], mcpTools: ['core', 'network'] }));
  const fromConfig = await connect([], project);
  try {
    const names = (await fromConfig.listTools(undefined, { timeout: 90_000 })).tools.map((tool) => tool.name);
    for (const name of [...(await coreActions()), 'route', 'requests', 'har_start']) assert.ok(names.includes(name), `${name} is served`);
    assert.not.ok(names.includes('cookies_get'), 'state is not');
    assert.not.ok(names.includes('reader_markdown'), 'nor is the plugin');
  } finally {
    await fromConfig.close();
  }
  const fromFlag = await connect(['--tools', 'state'], project);
  try {
    const names = (await fromFlag.listTools(undefined, { timeout: 90_000 })).tools.map((tool) => tool.name);
    assert.ok(names.includes('cookies_get'));
    assert.not.ok(names.includes('route'), 'the flag replaces the config');
    assert.not.ok(names.includes('click'), 'and names every group served');
  } finally {
    await fromFlag.close();
  }
});

test('an unknown group stops the server before it serves: exit 1, the closest name and every valid one on stderr', async () => {
  const run = await runCli(['mcp', '--session', session, '--tools', 'core,netwrk'], { env, cwd: dir, input: '' });
  assert.is(run.code, 1);
  assert.is(run.stdout, '');
  assert.match(run.stderr, 'Unknown tool group "netwrk" (did you mean "network"?)');
  assert.match(run.stderr, 'Tool groups: core, interaction, reading, tabs, network, state, emulation, scripting, debug, session, all; plugin groups: reader.');
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
function runMcp(lines: unknown[], cwd: string, args: string[] = []) {
  return runCli(['mcp', '--session', `raw${process.pid}`, ...args], {
    env: testEnv(rawDir),
    cwd,
    input: lines.map((line) => `${JSON.stringify(line)}\n`).join(''),
  });
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
    const run = await runMcp([initialize, { jsonrpc: '2.0', method: 'notifications/initialized' }, status], project, ['--tools', 'core,session']);
    assert.is(run.code, 0, run.stderr);
    const answers = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: number; result?: CallToolResult });
    const answer = answers.find((message) => message.id === 2);
    assert.ok(answer?.result, `the tools/call was answered before the server stopped: ${run.stdout.slice(0, 500)}`);
    assert.match((answer!.result!.content[0] as { text: string }).text, `session: raw${process.pid}`);
    const daemonStatus = answer!.result!.structuredContent as { session: string; pid: number };
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
    assert.match(textOf(2), 'title: Ordered');
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
