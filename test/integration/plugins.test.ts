// Third-party plugins loaded by a real daemon from an .agentbrowserrc.json `plugins` list
// (paths relative to the config file), exercised over the wire and through the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { makeSocketDir, startDaemon, testEnv, type TestDaemon } from '../helpers/daemon.js';
import { killPidFile, sessionFilesIn, tempProject, writeJson, writePlugin } from './_support.js';

const DEMO = `
export default {
  name: 'demo',
  version: '1.2.3',
  apply(host) {
    host.addAction({
      name: 'demo:echo',
      summary: 'Echo text back.',
      params: z.object({ text: z.string(), times: z.number().int().positive().optional() }),
      handler: (params, ctx) => ({ echo: params.text.repeat(params.times ?? 1), session: ctx.session }),
    });
    host.addAction({
      name: 'demo:settle',
      summary: 'Waits for the page to settle.',
      params: z.object({
        quietMs: z.number().int().min(50).describe('How long nothing may change, in ms'),
        mode: z.enum(['dom', 'network']).default('dom'),
        strict: z.boolean().optional(),
      }),
      handler: (params) => ({ settled: params }),
    });
    host.addAction({
      name: 'demo:fail',
      summary: 'Always throws.',
      params: z.object({}),
      handler() { throw new Error('demo handler broke'); },
    });
    host.addAction({
      name: 'demo:cyclic',
      summary: 'Answers data JSON cannot hold.',
      params: z.object({}),
      handler() { const loop = { n: 1 }; loop.self = loop; return { loop }; },
    });
    host.addAction({
      name: 'demo:typed',
      summary: 'Throws a typed error on purpose.',
      params: z.object({}),
      handler() { throw Object.assign(new Error('Element "#nope" not found. Take a new snapshot.'), { name: 'ActionError', code: 'ELEMENT_NOT_FOUND' }); },
    });
    host.hooks.afterAction.tapPromise('demo', async (result, call) => (call.action === 'demo:echo' ? { ...result, decorated: true } : result));
  },
};
`;

const VETO = `
export default {
  name: 'veto',
  apply(host) {
    host.hooks.beforeAction.tapPromise('veto', async (call) => {
      if (call.action === 'demo:vetoed') throw new Error('veto says no');
      if (call.action === 'demo:alias') return { ...call, action: 'demo:echo' };
      return call;
    });
  },
};
`;

// A bare function plugin: its name is the function's name.
const COUNTER = `
let calls = 0;
export default function counter(host) {
  host.addAction({ name: 'counter:next', summary: 'Counts calls.', params: z.object({}), handler: () => ({ n: ++calls }) });
}
`;

const OPTIONS = `
export default {
  name: 'opt',
  options: z.object({ greeting: z.string() }),
  apply(host, options) {
    host.addAction({ name: 'opt:greet', summary: 'Greets as configured.', params: z.object({}), handler: () => ({ greeting: options.greeting }) });
  },
};
`;

const dirs: string[] = [];
const pidFiles: string[] = [];
function tracked<T extends string>(dir: T): T {
  dirs.push(dir);
  return dir;
}

/** A project folder with plugins under ./plugins and a config listing `plugins`. */
function project(plugins: unknown[], files: Record<string, string>): { dir: string; config: string } {
  const dir = tracked(tempProject());
  for (const [name, body] of Object.entries(files)) writePlugin(path.join(dir, 'plugins'), name, body);
  const config = writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins });
  return { dir, config };
}

/** Starts a daemon that must refuse to start; returns its startup error message. */
async function refusal(config: string): Promise<{ code: string; message: string }> {
  // Our own socket folder: the helper does not remove it when the daemon refuses to start.
  const socketDir = tracked(makeSocketDir());
  try {
    const daemon = await startDaemon({ socketDir, env: { AGENT_BROWSER_CONFIG: config } });
    await daemon.stop();
  } catch (error) {
    const startup = (error as { startup?: { code: string; message: string } }).startup;
    if (startup) return startup;
    throw error;
  }
  throw new Error('the daemon started, but it should have refused');
}

// ---------------------------------------------------------------------------------------------

const loaded = suite('plugins: loaded from config');
let daemon: TestDaemon;
let setup: { dir: string; config: string };

