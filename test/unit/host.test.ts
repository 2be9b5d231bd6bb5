import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';

import { defaultConfig } from '../../src/config/index.js';
import { defineAction, definePlugin } from '../../src/host/define.js';
import { HookError } from '../../src/host/errors.js';
import { Host, type PluginApi } from '../../src/host/host.js';
import { compareNames } from '../../src/host/registry.js';
import type { ActionCall, ActionContext, ActionResult, Logger } from '../../src/host/types.js';
import { ActionError } from '../../src/protocol/errors.js';

// ---------------------------------------------------------------------------------------------
// helpers

interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string) => {
    lines.push({ level, message });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function newHost(): Host {
  return new Host(defaultConfig(), memoryLogger());
}

function call(action: string, params: Record<string, unknown> = {}): ActionCall {
  return { id: 't1', action, params };
}

/** Handlers in these tests never touch the browser; the context is a bare stand-in. */
const ctx = {} as ActionContext;

/** Awaits a promise that must reject; returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.unreachable('expected a rejection');
  return undefined;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.unreachable('expected a throw');
  return undefined;
}

function assertHookError(error: unknown, plugin: string, hook: string, cause: string): void {
  assert.instance(error, HookError);
  const e = error as HookError;
  assert.is(e.code, 'PLUGIN_FAILED');
  assert.is(e.plugin, plugin);
  assert.is(e.hook, hook);
  assert.ok(e.message.includes(`"${plugin}"`), e.message);
  assert.ok(e.message.includes(hook), e.message);
  assert.ok(e.message.includes(cause), e.message);
  assert.instance(e, ActionError);
}

/** A plugin that registers actions answering `{ from: <plugin name>, action }`. */
function provider(name: string, actions: string[], extra: { override?: boolean; answer?: (params: unknown) => ActionResult | undefined } = {}) {
  return definePlugin({
    name,
    apply(api) {
      for (const action of actions) {
        api.addAction(
          defineAction({
            name: action,
            summary: `${action} from ${name}`,
            params: z.object({ mode: z.string().optional() }),
            override: extra.override,
            handler: (params) => (extra.answer ? extra.answer(params) : { from: name, action }) as ActionResult,
          }),
        );
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
const attribution = suite('host: errors of third-party taps are attributed');

attribution('a sync tap (page hook) that throws → HookError naming plugin and hook', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'tab-watcher',
      apply(api) {
        api.hooks.page.tap(api.name, () => {
          throw new Error('listener exploded');
        });
      },
    }),
  );
  host.seal();
  const error = thrown(() => host.hooks.page.call({} as never));
  assertHookError(error, 'tab-watcher', 'page', 'listener exploded');
});

attribution('a waterfall tap returning the wrong shape fails at once, naming the plugin, the hook and what was expected', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'sloppy',
      apply(api) {
        api.hooks.afterAction.tap(api.name, () => 'all done' as never);
        api.hooks.snapshot.tapPromise(api.name, async (snapshot) => ({ tree: snapshot.tree }) as never);
        api.hooks.beforeAction.tapPromise(api.name, async (incoming) => (incoming.action === 'drop' ? ({ action: 'x' } as never) : incoming));
      },
    }),
  );
  host.seal();
  const afterAction = await host.hooks.afterAction.promise({ ok: true }, call('url')).then(
    () => null,
    (error: unknown) => error,
  );
  assertHookError(afterAction, 'sloppy', 'afterAction', `returned a string ("all done") where the hook expects the result's data object`);
  const snapshot = await host.hooks.snapshot.promise({ tree: '- a', refs: {} }, {}).then(
    () => null,
    (error: unknown) => error,
  );
  assertHookError(snapshot, 'sloppy', 'snapshot', 'returned an object with keys tree where the hook expects a snapshot { tree: string, refs: object }');
  const rewrite = await host.hooks.beforeAction.promise(call('drop')).then(
    () => null,
    (error: unknown) => error,
  );
  assertHookError(rewrite, 'sloppy', 'beforeAction', 'a call { id, action, params }');
  assert.equal(await host.hooks.beforeAction.promise(call('url')), call('url'), 'a well-formed call passes');
});

