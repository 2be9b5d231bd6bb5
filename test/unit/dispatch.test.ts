import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';

import { BrowserSession } from '../../src/browser/session.js';
import { defaultConfig, type AgentBrowserConfig } from '../../src/config/index.js';
import { Dispatcher } from '../../src/daemon/dispatch.js';
import { defineAction, definePlugin } from '../../src/host/define.js';
import { Host, type Plugin } from '../../src/host/host.js';
import type { ActionCall, ActionResult, Logger } from '../../src/host/types.js';
import { ActionError } from '../../src/protocol/errors.js';
import type { ErrorResponse, SuccessResponse, WireRequest, WireResponse } from '../../src/protocol/envelope.js';

// ---------------------------------------------------------------------------------------------
// helpers

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, details?: unknown) => {
    lines.push(`${level} ${message}${details instanceof Error ? ` ${details.stack}` : ''}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Built-in-like actions that never touch the browser. */
const basics = definePlugin({
  name: 'test:basics',
  apply(api) {
    api.addAction(
      defineAction({
        name: 'echo',
        summary: 'Answers with its params.',
        params: z.object({ text: z.string(), note: z.string().optional() }),
        handler: (params) => ({ echoed: params }),
      }),
    );
    api.addAction(
      defineAction({
        name: 'click',
        summary: 'Pretends to click.',
        params: z.object({ selector: z.string().min(1), button: z.enum(['left', 'right', 'middle']).optional(), clickCount: z.number().positive().optional() }),
        handler: (params) => ({ clicked: params.selector }),
      }),
    );
    api.addAction(
      defineAction({
        name: 'info',
        summary: 'Context facts.',
        params: z.object({ timeout: z.number().positive().optional() }),
        handler: (_params, ctx) => ({ session: ctx.session, timeout: ctx.timeout, callId: ctx.call.id }),
      }),
    );
    api.addAction(
      defineAction({
        name: 'fail',
        summary: 'Throws what it is told.',
        params: z.object({ kind: z.enum(['timeout', 'net', 'closed', 'plain', 'ansi', 'typed']) }),
        handler: (params) => {
          if (params.kind === 'typed') throw new ActionError('UNKNOWN_REF', 'Ref @e9 is not in the last snapshot.');
          if (params.kind === 'timeout') throw Object.assign(new Error('locator.click: Timeout 25000ms exceeded.'), { name: 'TimeoutError' });
          if (params.kind === 'net') throw new Error('page.goto: net::ERR_NAME_NOT_RESOLVED at https://nope.invalid/');
          if (params.kind === 'closed') throw new Error('page.click: Target page, context or browser has been closed');
          if (params.kind === 'ansi') throw new Error("page.waitForSelector: boom\nCall log:\n\u001b[2m  - waiting for locator('#x')\u001b[22m\n");
          throw new Error('something odd');
        },
      }),
    );
  },
});

interface Setup {
  dispatcher: Dispatcher;
  host: Host;
  log: Logger & { lines: string[] };
  config: AgentBrowserConfig;
  activity: number[];
}

async function setup(plugins: Plugin[] = [], configure: (config: AgentBrowserConfig) => void = () => {}): Promise<Setup> {
  const config = defaultConfig();
  configure(config);
  const log = memoryLogger();
  const host = new Host(config, log);
  await host.use(basics as Plugin, { builtin: true });
  for (const plugin of plugins) await host.use(plugin, { source: `/plugins/${plugin.name}.js` });
  host.seal();
  const browser = new BrowserSession({ hooks: host.hooks, config, log });
  const activity: number[] = [];
  const dispatcher = new Dispatcher({ host, browser, config, log, onActivity: (delta) => activity.push(delta) });
  return { dispatcher, host, log, config, activity };
}

function ok(response: WireResponse): SuccessResponse {
  if (!response.success) assert.unreachable(`expected success, got ${response.code}: ${response.error}`);
  return response as SuccessResponse;
}

function err(response: WireResponse): ErrorResponse {
  if (response.success) assert.unreachable(`expected failure, got ${JSON.stringify(response.data)}`);
  return response as ErrorResponse;
}

function plugin(name: string, apply: Plugin['apply']): Plugin {
  return definePlugin({ name, apply }) as Plugin;
}

// ---------------------------------------------------------------------------------------------
const envelope = suite('dispatch: response envelope');

envelope('a successful call answers {id, success: true, data}', async () => {
  const { dispatcher } = await setup();
  const response = await dispatcher.handle({ id: 'req-1', action: 'echo', text: 'hi' });
  assert.equal(response, { id: 'req-1', success: true, data: { echoed: { text: 'hi' } } });
});

envelope('a numeric id comes back as a string; a missing id is generated', async () => {
  const { dispatcher } = await setup();
  assert.is((await dispatcher.handle({ id: 42, action: 'echo', text: 'x' })).id, '42');
  const generated = await dispatcher.handle({ action: 'echo', text: 'x' });
  assert.type(generated.id, 'string');
  assert.ok(generated.id.length > 0);
  assert.ok(generated.success);
});

envelope('a failed call answers {id, success: false, error, code}', async () => {
  const { dispatcher } = await setup();
  const response = err(await dispatcher.handle({ id: 'req-2', action: 'fail', kind: 'typed' }));
  assert.equal(response, { id: 'req-2', success: false, error: 'Ref @e9 is not in the last snapshot.', code: 'UNKNOWN_REF' });
});

envelope('activity is reported around every call, also failing ones', async () => {
  const { dispatcher, activity } = await setup();
  await dispatcher.handle({ id: '1', action: 'echo', text: 'x' });
  await dispatcher.handle({ id: '2', action: 'fail', kind: 'plain' });
  await dispatcher.handle({ id: '3', action: 'nope' });
  assert.equal(activity, [1, -1, 1, -1, 1, -1]);
});

envelope('the handler context carries session, call and timeout (the call’s own timeout wins)', async () => {
  const { dispatcher } = await setup([], (config) => {
    config.session = 'ctx-test';
    config.timeout = 1234;
  });
  assert.equal(ok(await dispatcher.handle({ id: 'c1', action: 'info' })).data, { session: 'ctx-test', timeout: 1234, callId: 'c1' });
  assert.equal(ok(await dispatcher.handle({ id: 'c2', action: 'info', timeout: 50 })).data, { session: 'ctx-test', timeout: 50, callId: 'c2' });
});

envelope.run();

// ---------------------------------------------------------------------------------------------
const input = suite('dispatch: bad input');

input('a missing action is refused with INVALID_PARAMS and an example', async () => {
  const { dispatcher } = await setup();
  for (const request of [{ id: 'm1' }, { id: 'm1', action: '' }, { id: 'm1', action: 7 }] as WireRequest[]) {
    const response = err(await dispatcher.handle(request));
    assert.is(response.id, 'm1');
    assert.is(response.code, 'INVALID_PARAMS');
    assert.ok(response.error.includes('action'), response.error);
  }
});

input('an unknown action names it, suggests a close name and says how to list them', async () => {
  const { dispatcher } = await setup();
  const response = err(await dispatcher.handle({ id: 'u1', action: 'clik', selector: '#a' }));
  assert.is(response.code, 'UNKNOWN_ACTION');
  assert.ok(response.error.includes('"clik"'), response.error);
  assert.ok(response.error.includes('Did you mean "click"'), response.error);
  assert.ok(response.error.includes('actions'), response.error);
  assert.ok(/list/.test(response.error), response.error);
});

input('an unknown action with nothing close makes no suggestion', async () => {
  const { dispatcher } = await setup();
  const response = err(await dispatcher.handle({ id: 'u2', action: 'frobnicate_everything' }));
  assert.is(response.code, 'UNKNOWN_ACTION');
  assert.ok(response.error.includes('"frobnicate_everything"'), response.error);
  assert.not.ok(response.error.includes('Did you mean'), response.error);
});

input('bad params → INVALID_PARAMS naming each field and what was expected', async () => {
  const { dispatcher } = await setup();
  const response = err(await dispatcher.handle({ id: 'p1', action: 'click', selector: 5, button: 'up' }));
  assert.is(response.code, 'INVALID_PARAMS');
  assert.ok(response.error.includes('"click"'), response.error);
  assert.ok(response.error.includes('selector: expected string, got number'), response.error);
  assert.ok(response.error.includes('button: expected one of "left", "right", "middle"'), response.error);
  const missing = err(await dispatcher.handle({ id: 'p2', action: 'click' }));
  assert.ok(missing.error.includes('selector: required'), missing.error);
});

input('null optional params count as absent', async () => {
  const { dispatcher } = await setup();
  const response = ok(await dispatcher.handle({ id: 'n1', action: 'click', selector: '#a', button: null, clickCount: null }));
  assert.equal(response.data, { clicked: '#a' });
  const echo = ok(await dispatcher.handle({ id: 'n2', action: 'echo', text: 'x', note: null }));
  assert.equal(echo.data, { echoed: { text: 'x' } });
});

input('unknown fields are dropped before the handler sees them', async () => {
  const { dispatcher } = await setup();
  const response = ok(await dispatcher.handle({ id: 'x1', action: 'echo', text: 'x', extra: 'ignored' }));
  assert.equal(response.data, { echoed: { text: 'x' } });
});

input('"changes" is the request\'s field, except for an action whose own schema has one: its param is passed to it, not taken', async () => {
  const owner = plugin('owner', (api) => {
    api.addAction(
      defineAction({
        name: 'owner:apply',
        summary: 'Applies changes.',
        params: z.strictObject({ changes: z.array(z.string()) }),
        handler: (params) => ({ applied: params.changes }),
      }),
    );
    api.addAction(defineAction({ name: 'owner:poke', summary: 'Pokes.', params: z.strictObject({}), handler: () => ({ poked: true }) }));
  });
  const { dispatcher } = await setup([owner as Plugin]);
  assert.equal(ok(await dispatcher.handle({ id: 'c1', action: 'owner:apply', changes: ['a', 'b'] })).data, { applied: ['a', 'b'] });
  // An action without such a param takes the request field (no browser runs here, so no report), and a wrong value is refused.
  assert.equal(ok(await dispatcher.handle({ id: 'c2', action: 'owner:poke', changes: true })).data, { poked: true });
  assert.is(err(await dispatcher.handle({ id: 'c3', action: 'owner:poke', changes: 'yes' })).code, 'INVALID_PARAMS');
});

input.run();

// ---------------------------------------------------------------------------------------------
const hooks = suite('dispatch: hooks around actions');

hooks('beforeAction can rewrite a call to another action', async () => {
  const rewriter = plugin('aliases', (api) => {
    api.hooks.beforeAction.tap(api.name, (call) => (call.action === 'say' ? { ...call, action: 'echo', params: { text: String(call.params.words) } } : call));
  });
  const { dispatcher } = await setup([rewriter]);
  const response = await dispatcher.handle({ id: 'r1', action: 'say', words: 'hello' });
  assert.equal(response, { id: 'r1', success: true, data: { echoed: { text: 'hello' } } });
});

hooks('a rewritten call is validated against the new action', async () => {
  const rewriter = plugin('bad-rewriter', (api) => {
    api.hooks.beforeAction.tap(api.name, (call) => ({ ...call, action: 'click', params: {} }));
  });
  const { dispatcher } = await setup([rewriter]);
  const response = err(await dispatcher.handle({ id: 'r2', action: 'echo', text: 'x' }));
  assert.is(response.code, 'INVALID_PARAMS');
  assert.ok(response.error.includes('selector'), response.error);
});

hooks('beforeAction vetoes with an ActionError whose code comes through', async () => {
  let handled = false;
  const guard = plugin('domain-guard', (api) => {
    api.hooks.beforeAction.tapPromise(api.name, async (call) => {
      if (call.action === 'echo' && call.params.text === 'forbidden')
        throw new ActionError('NAVIGATION_BLOCKED', 'Navigation blocked: forbidden is not on the allow list.');
      return call;
    });
    api.hooks.afterAction.tap(api.name, (result) => {
      handled = true;
      return result;
    });
  });
  const { dispatcher } = await setup([guard]);
  const response = err(await dispatcher.handle({ id: 'v1', action: 'echo', text: 'forbidden' }));
  assert.equal(response, { id: 'v1', success: false, error: 'Navigation blocked: forbidden is not on the allow list.', code: 'NAVIGATION_BLOCKED' });
  assert.is(handled, false, 'the action did not run');
  ok(await dispatcher.handle({ id: 'v2', action: 'echo', text: 'fine' }));
});

hooks('afterAction transforms the result', async () => {
  const redactor = plugin('redactor', (api) => {
    api.hooks.afterAction.tap(api.name, (result, call) => ({ ...result, redactedFor: call.action }));
  });
  const { dispatcher } = await setup([redactor]);
  const response = ok(await dispatcher.handle({ id: 'a1', action: 'echo', text: 'x' }));
  assert.equal(response.data, { echoed: { text: 'x' }, redactedFor: 'echo' });
});

hooks('actionFailed observers are called with the call and the error', async () => {
  const seen: Array<{ call: ActionCall; error: Error }> = [];
  const observer = plugin('metrics', (api) => {
    api.hooks.actionFailed.tap(api.name, (call, error) => {
      seen.push({ call, error });
    });
  });
  const { dispatcher } = await setup([observer]);
  await dispatcher.handle({ id: 'f1', action: 'fail', kind: 'typed' });
  await dispatcher.handle({ id: 'f2', action: 'echo', text: 'ok' });
  assert.is(seen.length, 1);
  assert.is(seen[0]!.call.id, 'f1');
  assert.is(seen[0]!.call.action, 'fail');
  assert.instance(seen[0]!.error, ActionError);
  assert.is((seen[0]!.error as ActionError).code, 'UNKNOWN_REF');
});

hooks('actionFailed also sees unknown actions and invalid params', async () => {
  const codes: string[] = [];
  const observer = plugin('metrics', (api) => {
    api.hooks.actionFailed.tap(api.name, (_call, error) => {
      codes.push((error as ActionError).code);
    });
  });
  const { dispatcher } = await setup([observer]);
  await dispatcher.handle({ id: '1', action: 'nope' });
  await dispatcher.handle({ id: '2', action: 'click' });
  assert.equal(codes, ['UNKNOWN_ACTION', 'INVALID_PARAMS']);
});

hooks('an actionFailed observer that throws does not change the answer', async () => {
  const observer = plugin('clumsy-observer', (api) => {
    api.hooks.actionFailed.tap(api.name, () => {
      throw new Error('observer bug');
    });
  });
  const { dispatcher, log } = await setup([observer]);
  const response = err(await dispatcher.handle({ id: 'o1', action: 'fail', kind: 'typed' }));
  assert.is(response.code, 'UNKNOWN_REF');
  assert.ok(
    log.lines.some((line) => line.startsWith('warn') && line.includes('observer bug')),
    log.lines.join('\n'),
  );
});

hooks('afterError taps replace the error answer (message and code); actionFailed observers see the replacement', async () => {
  const seen: string[] = [];
  const masker = plugin('masker', (api) => {
    api.hooks.afterError.tap(api.name, (error, call) =>
      call.action === 'fail' ? new ActionError('ELEMENT_NOT_FOUND', error.message.replace(/\S+@\S+/g, '[email]')) : error,
    );
    api.hooks.actionFailed.tap(api.name, (_call, error) => void seen.push(error.message));
  });
  const { dispatcher } = await setup([masker]);
  const failing = plugin('leaky', (api) => {
    api.addAction({
      name: 'leaky:fail',
      summary: 'Throws with an address.',
      params: z.object({}),
      handler: () => Promise.reject(new ActionError('TIMEOUT', 'Timed out waiting for ada@example.com')),
    });
  });
  const second = await setup([failing, masker]);
  const masked = err(await second.dispatcher.handle({ id: 'm1', action: 'leaky:fail' }));
  assert.is(masked.code, 'TIMEOUT', 'only calls the tap chooses are replaced');
  assert.is(masked.error, 'Timed out waiting for ada@example.com');
  const replaced = err(await dispatcher.handle({ id: 'm2', action: 'fail', kind: 'typed' }));
  assert.is(replaced.code, 'ELEMENT_NOT_FOUND');
  assert.is(replaced.id, 'm2');
  assert.is(seen.at(-1), replaced.error);
});

hooks('an afterError tap that throws answers PLUGIN_FAILED naming it, instead of the original error', async () => {
  const broken = plugin('broken-masker', (api) => {
    api.hooks.afterError.tap(api.name, () => {
      throw new Error('masker bug');
    });
  });
  const { dispatcher } = await setup([broken]);
  const response = err(await dispatcher.handle({ id: 'b1', action: 'nope' }));
  assert.is(response.code, 'PLUGIN_FAILED');
  assert.match(response.error, '"broken-masker"');
  assert.match(response.error, 'afterError');
});

hooks('a throwing third-party action → PLUGIN_FAILED naming plugin and action; the dispatcher keeps working', async () => {
  const flaky = plugin('flaky', (api) => {
    api.addAction(
      defineAction({
        name: 'flaky:go',
        summary: 'Always throws.',
        params: z.object({}),
        handler: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        },
      }),
    );
  });
  const { dispatcher, log } = await setup([flaky]);
  const response = err(await dispatcher.handle({ id: 't1', action: 'flaky:go' }));
  assert.is(response.code, 'PLUGIN_FAILED');
  const logged = log.lines.find((line) => line.startsWith('warn') && line.includes('"flaky"'));
  assert.ok(logged?.includes('dispatch.test.ts'), `the session log has the plugin's stack: ${log.lines.join('\n')}`);
  assert.ok(response.error.includes('"flaky"'), response.error);
  assert.ok(response.error.includes('action:flaky:go'), response.error);
  assert.ok(response.error.includes("Cannot read properties of undefined (reading 'x')"), response.error);
  assert.equal(await dispatcher.handle({ id: 't2', action: 'echo', text: 'still here' }), {
    id: 't2',
    success: true,
    data: { echoed: { text: 'still here' } },
  });
  assert.is(err(await dispatcher.handle({ id: 't3', action: 'flaky:go' })).code, 'PLUGIN_FAILED');
});

