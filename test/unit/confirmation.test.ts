// The confirmation gate on the real host and dispatcher, with actions that need no browser: what a
// gated call answers, that it does not run until `confirm`, that `confirm` runs it through the
// whole pipeline (beforeAction included), `deny`, the 60 s expiry, and the category table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { BrowserSession } from '../../src/browser/session.js';
import confirmation, { CONFIRMATION_TTL_MS } from '../../src/builtins/confirmation.js';
import { defaultConfig, loadConfig } from '../../src/config/index.js';
import { Dispatcher } from '../../src/daemon/dispatch.js';
import { builtinActions } from '../../src/docs/action-table.js';
import { defineAction, definePlugin } from '../../src/host/define.js';
import { Host, type Plugin } from '../../src/host/host.js';
import type { Logger } from '../../src/host/types.js';
import {
  ACTION_CATEGORIES,
  actionCategory,
  describeAction,
  INTERNAL_CATEGORY,
  needsConfirmation,
  UNKNOWN_CATEGORY,
} from '../../src/protocol/action-categories.js';
import type { WireResponse } from '../../src/protocol/envelope.js';
import { ActionError } from '../../src/protocol/errors.js';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Probe {
  dispatcher: Dispatcher;
  /** Every call beforeAction saw: `action` or `action<parent`. */
  seen: string[];
  /** What ran: `click #x`, `probe:act`. */
  ran: string[];
  /** When set, beforeAction refuses clicks. */
  veto: { clicks: boolean };
}

async function setup(confirmActions: string[]): Promise<Probe> {
  const seen: string[] = [];
  const ran: string[] = [];
  const veto = { clicks: false };
  const fakes = definePlugin({
    name: 'test:fakes',
    apply(api) {
      api.addAction(
        defineAction({
          name: 'click',
          summary: 'Pretends to click.',
          params: z.object({ selector: z.string().min(1) }),
          handler: ({ selector }) => (ran.push(`click ${selector}`), { clicked: true }),
        }),
      );
      api.addAction(
        defineAction({
          name: 'dblclick',
          summary: 'Pretends to double-click.',
          params: z.object({ selector: z.string().min(1) }),
          handler: () => ({ clicked: true }),
        }),
      );
      api.addAction(
        defineAction({
          name: 'fill',
          summary: 'Pretends to fill.',
          params: z.object({ selector: z.string().min(1), value: z.string() }),
          handler: () => ({ filled: true }),
        }),
      );
      api.addAction(defineAction({ name: 'tab_list', summary: 'Internal.', params: z.object({}), handler: () => ({ tabs: [] }) }));
    },
  });
  const probe = definePlugin({
    name: 'probe',
    apply(api) {
      api.hooks.beforeAction.tap('probe', (call) => {
        seen.push(call.parent ? `${call.action}<${call.parent.action}` : call.action);
        if (veto.clicks && call.action === 'click') throw new ActionError('NAVIGATION_BLOCKED', 'clicks are off');
        return call;
      });
      api.addAction(
        defineAction({ name: 'probe:act', summary: 'A plugin action.', params: z.object({}), handler: () => (ran.push('probe:act'), { acted: true }) }),
      );
      api.addAction(
        defineAction({
          name: 'probe:clicks',
          summary: 'Clicks through ctx.run.',
          params: z.object({}),
          handler: (_p, ctx) => ctx.run('click', { selector: '#nested' }),
        }),
      );
    },
  });
  const config = { ...defaultConfig(), confirmActions };
  const host = new Host(config, silent);
  await host.use(fakes as Plugin, { builtin: true });
  await host.use(confirmation as Plugin, { builtin: true });
  await host.use(probe as Plugin, { source: '/plugins/probe.js' });
  host.seal();
  const browser = new BrowserSession({ hooks: host.hooks, config, log: silent });
  return { dispatcher: new Dispatcher({ host, browser, config, log: silent }), seen, ran, veto };
}