loaded.before(async () => {
  setup = project(['./plugins/demo.mjs', './plugins/veto.mjs', './plugins/counter.mjs', ['./plugins/opt.mjs', { greeting: 'hallo' }]], {
    'demo.mjs': DEMO,
    'veto.mjs': VETO,
    'counter.mjs': COUNTER,
    'opt.mjs': OPTIONS,
  });
  // cwd is the daemon's own socket folder, not the project: paths resolve from the config file.
  daemon = await startDaemon({ env: { AGENT_BROWSER_CONFIG: setup.config } });
});

loaded.after(async () => {
  await daemon?.stop();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

loaded('a plugin action answers over the wire', async () => {
  const answer = await daemon.request({ id: 'e1', action: 'demo:echo', text: 'ab', times: 3 });
  assert.is(answer.id, 'e1');
  assert.is(answer.success, true, answer.error);
  assert.equal(answer.data, { echo: 'ababab', session: daemon.session, decorated: true });
});

loaded('a plugin action validates its params with its schema', async () => {
  const answer = await daemon.request({ id: 'e2', action: 'demo:echo', text: 5, times: -1 });
  assert.is(answer.success, false);
  assert.is(answer.code, 'INVALID_PARAMS');
  assert.match(answer.error, 'demo:echo');
  assert.match(answer.error, 'text');
  assert.match(answer.error, 'times');
  const nulls = await daemon.request({ id: 'e3', action: 'demo:echo', text: 'x', times: null });
  assert.is(nulls.success, true, nulls.error);
  assert.is(nulls.data.echo, 'x');
});

loaded('actions with names lists only those actions; a name no action has is left out', async () => {
  const answer = await daemon.request({ id: 'an', action: 'actions', names: ['demo:echo', 'nope:nothing'] });
  assert.is(answer.success, true, answer.error);
  assert.equal(
    answer.data.actions.map((action: { name: string }) => action.name),
    ['demo:echo'],
  );
  assert.ok(answer.data.actions[0].params.properties.text, 'with its schema');
});

loaded('actions lists plugin actions with their plugin, summary and params', async () => {
  const answer = await daemon.request({ id: 'a', action: 'actions' });
  const actions = answer.data.actions as Array<{ name: string; plugin: string; summary: string; params: any; group: string }>;
  const echo = actions.find((a) => a.name === 'demo:echo');
  assert.ok(echo, 'demo:echo listed');
  assert.is(echo!.plugin, 'demo');
  assert.is(echo!.group, 'demo', "a plugin's actions are grouped under the plugin's name");
  assert.is(actions.find((a) => a.name === 'click')?.group, 'core', 'a built-in carries the group its contract declares');
  // The published schema says what the daemon accepts: a field with a default is optional, and a
  // schema that drops unknown fields does not claim to refuse them.
  const settle = actions.find((a) => a.name === 'demo:settle')!.params;
  assert.equal(settle.required, ['quietMs']);
  assert.is(settle.properties.mode.default, 'dom');
  assert.is(settle.additionalProperties, undefined);
  const dropped = await daemon.request({ id: 'extra', action: 'demo:settle', quietMs: 60, colour: 'red' });
  assert.is(dropped.success, true, 'an unknown field is dropped, as the schema says');
  assert.is(echo!.summary, 'Echo text back.');
  assert.ok(echo!.params.properties.text);
  assert.ok(echo!.params.required.includes('text'));
  assert.is(actions.find((a) => a.name === 'counter:next')?.plugin, 'counter');
  assert.is(actions.find((a) => a.name === 'opt:greet')?.plugin, 'opt');
});

loaded('status.plugins lists each configured plugin with its file and actions', async () => {
  const answer = await daemon.request({ id: 's', action: 'status' });
  const plugins = answer.data.plugins as Array<{ name: string; version?: string; builtin: boolean; source: string; actions: string[] }>;
  const demo = plugins.find((p) => p.name === 'demo');
  assert.ok(demo, JSON.stringify(plugins.map((p) => p.name)));
  assert.is(demo!.builtin, false);
  assert.is(demo!.version, '1.2.3');
  assert.is(demo!.source, path.join(setup.dir, 'plugins', 'demo.mjs'));
  assert.equal([...demo!.actions].sort(), ['demo:cyclic', 'demo:echo', 'demo:fail', 'demo:settle', 'demo:typed']);
  for (const name of ['veto', 'counter', 'opt'])
    assert.ok(
      plugins.some((p) => p.name === name && !p.builtin),
      `${name} listed`,
    );
  assert.ok(
    plugins.some((p) => p.builtin),
    'built-ins are listed as built-in',
  );
});

loaded('plugin options from config reach apply()', async () => {
  const answer = await daemon.request({ id: 'o', action: 'opt:greet' });
  assert.equal(answer.data, { greeting: 'hallo' });
});

loaded('a bare-function plugin works and keeps its state across requests', async () => {
  const first = await daemon.request({ id: 'c1', action: 'counter:next' });
  const second = await daemon.request({ id: 'c2', action: 'counter:next' });
  assert.is(second.data.n, first.data.n + 1);
});

loaded('a plugin action that throws → PLUGIN_FAILED naming the plugin and action:demo:…; the daemon answers the next request', async () => {
  const answers = await daemon.exchange([JSON.stringify({ id: 'f', action: 'demo:fail' }), JSON.stringify({ id: 'next', action: 'demo:echo', text: 'ok' })], {
    expect: 2,
  });
  const [failed, next] = answers;
  assert.is(failed!.id, 'f');
  assert.is(failed!.success, false);
  assert.is(failed!.code, 'PLUGIN_FAILED');
  assert.match(failed!.error, '"demo"');
  assert.match(failed!.error, 'action:demo:fail');
  assert.match(failed!.error, 'demo handler broke');
  assert.is(next!.success, true);
  assert.is(next!.data.echo, 'ok');
});

loaded('a result JSON cannot hold is answered as INTERNAL saying so, not left unanswered', async () => {
  const answer = await daemon.request({ id: 'cy', action: 'demo:cyclic' });
  assert.is(answer.id, 'cy');
  assert.is(answer.success, false);
  assert.is(answer.code, 'INTERNAL');
  assert.match(answer.error, /could not be written as JSON \(.*circular/i);
  const after = await daemon.request({ id: 'cy2', action: 'status' });
  assert.is(after.success, true);
});

loaded('a typed error thrown on purpose keeps its code and message', async () => {
  const answer = await daemon.request({ id: 't', action: 'demo:typed' });
  assert.is(answer.success, false);
  assert.is(answer.code, 'ELEMENT_NOT_FOUND');
  assert.is(answer.error, 'Element "#nope" not found. Take a new snapshot.');
});

loaded('a beforeAction tap that throws → PLUGIN_FAILED naming the plugin and beforeAction', async () => {
  const answer = await daemon.request({ id: 'v', action: 'demo:vetoed' });
  assert.is(answer.id, 'v');
  assert.is(answer.success, false);
  assert.is(answer.code, 'PLUGIN_FAILED');
  assert.match(answer.error, '"veto"');
  assert.match(answer.error, 'beforeAction');
  assert.match(answer.error, 'veto says no');
  const after = await daemon.request({ id: 'v2', action: 'status' });
  assert.is(after.success, true);
});

loaded('a beforeAction tap can rewrite a call to another action', async () => {
  const answer = await daemon.request({ id: 'al', action: 'demo:alias', text: 'via alias' });
  assert.is(answer.success, true, answer.error);
  assert.is(answer.data.echo, 'via alias');
});

loaded('the CLI reaches plugin actions with run', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const ok = await runCli(['run', 'demo:echo', '--params', '{"text":"cli"}', '--json'], { env });
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.json.data.echo, 'cli');
  const failed = await runCli(['run', 'demo:fail'], { env });
  assert.is(failed.code, 1);
  assert.match(failed.stderr, 'action:demo:fail');
});

loaded('agent-browser <plugin>:<action> --name value… is forwarded to the daemon as that action with those params', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const forwarded = await runCli(['demo:echo', '--text', 'ab', '--times', '2', '--json'], { env });
  assert.is(forwarded.code, 0, forwarded.stderr);
  assert.equal(forwarded.json.data, { echo: 'abab', session: daemon.session, decorated: true });
  const human = await runCli(['demo:echo', '--text=hi'], { env });
  assert.is(human.code, 0, human.stderr);
  assert.equal(JSON.parse(human.stdout), { echo: 'hi', session: daemon.session, decorated: true });
  const typo = await runCli(['demo:ecko', '--text', 'x'], { env });
  assert.is(typo.code, 1);
  assert.match(typo.stderr, 'Unknown action "demo:ecko". Did you mean "demo:echo"?');
  const positional = await runCli(['demo:echo', 'loose'], { env });
  assert.is(positional.code, 1);
  assert.match(positional.stderr, 'named params');
});