attribution('a sync registerActions tap that throws fails seal() with the plugin named', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'broken-registrar',
      apply(api) {
        api.hooks.registerActions.tap(api.name, () => {
          throw new TypeError('cannot read x of undefined');
        });
      },
    }),
  );
  const error = thrown(() => host.seal());
  assertHookError(error, 'broken-registrar', 'registerActions', 'cannot read x of undefined');
});

attribution('a promise tap (action handler) that rejects → HookError naming action:<name>', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'summarizer',
      apply(api) {
        api.addAction(
          defineAction({
            name: 'summarizer:run',
            summary: 'fails',
            params: z.object({}),
            async handler() {
              throw new Error('model offline');
            },
          }),
        );
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.action.for('summarizer:run').promise(call('summarizer:run'), ctx));
  assertHookError(error, 'summarizer', 'action:summarizer:run', 'model offline');
});

attribution('a tapPromise on beforeAction that rejects → HookError naming beforeAction', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'gatekeeper',
      apply(api) {
        api.hooks.beforeAction.tapPromise(api.name, async () => {
          throw new Error('policy file unreadable');
        });
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.beforeAction.promise(call('click')));
  assertHookError(error, 'gatekeeper', 'beforeAction', 'policy file unreadable');
});

attribution('a callback tap (tapAsync) passing an error → HookError naming the hook', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'cb-style',
      apply(api) {
        api.hooks.afterAction.tapAsync(api.name, (_result, _call, callback) => {
          setImmediate(() => callback(new Error('disk full')));
        });
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.afterAction.promise({ ok: true }, call('snapshot')));
  assertHookError(error, 'cb-style', 'afterAction', 'disk full');
});

attribution('a callback tap (tapAsync) throwing synchronously → HookError too', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'cb-thrower',
      apply(api) {
        api.hooks.beforeAction.tapAsync(api.name, () => {
          throw new Error('sync throw in async tap');
        });
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.beforeAction.promise(call('click')));
  assertHookError(error, 'cb-thrower', 'beforeAction', 'sync throw in async tap');
});

attribution('a callback tap that succeeds passes its result on', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'cb-ok',
      apply(api) {
        api.hooks.afterAction.tapAsync(api.name, (result, _call, callback) => callback(null, { ...result, seen: true }));
      },
    }),
  );
  host.seal();
  assert.equal(await host.hooks.afterAction.promise({ ok: true }, call('x')), { ok: true, seen: true });
});