hooks('a throwing third-party beforeAction tap → PLUGIN_FAILED naming beforeAction', async () => {
  const broken = plugin('broken-before', (api) => {
    api.hooks.beforeAction.tapPromise(api.name, async () => {
      throw new Error('config missing');
    });
  });
  const { dispatcher } = await setup([broken]);
  const response = err(await dispatcher.handle({ id: 'b1', action: 'echo', text: 'x' }));
  assert.is(response.code, 'PLUGIN_FAILED');
  assert.ok(response.error.includes('"broken-before"') && response.error.includes('beforeAction'), response.error);
});

hooks('when every tap returns undefined the answer is INTERNAL, naming the action', async () => {
  const silent = plugin('silent', (api) => {
    api.addAction(
      defineAction({
        name: 'silent:nothing',
        summary: 'Returns nothing.',
        params: z.object({}),
        handler: () => undefined as unknown as ActionResult,
      }),
    );
  });
  const { dispatcher } = await setup([silent]);
  const response = err(await dispatcher.handle({ id: 'i1', action: 'silent:nothing' }));
  assert.is(response.code, 'INTERNAL');
  assert.ok(response.error.includes('silent:nothing'), response.error);
});

hooks('an override answering undefined falls through to the original action', async () => {
  const wrapper = plugin('echo-wrapper', (api) => {
    api.addAction(
      defineAction({
        name: 'echo',
        summary: 'Shouts sometimes.',
        params: z.object({ text: z.string() }),
        override: true,
        handler: (params) => (params.text === 'shout' ? { echoed: 'SHOUT' } : (undefined as unknown as ActionResult)),
      }),
    );
  });
  const { dispatcher } = await setup([wrapper]);
  assert.equal(ok(await dispatcher.handle({ id: 'w1', action: 'echo', text: 'shout' })).data, { echoed: 'SHOUT' });
  assert.equal(ok(await dispatcher.handle({ id: 'w2', action: 'echo', text: 'calm' })).data, { echoed: { text: 'calm' } });
});