for (const path of ['fast', 'oclif'] as const) {
  loaded(
    `a plugin action is a command like a built-in (${path} path): --help from its schema, kebab-case flags, typed values, unknown flags refused`,
    async () => {
      const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session, ...(path === 'oclif' ? { AGENT_BROWSER_FAST_PATH: '0' } : {}) });
      const help = await runCli(['demo:settle', '--help'], { env });
      assert.is(help.code, 0, help.stderr);
      assert.match(help.stdout, 'Waits for the page to settle.');
      assert.match(help.stdout, '$ agent-browser demo:settle --quiet-ms <integer> [--mode <dom|network>] [--strict]');
      assert.match(help.stdout, /--quiet-ms=<integer>\s+How long nothing may change, in ms \(required; >= 50\)/);
      assert.match(help.stdout, 'From the plugin "demo".');

      const ran = await runCli(['demo:settle', '--quiet-ms', '75', '--mode', 'network', '--strict', '--json'], { env });
      assert.is(ran.code, 0, ran.stderr);
      assert.equal(ran.json.data, { settled: { quietMs: 75, mode: 'network', strict: true } });

      const typo = await runCli(['demo:settle', '--quiet-m', '75'], { env });
      assert.is(typo.code, 1);
      assert.match(typo.stderr, 'agent-browser demo:settle has no flag --quiet-m. Did you mean --quiet-ms?');
      const typoJson = await runCli(['demo:settle', '--quiet-m', '75', '--json'], { env });
      assert.is(typoJson.json.code, 'INVALID_ARGUMENTS');
      const low = await runCli(['demo:settle', '--quiet-ms', '10'], { env });
      assert.is(low.code, 1);
      assert.match(low.stderr, '--quiet-ms must be a whole number >= 50, not "10"');
      const badMode = await runCli(['demo:settle', '--quiet-ms', '60', '--mode', 'paint'], { env });
      assert.match(badMode.stderr, '--mode is one of dom, network, not "paint"');
    },
  );
}