let counter = 0;
async function data(p: Probe, request: Record<string, unknown>): Promise<Record<string, any>> {
  const answer: WireResponse = await p.dispatcher.handle({ id: `u${++counter}`, ...request });
  if (!answer.success) assert.unreachable(`${JSON.stringify(request)} failed: ${answer.error}`);
  return (answer as { data: Record<string, any> }).data;
}
async function failure(p: Probe, request: Record<string, unknown>): Promise<{ error: string; code: string }> {
  const answer = await p.dispatcher.handle({ id: `u${++counter}`, ...request });
  if (answer.success) assert.unreachable(`${JSON.stringify(request)} should fail, answered ${JSON.stringify(answer.data)}`);
  return answer as { error: string; code: string };
}

// ---------------------------------------------------------------------------------------------
const gate = suite('confirmation gate');

gate('a gated call answers {confirmation_required, action, category, description, confirmation_id} and does not run', async () => {
  const p = await setup(['click']);
  const held = await data(p, { action: 'click', selector: '#go' });
  assert.equal(Object.keys(held).sort(), ['action', 'category', 'confirmation_id', 'confirmation_required', 'description']);
  assert.is(held.confirmation_required, true);
  assert.is(held.action, 'click');
  assert.is(held.category, 'click');
  assert.is(held.description, 'Click #go');
  assert.match(held.confirmation_id, /^c_[0-9a-f]{16}$/);
  assert.equal(p.ran, []);
  assert.equal(await data(p, { action: 'dblclick', selector: '#go' }).then((d) => d.category), 'click', 'the category covers dblclick');
  assert.equal(await data(p, { action: 'fill', selector: '#x', value: 'v' }), { filled: true }, 'other categories run');
  assert.equal(await data(p, { action: 'tab_list' }), { tabs: [] });
});

gate('confirm runs the held call through beforeAction again and answers what it answers; an id works once', async () => {
  const p = await setup(['click']);
  const { confirmation_id: id } = await data(p, { action: 'click', selector: '#go' });
  assert.equal(await data(p, { action: 'confirm', confirmationId: id }), { clicked: true });
  assert.equal(p.ran, ['click #go']);
  assert.equal(p.seen, ['click', 'confirm', 'click<confirm']);
  const again = await failure(p, { action: 'confirm', confirmationId: id });
  assert.is(again.code, 'INVALID_PARAMS');
  assert.match(again.error, new RegExp(`^No pending confirmation with id '${id}'`));
});

gate('a beforeAction veto still applies when the call is confirmed', async () => {
  const p = await setup(['click']);
  const { confirmation_id: id } = await data(p, { action: 'click', selector: '#go' });
  p.veto.clicks = true;
  const refused = await failure(p, { action: 'confirm', confirmationId: id });
  assert.equal([refused.code, refused.error], ['NAVIGATION_BLOCKED', 'clicks are off']);
  assert.equal(p.ran, []);
});

gate('deny drops the call: {denied: true}, it never runs, and its id is gone', async () => {
  const p = await setup(['click']);
  const { confirmation_id: id } = await data(p, { action: 'click', selector: '#go' });
  assert.equal(await data(p, { action: 'deny', confirmationId: id }), { denied: true });
  assert.match((await failure(p, { action: 'confirm', confirmationId: id })).error, /^No pending confirmation with id/);
  assert.match((await failure(p, { action: 'deny', confirmationId: 'c_unknown' })).error, /^No pending confirmation with id 'c_unknown'/);
  assert.equal(p.ran, []);
});