attribution('a non-Error thrown value is still attributed', async () => {
  const host = newHost();
  await host.use(
    definePlugin({
      name: 'string-thrower',
      apply(api) {
        api.hooks.beforeAction.tap(api.name, () => {
          throw 'plain string';
        });
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.beforeAction.promise(call('x')));
  assertHookError(error, 'string-thrower', 'beforeAction', 'plain string');
});

attribution('a trusted built-in tap error passes unchanged', async () => {
  const host = newHost();
  const original = new Error('locator.click: Timeout 100ms exceeded.');
  await host.use(
    definePlugin({
      name: 'agent-browser:interaction',
      apply(api) {
        api.addAction(
          defineAction({
            name: 'click',
            summary: 'click',
            params: z.object({}),
            async handler() {
              throw original;
            },
          }),
        );
        api.hooks.beforeAction.tap(api.name, () => {
          throw original;
        });
      },
    }),
    { builtin: true },
  );
  host.seal();
  assert.is(await rejection(host.hooks.action.for('click').promise(call('click'), ctx)), original);
  assert.is(await rejection(host.hooks.beforeAction.promise(call('click'))), original);
});

attribution('an ActionError thrown on purpose by a third-party tap passes unchanged (a veto)', async () => {
  const host = newHost();
  const veto = new ActionError('NAVIGATION_BLOCKED', 'Navigation to evil.example is not allowed.');
  await host.use(
    definePlugin({
      name: 'domain-guard',
      apply(api) {
        api.hooks.beforeAction.tapPromise(api.name, async () => {
          throw veto;
        });
      },
    }),
  );
  host.seal();
  const error = await rejection(host.hooks.beforeAction.promise(call('navigate', { url: 'https://evil.example' })));
  assert.is(error, veto);
  assert.not.instance(error, HookError);
  assert.is((error as ActionError).code, 'NAVIGATION_BLOCKED');
});

attribution.run();

// ---------------------------------------------------------------------------------------------
const messages = suite('host: plugin mistakes are named, with what to do');

messages('a mistyped hook name names the hook, the closest one and the list, instead of a TypeError', async () => {
  const host = newHost();
  const error = await host
    .use(
      definePlugin({
        name: 'typo',
        apply(api) {
          (api.hooks as unknown as Record<string, { tap(name: string, fn: () => void): void }>).afterActions!.tap(api.name, () => undefined);
        },
      }),
      { source: '/project/typo.mjs' },
    )
    .then(
      () => null,
      (failure: unknown) => failure as ActionError,
    );
  assert.ok(error, 'apply failed');
  assert.is(error!.code, 'PLUGIN_FAILED');
  assert.match(error!.message, 'Plugin "typo" uses the hook "afterActions", which does not exist. Did you mean "afterAction"?');
  assert.match(error!.message, 'The hooks: registerActions, afterPlugins');
  assert.match(error!.message, '/project/typo.mjs');
});

messages('a module that is not a plugin is named by its file, with what it exported and what to export', async () => {
  const error = await newHost()
    .use({ nam: 'x' } as never, { source: '/project/plugins/thing.mjs', fallbackName: 'thing' })
    .then(
      () => null,
      (failure: unknown) => failure as ActionError,
    );
  assert.match(error!.message, 'Not a plugin: /project/plugins/thing.mjs exports an object with keys nam as its default.');
  assert.match(error!.message, 'definePlugin({ name, apply(host)');
});

messages('plugin options keep the plugin’s own messages, and an unknown option names the closest one', async () => {
  const guard = (options: unknown) =>
    newHost()
      .use(
        definePlugin({
          name: 'guard',
          options: z.strictObject({ blockedHosts: z.array(z.string()).optional(), quietMs: z.number().min(50, 'quietMs must be at least 50 ms').optional() }),
          apply() {},
        }),
        { source: '/project/guard.mjs', options },
      )
      .then(
        () => null,
        (failure: unknown) => failure as ActionError,
      );
  assert.match((await guard({ quietMs: 5 }))!.message, 'quietMs: quietMs must be at least 50 ms');
  assert.match((await guard({ blockedHost: ['a'] }))!.message, '(request): unknown field(s) blockedHost (did you mean "blockedHost" → "blockedHosts"?)');
  assert.is(await guard({ blockedHosts: ['a'], quietMs: 60 }), null);
});

messages.run();

const registry = suite('host: action registry');

registry('registering an action name twice without override is refused, naming both plugins', async () => {
  const host = newHost();
  await host.use(provider('first-plugin', ['shared:go']));
  await host.use(provider('second-plugin', ['shared:go']));
  const error = thrown(() => host.seal());
  assert.instance(error, ActionError);
  const e = error as ActionError;
  assert.is(e.code, 'PLUGIN_FAILED');
  assert.ok(e.message.includes('"first-plugin"'), e.message);
  assert.ok(e.message.includes('"second-plugin"'), e.message);
  assert.ok(e.message.includes('shared:go'), e.message);
  assert.ok(e.message.includes('override'), e.message);
});

registry('override: true replaces the action and its handler runs first', async () => {
  const host = newHost();
  await host.use(provider('agent-browser:navigation', ['navigate']), { builtin: true });
  await host.use(provider('my-nav', ['navigate'], { override: true }));
  host.seal();
  const registered = host.registry.get('navigate')!;
  assert.is(registered.plugin, 'my-nav');
  assert.equal(registered.overrides, ['agent-browser:navigation']);
  assert.equal(await host.hooks.action.for('navigate').promise(call('navigate'), ctx), { from: 'my-nav', action: 'navigate' });
});

registry('an override returning undefined falls through to the original', async () => {
  const host = newHost();
  await host.use(provider('agent-browser:navigation', ['navigate']), { builtin: true });
  await host.use(
    provider('selective', ['navigate'], {
      override: true,
      answer: (params) => ((params as { mode?: string }).mode === 'mine' ? { from: 'selective' } : undefined),
    }),
  );
  host.seal();
  const hook = host.hooks.action.for('navigate');
  assert.equal(await hook.promise(call('navigate', { mode: 'other' }), ctx), { from: 'agent-browser:navigation', action: 'navigate' });
  assert.equal(await hook.promise(call('navigate', { mode: 'mine' }), ctx), { from: 'selective' });
});

registry('invalid action names are refused with the plugin named', async () => {
  const host = newHost();
  await host.use(provider('namer', ['namer:has space']));
  const error = thrown(() => host.seal()) as ActionError;
  assert.instance(error, ActionError);
  assert.ok(error.message.includes('"namer"'), error.message);
  assert.ok(error.message.includes('has space'), error.message);
});

registry('a plugin action without its "<plugin>:" prefix is refused at apply, naming the name to use', async () => {
  const host = newHost();
  const error = await host.use(provider('shouter', ['shout'])).then(
    () => null,
    (e: unknown) => e as ActionError,
  );
  assert.instance(error, ActionError);
  assert.is(error!.code, 'PLUGIN_FAILED');
  assert.match(error!.message, '"shouter:shout"');
});

registry('seal() records which actions each plugin registered', async () => {
  const host = newHost();
  await host.use(provider('alpha', ['alpha:two', 'alpha:one']));
  await host.use(provider('beta', ['beta:only']));
  await host.use(definePlugin({ name: 'gamma', apply() {} }));
  assert.equal(
    host.plugins.map((p) => p.actions),
    [[], [], []],
    'nothing is recorded before seal()',
  );
  host.seal();
  const byName = Object.fromEntries(host.plugins.map((p) => [p.name, p.actions]));
  assert.equal(byName, { alpha: ['alpha:one', 'alpha:two'], beta: ['beta:only'], gamma: [] });
  assert.equal(host.registry.names().sort(), ['alpha:one', 'alpha:two', 'beta:only']);
  assert.is(host.registry.get('beta:only')!.summary, 'beta:only from beta');
});

registry('afterPlugins fires once after registerActions, with every action registered, also those of plugins applied after the tapping one', async () => {
  const host = newHost();
  const seen: string[][] = [];
  await host.use(
    definePlugin({ name: 'early', apply: (api) => void api.hooks.afterPlugins.tap(api.name, (registry) => void seen.push(registry.names().sort())) }),
  );
  await host.use(provider('late', ['late:one']));
  assert.equal(seen, [], 'not before seal()');
  host.seal();
  host.seal();
  assert.equal(seen, [['late:one']]);
});

registry('an overriding plugin is credited with the action, the original is not', async () => {
  const host = newHost();
  await host.use(provider('orig', ['orig:act']));
  await host.use(provider('over', ['orig:act'], { override: true }));
  host.seal();
  const byName = Object.fromEntries(host.plugins.map((p) => [p.name, p.actions]));
  assert.equal(byName, { orig: [], over: ['orig:act'] });
});

registry('plugin records keep builtin and source', async () => {
  const host = newHost();
  await host.use(provider('agent-browser:reading', []), { builtin: true });
  await host.use(provider('ext', []), { source: '/plugins/ext/index.js' });
  assert.equal(
    host.plugins.map(({ name, builtin, source }) => ({ name, builtin, source })),
    [
      { name: 'agent-browser:reading', builtin: true, source: 'built-in' },
      { name: 'ext', builtin: false, source: '/plugins/ext/index.js' },
    ],
  );
});

registry('compareNames orders action names as localeCompare does (punctuation, digits, letters, case)', () => {
  const names = [
    'tabs',
    'tab_list',
    'tab',
    'get_url',
    'getUrl',
    'a-b',
    'a:b',
    'a_b',
    'ab',
    'x10',
    'x9',
    'Zed',
    'zed',
    'z_',
    'reader:read',
    'reader-read',
    'B2',
    'b1',
    'b',
  ];
  assert.equal(
    [...names].sort(compareNames),
    [...names].sort((a, b) => a.localeCompare(b)),
  );
});

registry.run();

// ---------------------------------------------------------------------------------------------
const plugins = suite('host: applying plugins');

plugins('options are validated by the plugin schema; invalid → error naming the plugin and field', async () => {
  const host = newHost();
  const plugin = definePlugin({
    name: 'redactor',
    options: z.object({ patterns: z.array(z.string()), mask: z.string().default('***') }),
    apply() {},
  });
  const error = (await rejection(host.use(plugin, { options: { patterns: 'secret' }, source: '/cfg/redactor.js' }))) as ActionError;
  assert.instance(error, ActionError);
  assert.is(error.code, 'PLUGIN_FAILED');
  assert.ok(error.message.includes('"redactor"'), error.message);
  assert.ok(error.message.includes('patterns'), error.message);
  assert.ok(error.message.includes('/cfg/redactor.js'), error.message);
  assert.equal(host.plugins, [], 'a rejected plugin is not recorded');
});

plugins('valid options reach apply() parsed (defaults filled in)', async () => {
  const host = newHost();
  let received: unknown;
  await host.use(
    definePlugin({
      name: 'redactor',
      options: z.object({ patterns: z.array(z.string()), mask: z.string().default('***') }),
      apply(_api, options) {
        received = options;
      },
    }),
    { options: { patterns: ['token=\\w+'] } },
  );
  assert.equal(received, { patterns: ['token=\\w+'], mask: '***' });
});

plugins('missing options are validated as {} against the schema', async () => {
  const host = newHost();
  const error = (await rejection(host.use(definePlugin({ name: 'needs-opts', options: z.object({ key: z.string() }), apply() {} })))) as ActionError;
  assert.is(error.code, 'PLUGIN_FAILED');
  assert.ok(error.message.includes('"needs-opts"') && error.message.includes('key'), error.message);
});

plugins('two plugins with the same name are refused', async () => {
  const host = newHost();
  await host.use(provider('twin', []));
  const error = (await rejection(host.use(provider('twin', []), { source: '/elsewhere/twin.js' }))) as ActionError;
  assert.instance(error, ActionError);
  assert.ok(error.message.includes('"twin"'), error.message);
  assert.ok(/unique/.test(error.message), error.message);
  assert.is(host.plugins.length, 1);
});

plugins('a plugin function gets its function name', async () => {
  const host = newHost();
  let seenName = '';
  async function screenshotStamp(api: PluginApi) {
    seenName = api.name;
    api.addAction(defineAction({ name: 'screenshotStamp:stamp', summary: 's', params: z.object({}), handler: () => ({ stamped: true }) }));
  }
  await host.use(screenshotStamp);
  host.seal();
  assert.is(seenName, 'screenshotStamp');
  assert.is(host.plugins[0]!.name, 'screenshotStamp');
  assert.is(host.registry.get('screenshotStamp:stamp')!.plugin, 'screenshotStamp');
});

plugins('an anonymous plugin function uses the fallback name, or is refused without one', async () => {
  const anonymous = [(_api: PluginApi) => {}][0]!;
  assert.is(anonymous.name, '');
  const host = newHost();
  await host.use(anonymous, { fallbackName: 'from-file' });
  assert.is(host.plugins[0]!.name, 'from-file');
  const error = (await rejection(newHost().use(anonymous))) as ActionError;
  assert.is(error.code, 'PLUGIN_FAILED');
});

plugins('something that is not a plugin is refused', async () => {
  const error = (await rejection(newHost().use({ name: 'x' } as never, { fallbackName: 'weird.js' }))) as ActionError;
  assert.is(error.code, 'PLUGIN_FAILED');
  assert.ok(error.message.includes('weird.js'), error.message);
});

plugins('an apply() that throws is reported naming the plugin', async () => {
  const error = (await rejection(
    newHost().use(
      definePlugin({
        name: 'crashy',
        async apply() {
          throw new Error('missing API key');
        },
      }),
      { source: '/p/crashy.js' },
    ),
  )) as ActionError;
  assert.is(error.code, 'PLUGIN_FAILED');
  assert.ok(error.message.includes('"crashy"') && error.message.includes('missing API key') && error.message.includes('/p/crashy.js'), error.message);
});

plugins('plugins cannot be applied after seal()', async () => {
  const host = newHost();
  host.seal();
  await rejection(host.use(provider('late', [])));
  assert.is(host.plugins.length, 0);
});

plugins('the plugin logger prefixes messages with the plugin name', async () => {
  const log = memoryLogger();
  const host = new Host(defaultConfig(), log);
  await host.use(
    definePlugin({
      name: 'chatty',
      apply(api) {
        api.log.info('hello');
        api.log.warn('careful');
      },
    }),
  );
  assert.equal(log.lines, [
    { level: 'info', message: 'applying plugin "chatty" (built-in)' },
    { level: 'info', message: '[chatty] hello' },
    { level: 'warn', message: '[chatty] careful' },
  ]);
});

plugins('an apply that never settles fails after pluginTimeout, naming the plugin and its file', async () => {
  const host = new Host({ ...defaultConfig(), pluginTimeout: 50 }, memoryLogger());
  const error = await host.use(definePlugin({ name: 'stuck', apply: () => new Promise<void>(() => undefined) }), { source: '/p/stuck.js' }).then(
    () => null,
    (problem: ActionError) => problem,
  );
  assert.is(error?.code, 'PLUGIN_FAILED');
  assert.match(error!.message, 'Plugin "stuck" (/p/stuck.js) did not finish apply within 50 ms (pluginTimeout)');
});

plugins('a third-party beforeLaunch or browserReady tap that never settles fails naming plugin and hook; a built-in one is not limited', async () => {
  const host = new Host({ ...defaultConfig(), pluginTimeout: 50 }, memoryLogger());
  await host.use(definePlugin({ name: 'slow', apply: (api) => api.hooks.browserReady.tapPromise('slow', () => new Promise<void>(() => undefined)) }), {
    source: '/p/slow.js',
  });
  const error = await host.hooks.browserReady.promise({} as never).then(
    () => null,
    (problem: Error) => problem,
  );
  assert.instance(error, HookError);
  assert.match(error!.message, 'Plugin "slow" failed in hook "browserReady": its tap did not settle within 50 ms (pluginTimeout');

  const trusting = new Host({ ...defaultConfig(), pluginTimeout: 20 }, memoryLogger());
  await trusting.use(
    definePlugin({
      name: 'core',
      apply: (api) => api.hooks.beforeLaunch.tapPromise('core', (plan) => new Promise((done) => setTimeout(() => done(plan), 80))),
    }),
    { builtin: true },
  );
  const plan = { args: [], viewport: { width: 1, height: 1 }, headless: true };
  assert.equal(await trusting.hooks.beforeLaunch.promise(plan as never), plan);
});

plugins('plugins get the config file’s folder, and resolvePath reads option paths as the config reads its own', async () => {
  const host = newHost();
  let seen: PluginApi | undefined;
  await host.use(definePlugin({ name: 'paths', apply: (api) => void (seen = api) }), { source: '/project/p.js', configDir: '/project/conf' });
  assert.is(seen!.configDir, '/project/conf');
  assert.is(seen!.resolvePath('logs/audit.log'), '/project/conf/logs/audit.log');
  assert.is(seen!.resolvePath('/var/log/a.log'), '/var/log/a.log');
  assert.is(seen!.resolvePath('~/a.log'), `${process.env.HOME}/a.log`);
});

plugins('the hooks object is frozen', () => {
  const host = newHost();
  assert.ok(Object.isFrozen(host.hooks));
  assert.throws(() => {
    (host.hooks as unknown as Record<string, unknown>).beforeAction = null;
  });
});

plugins.run();