loaded('batch steps may be plugin actions, read against their schemas before any step runs', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const ran = await runCli(['batch', 'demo:settle --quiet-ms 60', 'demo:echo --text hi', '--json'], { env });
  assert.is(ran.code, 0, ran.stderr);
  const lines = ran.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(
    lines.map((line) => line.data),
    [{ settled: { quietMs: 60, mode: 'dom' } }, { echo: 'hi', session: daemon.session, decorated: true }],
  );
  const before = (await daemon.request({ id: 'c-before', action: 'counter:next' })).data.n as number;
  const typo = await runCli(['batch', 'counter:next', 'demo:settle --quiet-m 5'], { env });
  assert.is(typo.code, 1);
  assert.match(typo.stderr, 'Step 2 (demo:settle --quiet-m 5): agent-browser demo:settle has no flag --quiet-m. Did you mean --quiet-ms?');
  const after = (await daemon.request({ id: 'c-after', action: 'counter:next' })).data.n as number;
  assert.is(after, before + 1, 'the batch stopped before its first step ran');
});

loaded('agent-browser --help lists the plugin actions of the running daemon', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const help = await runCli(['--help'], { env });
  assert.is(help.code, 0, help.stderr);
  const section = help.stdout.slice(help.stdout.indexOf('PLUGIN ACTIONS'));
  assert.ok(help.stdout.includes('PLUGIN ACTIONS'), help.stdout);
  assert.match(section, /demo:settle\s+Waits for the page to settle\./);
  assert.match(section, /counter:next\s+Counts calls\./);
  assert.not.match(section, 'gettext', 'built-in actions are listed as commands above, not here');
});

