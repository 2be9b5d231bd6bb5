import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import { ActionError } from '../protocol/errors.js';
import { prepareFile } from './common.js';
import * as contracts from '../protocol/actions/tracing.js';

/** Chrome trace categories the profiler records when none are given (DevTools' Performance panel set). */
const DEFAULT_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-devtools.timeline.stack',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'latencyInfo',
  'toplevel',
];

interface Profile {
  cdp: CDPSession;
  events: unknown[];
}

/** Playwright traces of the browser context, and Chrome performance profiles (CDP tracing) of a tab. */
export default definePlugin({
  name: 'agent-browser:tracing',
  apply(host) {
    let tracing: BrowserContext | null = null;
    let profile: Profile | null = null;

    host.addAction(
      defineAction({
        ...contracts.trace_start,
        async handler({ screenshots, snapshots }, ctx) {
          await ctx.browser.ensure();
          const context = ctx.browser.context!;
          if (tracing === context) throw new ActionError('ALREADY_STARTED', "A trace is already being recorded. Run 'trace stop <path>' first.");
          await context.tracing.start({ screenshots: screenshots ?? true, snapshots: snapshots ?? true });
          tracing = context;
          return { started: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.trace_stop,
        async handler({ path: target }, ctx) {
          const context = tracing;
          tracing = null;
          if (!context || context !== ctx.browser.context) {
            const why = context ? ' (the browser context was replaced since it started, which ended it)' : '';
            throw new ActionError('NOT_STARTED', `No trace is being recorded${why}. Run 'trace start' first.`);
          }
          if (!target) {
            await context.tracing.stop();
            return { traceStopped: true };
          }
          const file = await prepareFile(target);
          await context.tracing.stop({ path: file });
          return { path: file };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.profiler_start,
        async handler({ categories }, ctx) {
          if (profile) throw new ActionError('ALREADY_STARTED', "A profile is already being recorded. Run 'profiler stop [path]' first.");
          const page: Page = await ctx.page();
          const cdp = await page.context().newCDPSession(page);
          const events: unknown[] = [];
          cdp.on('Tracing.dataCollected', (data) => {
            events.push(...(data.value as unknown[]));
          });
          try {
            await cdp.send('Tracing.start', {
              transferMode: 'ReportEvents',
              traceConfig: { recordMode: 'recordContinuously', includedCategories: categories && categories.length > 0 ? categories : DEFAULT_CATEGORIES },
            });
          } catch (error) {
            await cdp.detach().catch(() => undefined);
            throw error;
          }
          profile = { cdp, events };
          return { started: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.profiler_stop,
        async handler({ path: target }, ctx) {
          const current = profile;
          if (!current) throw new ActionError('NOT_STARTED', "No profile is being recorded. Run 'profiler start' first.");
          profile = null;
          const file = await prepareFile(
            target ??
              path.join(
                os.tmpdir(),
                'agent-browser',
                'profiles',
                `profile-${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(16).slice(2, 8)}.json`,
              ),
          );
          try {
            const complete = new Promise<void>((resolve, reject) => {
              const timer = setTimeout(
                () => reject(new ActionError('TIMEOUT', 'Chrome did not finish writing the profile in time.')),
                Math.max(ctx.timeout, 10_000),
              );
              current.cdp.once('Tracing.tracingComplete', () => {
                clearTimeout(timer);
                resolve();
              });
            });
            await current.cdp.send('Tracing.end');
            await complete;
          } catch (error) {
            if (/has been closed|Target closed|detached/i.test((error as Error).message)) {
              throw new ActionError('NOT_STARTED', "The tab being profiled was closed, which ended the profile. Run 'profiler start' again.", { cause: error });
            }
            throw error;
          } finally {
            await current.cdp.detach().catch(() => undefined);
          }
          await fs.writeFile(file, JSON.stringify({ traceEvents: current.events, metadata: { source: 'agent-browser', 'trace-config': '' } }));
          return { path: file, eventCount: current.events.length };
        },
      }),
    );

    host.hooks.shutdown.tapPromise(host.name, async () => {
      if (profile) await profile.cdp.detach().catch(() => undefined);
      profile = null;
    });
  },
});
