/**
 * The package as a stranger gets it: `npm pack` of this checkout and of a third-party plugin
 * written only from docs/plugins.md, both installed with `npm install -g` into an empty prefix,
 * then used from an empty folder that never saw the checkout: browser discovery, the daemon,
 * `doctor`, completion, a first-party plugin, and the stranger's plugin by package name from the
 * CLI, the wire, `run` and MCP.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, type CliResult } from '../helpers/cli.js';
import { rawExchange, testEnv } from '../helpers/daemon.js';
import { guardedSetUp } from '../helpers/e2e.js';
import { ROOT } from '../helpers/paths.js';
import { startPageServer, type PageServer } from '../helpers/server.js';

const run = promisify(execFile);
const test = suite('package: packed, installed globally, used from an empty folder');
const session = `pkg${process.pid}`;
let work = '';
let prefix = '';
let bin = '';
let project = '';
let env: NodeJS.ProcessEnv = {};
let server: PageServer;

const PLUGIN_MANIFEST = {
  name: 'agent-browser-plugin-stranger',
  version: '1.0.0',
  type: 'module',
  exports: { '.': { default: './index.js' } },
  files: ['index.js'],
  keywords: ['agent-browser-plugin'],
  peerDependencies: { 'agent-browser-host': '>=0.1.0' },
};

// As docs/plugins.md shows: definePlugin, defineAction and z from the package, an action, a hook.
const PLUGIN_SOURCE = `import { definePlugin, defineAction, z } from 'agent-browser-host';

export default definePlugin({
  name: 'stranger',
  version: '1.0.0',
  apply(host) {
    host.addAction(defineAction({
      name: 'stranger:shout',
      summary: 'Shouts the text back, with the page title.',
      params: z.object({ text: z.string().min(1, 'text must not be empty') }),
      async handler({ text }, ctx) {
        const page = await ctx.page();
        return { shout: text.toUpperCase() + '!', title: await page.title() };
      },
    }));
  },
});
`;

const PAGE = `<!doctype html><title>Installed</title><main><h1>Packed and installed</h1><p>An article long enough for the reader plugin to call it one, with a second sentence.</p><button>Press</button></main>`;

const cli = (args: string[], timeoutMs = 90_000): Promise<CliResult> => runCli(args, { env, cwd: project, bin, timeoutMs });

guardedSetUp(test, async () => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'abpkg-')));
  prefix = path.join(work, 'global');
  project = path.join(work, 'project');
  fs.mkdirSync(project);
  const packed = path.join(work, 'packed');
  fs.mkdirSync(packed);
  // The tier runs after the build; --ignore-scripts skips prepack's rebuild.
  const host = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', packed], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const hostTarball = path.join(packed, host.stdout.trim().split('\n').pop()!);
  const pluginDir = path.join(work, 'stranger-plugin');
  fs.mkdirSync(pluginDir);
  fs.writeFileSync(path.join(pluginDir, 'package.json'), JSON.stringify(PLUGIN_MANIFEST, null, 2));
  fs.writeFileSync(path.join(pluginDir, 'index.js'), PLUGIN_SOURCE);
  const plugin = await run('npm', ['pack', '--silent', '--pack-destination', packed], { cwd: pluginDir });
  const pluginTarball = path.join(packed, plugin.stdout.trim().split('\n').pop()!);
  await run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', hostTarball, pluginTarball], {
    cwd: work,
    maxBuffer: 64 * 1024 * 1024,
  });
  bin = path.join(prefix, 'bin', 'agent-browser');
  fs.writeFileSync(
    path.join(project, '.agentbrowserrc.json'),
    JSON.stringify({ plugins: ['agent-browser-plugin-stranger', 'agent-browser-host/plugins/reader'] }),
  );
  // Nothing of the checkout on the way: no NODE_PATH, the installed bin first on PATH.
  env = testEnv(path.join(work, 'sockets'), {
    AGENT_BROWSER_SESSION: session,
    XDG_CACHE_HOME: path.join(work, 'cache'),
    PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}`,
    NODE_PATH: undefined,
  });
  fs.mkdirSync(path.join(work, 'sockets'), { mode: 0o700 });
  server = await startPageServer();
  server.page('/installed', PAGE);
});

test.after(async () => {
  if (bin) await cli(['close']).catch(() => undefined);
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('the installed package holds the command, its daemon and the first-party plugins, and is not the checkout', () => {
  const installed = fs.realpathSync(path.join(prefix, 'lib', 'node_modules', 'agent-browser-host'));
  assert.ok(!installed.startsWith(ROOT), installed);
  assert.is(fs.realpathSync(bin), path.join(installed, 'bin', 'run.js'));
  for (const file of ['dist/daemon/main.js', 'dist/cli/command-specs.json', '.agentbrowserrc.example']) {
    assert.ok(fs.existsSync(path.join(installed, file)), file);
  }
  for (const name of ['reader', 'domain-guard', 'redactor']) {
    assert.ok(fs.existsSync(path.join(installed, 'plugins', name, 'dist', 'index.js')), `plugins/${name}`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.is(manifest.name, 'agent-browser-host');
  assert.equal(manifest.bin, { 'agent-browser': 'bin/run.js' });
});

test('doctor finds the installed browser and loads the configured plugins', async () => {
  const doctor = await cli(['doctor']);
  assert.is(doctor.code, 0, doctor.stdout);
  assert.match(doctor.stdout, /✓ Browser: .* it runs/);
  const plugins = path.join(prefix, 'lib', 'node_modules');
  assert.match(doctor.stdout, `✓ Plugins: "stranger" 1.0.0 from ${path.join(plugins, 'agent-browser-plugin-stranger', 'index.js')} loads; adds stranger:shout`);
  assert.match(
    doctor.stdout,
    `✓ Plugins: "reader" 0.1.0 from ${path.join(plugins, 'agent-browser-host', 'plugins', 'reader', 'dist', 'index.js')} loads; adds reader:markdown`,
  );
  assert.not.match(doctor.stdout, /✗/);
});

test('a page command starts the daemon from the installed package and drives the page', async () => {
  const open = await cli(['open', `${server.origin}/installed`]);
  assert.is(open.code, 0, open.stderr);
  const snapshot = await cli(['snapshot', '-i']);
  assert.match(snapshot.stdout, /button "Press" \[ref=e\d+\]/);
  const status = await cli(['daemon', 'status', '--json']);
  const daemon = status.json.data.daemon;
  assert.match(
    daemon.plugins.find((p: { name: string }) => p.name === 'stranger').source,
    path.join(prefix, 'lib', 'node_modules', 'agent-browser-plugin-stranger'),
  );
  assert.match(daemon.plugins.find((p: { name: string }) => p.name === 'reader').source, path.join('agent-browser-host', 'plugins', 'reader'));
});

test('the stranger’s plugin, by package name: CLI with typed flags, run, the wire', async () => {
  const shout = await cli(['stranger:shout', '--text', 'hi', '--json']);
  assert.equal(shout.json.data, { shout: 'HI!', title: 'Installed' });
  const refused = await cli(['stranger:shout', '--text', '', '--json']);
  assert.is(refused.json.code, 'INVALID_PARAMS');
  assert.match(refused.json.error, 'text must not be empty');
  const viaRun = await cli(['run', 'stranger:shout', '--params', '{"text":"run"}', '--json']);
  assert.equal(viaRun.json.data, { shout: 'RUN!', title: 'Installed' });
  const [answer] = await rawExchange(
    { path: path.join(work, 'sockets', `${session}.sock`) },
    [JSON.stringify({ id: 'w', action: 'stranger:shout', text: 'wire' })],
    1,
  );
  assert.equal(answer, { id: 'w', success: true, data: { shout: 'WIRE!', title: 'Installed' } });
});

test('a first-party plugin from inside the package: reader:markdown', async () => {
  const markdown = await cli(['reader:markdown', '--json']);
  assert.is(markdown.code, 0, markdown.stderr);
  assert.match(markdown.json.data.markdown, 'Packed and installed');
});

test('MCP from the installed command lists and calls the stranger’s action (its group, named after the plugin, asked for)', async () => {
  const transport = new StdioClientTransport({
    command: bin,
    args: ['mcp', '--tools', 'core,stranger'],
    cwd: project,
    env: env as Record<string, string>,
    stderr: 'pipe',
  });
  const client = new Client({ name: 'package-install-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.ok(
      tools.some((tool) => tool.name === 'stranger_shout'),
      tools.map((tool) => tool.name).join(' '),
    );
    const result = (await client.callTool({ name: 'stranger_shout', arguments: { text: 'mcp' } }, undefined, { timeout: 60_000 })) as CallToolResult;
    assert.not.ok(result.isError, JSON.stringify(result.content));
    assert.match(JSON.stringify(result.content), 'MCP!');
  } finally {
    await client.close();
  }
});

test('shell completion is generated by the installed command', async () => {
  const completion = await cli(['autocomplete', 'bash']);
  assert.is(completion.code, 0, completion.stderr);
  const script = fs.readFileSync(path.join(work, 'cache', 'agent-browser', 'autocomplete', 'functions', 'bash', 'agent-browser.bash'), 'utf8');
  assert.match(script, /^snapshot .*--interactive/m);
});

test.run();