loaded('agent-browser --help without a running daemon names the configured plugins and how to list their actions', async () => {
  const socketDir = tracked(makeSocketDir());
  const help = await runCli(['--help'], { env: testEnv(socketDir, { AGENT_BROWSER_SESSION: 'none-yet', AGENT_BROWSER_CONFIG: setup.config }) });
  assert.is(help.code, 0, help.stderr);
  assert.match(help.stdout, 'PLUGIN ACTIONS');
  assert.match(help.stdout, './plugins/demo.mjs');
  assert.match(help.stdout, 'agent-browser daemon start');
  assert.not.ok(fs.existsSync(path.join(socketDir, 'none-yet.sock')), 'help starts no daemon');
});

loaded('agent-browser plugins lists the configured plugins with version, file and actions; --builtin adds the built-ins', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const listed = await runCli(['plugins', '--json'], { env });
  assert.is(listed.code, 0, listed.stderr);
  const demo = listed.json.data.plugins.find((plugin: { name: string }) => plugin.name === 'demo');
  assert.equal(
    { version: demo.version, builtin: demo.builtin, actions: demo.actions },
    { version: '1.2.3', builtin: false, actions: ['demo:cyclic', 'demo:echo', 'demo:fail', 'demo:settle', 'demo:typed'] },
  );
  assert.ok(listed.json.data.plugins.every((plugin: { builtin: boolean }) => !plugin.builtin));
  const text = await runCli(['plugins'], { env });
  assert.match(text.stdout, /^demo 1\.2\.3 {2}\S+/m);
  assert.match(text.stdout, 'demo:echo, demo:fail, demo:settle, demo:typed');
  const all = await runCli(['plugins', '--builtin', '--json'], { env });
  assert.ok(all.json.data.plugins.some((plugin: { name: string }) => plugin.name === 'agent-browser:navigation'));
});

loaded('agent-browser actions lists built-in and plugin actions, plugin ones marked with their plugin', async () => {
  const env = testEnv(daemon.socketDir, { AGENT_BROWSER_SESSION: daemon.session });
  const listed = await runCli(['actions'], { env });
  assert.is(listed.code, 0, listed.stderr);
  const lines = listed.stdout.trim().split('\n');
  const echo = lines.find((line) => line.startsWith('demo:echo '));
  assert.ok(echo, listed.stdout);
  assert.match(echo!, /\[demo(-[\w-]+)?\]$/);
  assert.ok(
    lines.some((line) => /^click\s+Click an element; with newTab, open a link in a new tab instead\.$/.test(line)),
    'built-ins carry no plugin mark',
  );
  const json = await runCli(['actions', '--json'], { env });
  assert.ok(json.json.data.actions.some((action: { name: string; params: unknown }) => action.name === 'demo:echo' && typeof action.params === 'object'));
});

loaded.run();

// ---------------------------------------------------------------------------------------------

const refused = suite('plugins: a plugin that cannot load stops the daemon from starting');