gate(`a held call expires after ${CONFIRMATION_TTL_MS} ms`, async () => {
  const p = await setup(['click']);
  const realSetTimeout = globalThis.setTimeout;
  const expiries: Array<() => void> = [];
  globalThis.setTimeout = ((fn: () => void, ms?: number) => {
    if (ms === CONFIRMATION_TTL_MS) expiries.push(fn);
    return realSetTimeout(() => undefined, 0);
  }) as typeof setTimeout;
  let id: string;
  try {
    id = (await data(p, { action: 'click', selector: '#go' })).confirmation_id;
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  assert.is(CONFIRMATION_TTL_MS, 60_000);
  assert.is(expiries.length, 1, 'one expiry timer of 60 s per held call');
  expiries[0]!();
  assert.match((await failure(p, { action: 'confirm', confirmationId: id })).error, new RegExp(`^No pending confirmation with id '${id}'`));
  assert.equal(p.ran, []);
});

gate('invalid params are refused at once, not held; calls made through ctx.run are not gated again', async () => {
  const p = await setup(['click']);
  assert.is((await failure(p, { action: 'click' })).code, 'INVALID_PARAMS');
  assert.equal(await data(p, { action: 'probe:clicks' }), { clicked: true }, 'the nested click ran');
  assert.equal(p.ran, ['click #nested']);
});

gate('plugin actions are gated by name', async () => {
  const p = await setup(['probe:act']);
  const held = await data(p, { action: 'probe:act' });
  assert.equal([held.action, held.category, held.description], ['probe:act', UNKNOWN_CATEGORY, 'unknown: probe:act']);
  assert.equal(p.ran, []);
  assert.equal(await data(p, { action: 'confirm', confirmationId: held.confirmation_id }), { acted: true });
  assert.equal(await data(p, { action: 'click', selector: '#x' }), { clicked: true }, 'click is not in the list');
});

gate('no confirmActions: nothing is gated', async () => {
  const p = await setup([]);
  assert.equal(await data(p, { action: 'click', selector: '#x' }), { clicked: true });
});

gate('confirmActions from the environment: trimmed, lower-cased, deduplicated; a typo is refused with the closest category', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ab-confirm-config-'));
  const load = (value: string) => loadConfig({ cwd: dir, env: { XDG_CONFIG_HOME: dir, AGENT_BROWSER_CONFIRM_ACTIONS: value } });
  const fromEnv = await load(' Click, eval ,myplugin:submit,click');
  assert.equal(fromEnv.config.confirmActions, ['click', 'eval', 'myplugin:submit']);
  assert.equal(fromEnv.sources.confirmActions, { kind: 'env', name: 'AGENT_BROWSER_CONFIRM_ACTIONS' });
  const refused = await load('navigat').catch((error: Error) => error);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.instance(refused, Error);
  assert.match(
    (refused as Error).message,
    /AGENT_BROWSER_CONFIRM_ACTIONS\[0\]: unknown action category "navigat" \(did you mean "navigate"\?\); categories: click, download, eval/,
  );
});

// ---------------------------------------------------------------------------------------------
const table = suite('action categories');

table('every built-in action has a category (a new action must be placed in the table)', async () => {
  const missing = (await builtinActions()).map((action) => action.name).filter((name) => actionCategory(name) === UNKNOWN_CATEGORY);
  assert.equal(missing, []);
});

table('the categories and what they gate are those of the reference policy', () => {
  assert.equal(
    [...ACTION_CATEGORIES],
    ['click', 'download', 'eval', 'fill', 'get', 'interact', 'navigate', 'network', 'scroll', 'snapshot', 'state', 'upload', 'wait'],
  );
  assert.equal(['navigate', 'dblclick', 'keyboard', 'setcontent', 'pdf', 'getbyrole', 'credentials', 'dispatch'].map(actionCategory), [
    'navigate',
    'click',
    'fill',
    'eval',
    'snapshot',
    'get',
    'state',
    'interact',
  ]);
  for (const internal of ['confirm', 'deny', 'auth_login', 'auth_save', 'close', 'status']) {
    assert.is(actionCategory(internal), INTERNAL_CATEGORY);
    assert.not.ok(needsConfirmation(internal, new Set([INTERNAL_CATEGORY, internal])), `${internal} is never gated`);
  }
  assert.ok(needsConfirmation('evaluate', new Set(['eval'])));
  assert.ok(needsConfirmation('dblclick', new Set(['dblclick'])), 'a single action by name');
  assert.is(describeAction('navigate', { url: 'https://x.test/' }), 'Navigate to https://x.test/');
  assert.is(describeAction('evaluate', { script: 'x'.repeat(100) }), `Evaluate JavaScript: ${'x'.repeat(80)}`);
  assert.is(describeAction('scroll', {}), 'scroll: scroll');
});

gate.run();
table.run();