hooks.run();

// ---------------------------------------------------------------------------------------------
const classify = suite('dispatch: errors of built-in actions get stable codes');

classify('Playwright-style errors are classified; messages carry no ANSI codes', async () => {
  const { dispatcher } = await setup();
  const expected: Record<string, string> = { timeout: 'TIMEOUT', net: 'NAVIGATION_FAILED', closed: 'BROWSER_CLOSED', plain: 'INTERNAL', ansi: 'INTERNAL' };
  for (const [kind, code] of Object.entries(expected)) {
    const response = err(await dispatcher.handle({ id: kind, action: 'fail', kind }));
    assert.is(response.code, code, kind);
    assert.not.ok(response.error.includes('\u001b'), `${kind}: ${JSON.stringify(response.error)}`);
  }
  const ansi = err(await dispatcher.handle({ id: 'ansi', action: 'fail', kind: 'ansi' }));
  assert.ok(ansi.error.includes("waiting for locator('#x')"), ansi.error);
});

classify('file-system errors name the path: FILE_NOT_FOUND for a missing one, FILE_ERROR otherwise', async () => {
  const { classifyError } = await import('../../src/browser/element-errors.js');
  const fsError = (code: string, syscall: string, file: string) =>
    Object.assign(new Error(`${code}: failure, ${syscall} '${file}'`), { code, syscall, path: file });
  const missing = classifyError(fsError('ENOENT', 'open', '/nope/a.png')) as ActionError;
  assert.is(missing.code, 'FILE_NOT_FOUND');
  assert.match(missing.message, 'open /nope/a.png');
  const tooLong = classifyError(fsError('ENAMETOOLONG', 'open', `/tmp/${'x'.repeat(300)}`)) as ActionError;
  assert.is(tooLong.code, 'FILE_ERROR');
  assert.match(tooLong.message, 'ENAMETOOLONG');
  assert.ok(tooLong.message.length < 600, tooLong.message);
});

classify.run();