refused.after.each(async () => {
  for (const pidFile of pidFiles.splice(0)) await killPidFile(pidFile);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const failures: Array<{ title: string; plugins: unknown[]; files: Record<string, string>; expect: (dir: string) => Array<string | RegExp> }> = [
  {
    title: 'a missing plugin file',
    plugins: ['./plugins/nope.mjs'],
    files: {},
    expect: (dir) => ['./plugins/nope.mjs', path.join(dir, 'plugins', 'nope.mjs'), /no such file/],
  },
  {
    title: 'a plugin that throws at import',
    plugins: ['./plugins/boom.mjs'],
    files: { 'boom.mjs': "throw new Error('boom at import');" },
    expect: (dir) => ['./plugins/boom.mjs', path.join(dir, 'plugins', 'boom.mjs'), 'boom at import'],
  },
  {
    title: 'a plugin with a syntax error',
    plugins: ['./plugins/typo.mjs'],
    files: { 'typo.mjs': "export default {\n  name: 'typo',\n  apply(host) { let = ; },\n};" },
    // The line of the mistake (line 1 of the file is the written zod import).
    expect: (dir) => ['./plugins/typo.mjs', `${path.join(dir, 'plugins', 'typo.mjs')}:4`, 'apply(host) { let = ; }'],
  },
  {
    title: 'a plugin action named without its plugin prefix',
    plugins: ['./plugins/bare.mjs'],
    files: {
      'bare.mjs':
        "export default { name: 'bare', apply(host) { host.addAction({ name: 'shout', summary: 'x', params: z.object({}), handler: () => ({}) }); } };",
    },
    expect: () => ['"bare"', '"shout"', '"bare:shout"'],
  },
  {
    title: 'a plugin whose apply throws',
    plugins: ['./plugins/applybad.mjs'],
    files: { 'applybad.mjs': "export default { name: 'applybad', apply() { throw new Error('apply exploded'); } };" },
    expect: (dir) => ['"applybad"', path.join(dir, 'plugins', 'applybad.mjs'), 'apply exploded'],
  },
  {
    title: 'a module that is not a plugin',
    plugins: ['./plugins/notaplugin.mjs'],
    files: { 'notaplugin.mjs': 'export const answer = 42;' },
    expect: (dir) => ['./plugins/notaplugin.mjs', path.join(dir, 'plugins', 'notaplugin.mjs'), /default export/],
  },
  {
    title: 'invalid plugin options',
    plugins: [['./plugins/opt.mjs', { greeting: 5 }]],
    files: { 'opt.mjs': OPTIONS },
    expect: (dir) => ['"opt"', path.join(dir, 'plugins', 'opt.mjs'), 'greeting'],
  },
  {
    title: 'a plugin that takes a built-in action name without override',
    plugins: ['./plugins/clash.mjs'],
    files: {
      'clash.mjs':
        "export default { name: 'clash', apply(host) { host.addAction({ name: 'status', summary: 'x', params: z.object({}), handler: () => ({}) }); } };",
    },
    expect: () => ['"clash"', '"status"', 'override'],
  },
];

for (const failure of failures) {
  refused(`${failure.title}: the daemon refuses with PLUGIN_FAILED naming the plugin and file`, async () => {
    const { dir, config } = project(failure.plugins, failure.files);
    const startup = await refusal(config);
    assert.is(startup.code, 'PLUGIN_FAILED', startup.message);
    for (const expected of failure.expect(dir)) {
      if (typeof expected === 'string') assert.ok(startup.message.includes(expected), `expected ${JSON.stringify(expected)} in: ${startup.message}`);
      else assert.match(startup.message, expected);
    }
  });

  refused(`${failure.title}: through the CLI the error names the plugin and file, exit 1`, async () => {
    const { dir } = project(failure.plugins, failure.files);
    const socketDir = tracked(makeSocketDir());
    pidFiles.push(path.join(socketDir, 'plug.pid'));
    const env = testEnv(socketDir, { AGENT_BROWSER_SESSION: 'plug' });
    const result = await runCli(['daemon', 'start'], { env, cwd: dir, timeoutMs: 30_000 });
    assert.is(result.code, 1, result.stdout);
    for (const expected of failure.expect(dir)) {
      if (typeof expected === 'string') assert.ok(result.stderr.includes(expected), `expected ${JSON.stringify(expected)} in: ${result.stderr}`);
      else assert.match(result.stderr, expected);
    }
    assert.not.match(result.stderr, /did not report ready/);
    assert.equal(sessionFilesIn(socketDir, 'plug'), []);
  });
}

refused.run();

// ---------------------------------------------------------------------------------------------

const packages = suite('plugins: npm packages resolved from the config file’s folder');

packages.after.each(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes node_modules/<name> with a package.json and its entry file. */
function installPackage(projectDir: string, name: string, manifest: Record<string, unknown>, entry: string, body: string): void {
  const root = path.join(projectDir, 'node_modules', name);
  writeJson(path.join(root, 'package.json'), { name, version: '1.2.3', ...manifest });
  fs.mkdirSync(path.dirname(path.join(root, entry)), { recursive: true });
  fs.writeFileSync(path.join(root, entry), body);
}

const PACKAGE_PLUGIN = (name: string) => `
export default {
  name: '${name}',
  version: '1.2.3',
  apply(host) {
    host.hooks.registerActions.tap('${name}', (registry) => registry.add({
      name: '${name}:hello',
      summary: 'says hello',
      params: { safeParse: (value) => ({ success: true, data: value }) },
      handler: () => ({ hello: '${name}' }),
    }));
  },
};
`;

packages('an import-only (exports) package and a main-field package load from the config folder, not the daemon’s cwd', async () => {
  const dir = tracked(tempProject());
  installPackage(dir, 'ab-esm-only', { type: 'module', exports: { '.': { import: './dist/plugin.js' } } }, 'dist/plugin.js', PACKAGE_PLUGIN('ab-esm-only'));
  installPackage(dir, 'ab-main', { type: 'module', main: 'lib/main.js' }, 'lib/main.js', PACKAGE_PLUGIN('ab-main'));
  const config = writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins: ['ab-esm-only', 'ab-main'] });
  const elsewhere = tracked(tempProject());
  const daemon = await startDaemon({ cwd: elsewhere, env: { AGENT_BROWSER_CONFIG: config } });
  try {
    for (const name of ['ab-esm-only', 'ab-main']) {
      const answer = await daemon.request({ id: name, action: `${name}:hello` });
      assert.equal(answer.data, { hello: name }, JSON.stringify(answer));
    }
    const actions = await daemon.request({ id: 'a', action: 'actions' });
    assert.equal(
      actions.data.actions.find((a: { name: string }) => a.name === 'ab-main:hello').params,
      { type: 'object' },
      'a non-zod schema is listed, not fatal',
    );
    const status = await daemon.request({ id: 's', action: 'status' });
    const listed = status.data.plugins
      .filter((p: { builtin: boolean }) => !p.builtin)
      .map((p: { name: string; version: string; source: string }) => [p.name, p.version, p.source]);
    assert.equal(listed, [
      ['ab-esm-only', '1.2.3', path.join(dir, 'node_modules', 'ab-esm-only', 'dist', 'plugin.js')],
      ['ab-main', '1.2.3', path.join(dir, 'node_modules', 'ab-main', 'lib', 'main.js')],
    ]);
  } finally {
    await daemon.stop();
  }
});

packages('a package that is not installed: the start is refused naming the package, the folder searched and how to install it', async () => {
  const dir = tracked(tempProject());
  const config = writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins: ['ab-not-installed'] });
  const startup = await refusal(config);
  assert.is(startup.code, 'PLUGIN_FAILED');
  assert.match(startup.message, 'Cannot find plugin package "ab-not-installed"');
  assert.match(startup.message, dir);
  assert.match(startup.message, 'npm install ab-not-installed');
});

packages('a plugin reads its relative option paths from the config file’s folder (host.configDir, host.resolvePath), not the daemon’s cwd', async () => {
  const dir = tracked(tempProject());
  writePlugin(
    path.join(dir, 'plugins'),
    'audit.mjs',
    `import fs from 'node:fs';
import path from 'node:path';
export default {
  name: 'audit',
  options: z.object({ logFile: z.string() }),
  apply(host, options) {
    const file = host.resolvePath(options.logFile);
    host.hooks.afterAction.tap('audit', (result, call) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, call.action + '\\n');
    });
    host.addAction({ name: 'audit:where', summary: 'Where the log goes.', params: z.object({}), handler: () => ({ file, configDir: host.configDir }) });
  },
};`,
  );
  const config = writeJson(path.join(dir, '.agentbrowserrc.json'), { plugins: [['./plugins/audit.mjs', { logFile: 'logs/audit.log' }]] });
  const elsewhere = tracked(tempProject());
  const daemon = await startDaemon({ cwd: elsewhere, env: { AGENT_BROWSER_CONFIG: config } });
  try {
    const answer = await daemon.request({ id: 'w', action: 'audit:where' });
    assert.equal(answer.data, { file: path.join(dir, 'logs', 'audit.log'), configDir: dir });
    assert.is(fs.readFileSync(path.join(dir, 'logs', 'audit.log'), 'utf8'), 'audit:where\n');
    assert.not.ok(fs.existsSync(path.join(elsewhere, 'logs')), 'nothing written relative to the daemon’s cwd');
  } finally {
    await daemon.stop();
  }
});

packages.run();
