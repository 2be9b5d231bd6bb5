import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, CDPSession, Page, Video } from 'playwright-core';
import { classifyError } from '../browser/element-errors.js';
import type { BrowserSession } from '../browser/session.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext, Logger } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import * as params from '../protocol/params/debug.js';
import * as reading from '../protocol/params/reading.js';
import { none } from '../protocol/schemas.js';

/** How many console messages / page errors are kept (oldest dropped first). */
const LOG_LIMIT = 2000;

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

interface Recording {
  path: string;
  dir: string;
  session: BrowserSession;
  /** The window the recording runs in; null when the session's only context was recreated to record. */
  window: BrowserContext | null;
  /** The tab that was active when the recording started: active again once it stops. */
  before: Page | null;
}

interface Profile {
  cdp: CDPSession;
  events: unknown[];
}

/**
 * Debugging output: console messages and page errors of every tab, PDFs, Playwright traces,
 * WebM screen recordings (a context created with `recordVideo`) and Chrome performance profiles.
 */
export default definePlugin({
  name: 'agent-browser:debug',
  apply(host) {
    const messages: Array<{ type: string; text: string; timestamp: number }> = [];
    const errors: Array<{ message: string; timestamp: number }> = [];
    let tracing: BrowserContext | null = null;
    let recording: Recording | null = null;
    let profile: Profile | null = null;

    // Listening on the context, not on each page: Playwright sends console events only to subscribed
    // listeners, and a popup's first messages are emitted before a page listener could be attached.
    const listening = new WeakSet<BrowserContext>();
    host.hooks.page.tap(host.name, (page) => {
      const context = page.context();
      if (listening.has(context)) return;
      listening.add(context);
      context.on('console', (message) => {
        messages.push({ type: message.type(), text: message.text(), timestamp: Math.round(message.timestamp()) || Date.now() });
        if (messages.length > LOG_LIMIT) messages.shift();
      });
      context.on('weberror', (webError) => {
        errors.push({ message: webError.error().message, timestamp: Date.now() });
        if (errors.length > LOG_LIMIT) errors.shift();
      });
    });

    host.addAction(
      defineAction({
        name: 'console',
        summary: 'Console messages of every tab since it opened ({clear:true} empties the list).',
        params: reading.log,
        handler: ({ clear }) => {
          if (clear) {
            messages.length = 0;
            return { cleared: true };
          }
          return { messages: [...messages] };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'errors',
        summary: 'Uncaught page errors of every tab ({clear:true} empties the list).',
        params: reading.log,
        handler: ({ clear }) => {
          if (clear) {
            errors.length = 0;
            return { cleared: true };
          }
          return { errors: [...errors] };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'pdf',
        summary: 'Save the active tab as a PDF (headless Chromium only); format defaults to Letter.',
        params: reading.pdf,
        async handler({ path: target, format }, ctx) {
          const page = await ctx.page();
          const file = await prepareFile(target);
          try {
            await page.pdf({ path: file, format: format ?? 'Letter' });
          } catch (error) {
            const message = (error as Error).message.split('\n')[0] ?? '';
            if (/PrintToPDF is not implemented|not supported|only supported in headless/i.test(message)) {
              throw new ActionError(
                'NOT_SUPPORTED',
                `PDF export needs headless Chromium (${message}). Run 'agent-browser close' and start again without --headed.`,
                { cause: error },
              );
            }
            throw error;
          }
          return { path: file };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'trace_start',
        summary: 'Start a Playwright trace of the browser context (screenshots and DOM snapshots by default).',
        params: params.traceStart,
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
        name: 'trace_stop',
        summary: 'Stop the trace and save it as a zip (open with `npx playwright show-trace`); without a path it is discarded.',
        params: params.traceStop,
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

    const startRecording = async (ctx: ActionContext, target: string, url: string | undefined) => {
      const session = ctx.browser;
      const file = path.resolve(target);
      if (recording) {
        throw new ActionError(
          'ALREADY_STARTED',
          "Recording already in progress. Run 'record stop' first, or use 'record restart' to stop and start a new recording.",
        );
      }
      if (!/\.webm$/i.test(file))
        throw new ActionError('INVALID_PARAMS', 'Playwright native recording only supports WebM format. Please use a .webm extension.');
      if (await exists(file)) throw new ActionError('FILE_EXISTS', `Output file already exists: ${file}`);
      await session.ensure();
      await ensureFfmpeg(host.log);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-browser-video-'));
      const size = session.contextOptions.viewport ?? session.plan?.viewport ?? { width: 1280, height: 720 };
      const before = (await ctx.tab()).page;
      let opens = url;
      try {
        if (session.opensWindows) {
          // A window of its own with the session's cookies and storage, opened at the same page: the
          // tabs as they are (forms half filled, scroll positions) come back when the recording stops.
          const storageState = await before.context().storageState();
          const tab = await session.newWindow({ viewport: size, recordVideo: { dir, size }, storageState });
          recording = { path: file, dir, session, window: tab.page.context(), before };
          if (!opens && before.url() !== 'about:blank') opens = before.url();
        } else {
          await session.recreateContext({ recordVideo: { dir, size } });
          recording = { path: file, dir, session, window: null, before: null };
        }
      } catch (error) {
        // Leave the session usable: a context without video, tabs reopened.
        if (session.contextOptions.recordVideo) await session.recreateContext({ recordVideo: undefined }).catch(() => undefined);
        await fs.rm(dir, { recursive: true, force: true });
        throw error;
      }
      if (opens) {
        try {
          // Through the navigate action itself, for its error advice.
          await ctx.run('navigate', { url: opens });
        } catch (error) {
          const known = classifyError(error) as ActionError;
          const reason = known.message.replace(/[.\s]*$/, '.');
          throw new ActionError(
            known.code ?? 'NAVIGATION_FAILED',
            `Recording to ${file} started, but opening ${opens} failed: ${reason} Run 'record stop' to end the recording.`,
            { cause: error },
          );
        }
      }
      return file;
    };

    /** Ends the recording context and moves the active tab's video to the recording's path. */
    const stopRecording = async (): Promise<string | null> => {
      const current = recording;
      if (!current) return null;
      recording = null;
      const { session, window, before } = current;
      const recorded = window ?? session.context;
      const pages = recorded?.pages() ?? [];
      const active = session.tabs[session.activeIndex]?.page;
      const video: Video | null =
        (active && pages.includes(active) && active.video()) || (pages.map((p) => p.video()).find((v): v is Video => v !== null) ?? null);
      try {
        if (window) {
          await window.close();
          const back = session.tabs.find((tab) => tab.page === before);
          if (back) session.activate(back);
        } else if (session.launched) {
          await session.recreateContext({ recordVideo: undefined });
        }
        if (!video) throw new ActionError('INTERNAL', 'The recording has no video: every tab it recorded was closed.');
        await fs.mkdir(path.dirname(current.path), { recursive: true });
        await video.saveAs(current.path);
      } finally {
        await fs.rm(current.dir, { recursive: true, force: true });
      }
      return current.path;
    };

    host.addAction(
      defineAction({
        name: 'recording_start',
        summary:
          'Record to a WebM video: the active page reopens (or url opens) in a window of its own with the session’s cookies and storage; stop closes it and the tab as it was is active again.',
        params: params.recordingStart,
        async handler({ path: target, url }, ctx) {
          const file = await startRecording(ctx, target, url);
          return { started: true, path: file };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'recording_stop',
        summary: 'Stop recording and save the WebM video.',
        params: none,
        async handler() {
          const saved = await stopRecording();
          if (saved === null) return { path: '', frames: 0, error: 'No recording in progress' };
          return { path: saved, frames: 0 };
        },
      }),
    );

    // The reference's video_start/video_stop were no-ops returning a note; here they are the same recording.
    host.addAction(
      defineAction({
        name: 'video_start',
        summary: 'Record the active tab to a WebM video (same as recording_start, without a URL).',
        params: params.videoStart,
        async handler({ path: target }, ctx) {
          return { started: true, path: await startRecording(ctx, target, undefined) };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'video_stop',
        summary: 'Stop the video recording and save it.',
        params: none,
        async handler() {
          const saved = await stopRecording();
          return saved === null ? { note: 'No video recording active' } : { path: saved };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'recording_restart',
        summary: 'Stop the current recording (if any), saving it, and start a new one.',
        params: params.recordingStart,
        async handler({ path: target, url }, ctx) {
          const file = path.resolve(target);
          if (!/\.webm$/i.test(file))
            throw new ActionError('INVALID_PARAMS', 'Playwright native recording only supports WebM format. Please use a .webm extension.');
          if (await exists(file)) throw new ActionError('FILE_EXISTS', `Output file already exists: ${file}`);
          const previousPath = await stopRecording();
          await startRecording(ctx, file, url);
          return { started: true, path: file, ...(previousPath ? { previousPath } : {}), stopped: previousPath !== null };
        },
      }),
    );

    host.addAction(
      defineAction({
        name: 'profiler_start',
        summary: 'Start a Chrome performance profile (CDP tracing) of the active tab.',
        params: params.profilerStart,
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
        name: 'profiler_stop',
        summary: 'Stop the profile and save it as Chrome trace JSON ({traceEvents}); open it in DevTools’ Performance panel.',
        params: params.profilerStop,
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
      // A recording still running when the daemon stops is saved rather than lost.
      if (recording) {
        const current = recording;
        recording = null;
        const recorded = current.window ?? current.session.context;
        const video = recorded
          ?.pages()
          .map((page) => page.video())
          .find((found) => found !== null);
        try {
          await recorded?.close();
          if (video) await video.saveAs(current.path);
        } catch (error) {
          host.log.warn(`saving the recording on shutdown failed: ${(error as Error).message}`);
        }
        await fs.rm(current.dir, { recursive: true, force: true }).catch(() => undefined);
      }
      if (profile) await profile.cdp.detach().catch(() => undefined);
      profile = null;
    });
  },
});

async function prepareFile(target: string): Promise<string> {
  const file = path.resolve(target);
  await fs.mkdir(path.dirname(file), { recursive: true });
  return file;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** Where Playwright looks for the ffmpeg it encodes videos with (an internal registry lookup; null if that changes). */
function playwrightFfmpegPath(): string | null {
  try {
    type Registry = { findExecutable(name: string): { executablePath(): string | undefined } | undefined };
    const bundle = createRequire(import.meta.url)('playwright-core/lib/coreBundle') as { registry?: { registry?: Registry } };
    return bundle.registry?.registry?.findExecutable('ffmpeg')?.executablePath() ?? null;
  } catch {
    return null;
  }
}

async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      await fs.access(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Playwright records video through its own ffmpeg build, which `npx playwright install ffmpeg`
 * downloads. Where that is not installed but the system has an ffmpeg (e.g. Debian's package,
 * which has the libvpx-vp9 encoder Playwright asks for), it is linked into Playwright's place.
 */
async function ensureFfmpeg(log: Logger): Promise<void> {
  const expected = playwrightFfmpegPath();
  if (!expected || (await exists(expected))) return;
  const system = process.env.AGENT_BROWSER_FFMPEG || (await findOnPath(process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg'));
  if (!system) {
    throw new ActionError(
      'NOT_SUPPORTED',
      `Video recording needs ffmpeg: Playwright's own build is not installed (${expected}) and there is no ffmpeg on PATH. ` +
        "Run 'npx playwright install ffmpeg', or install ffmpeg with the system's package manager (e.g. apt-get install ffmpeg), then try again.",
    );
  }
  try {
    await fs.mkdir(path.dirname(expected), { recursive: true });
    await fs.symlink(system, expected);
    log.info(`linked ${system} as Playwright's ffmpeg (${expected}) for video recording`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw new ActionError(
      'NOT_SUPPORTED',
      `Video recording needs ffmpeg at ${expected}; linking ${system} there failed (${(error as Error).message}). Run 'npx playwright install ffmpeg'.`,
      { cause: error },
    );
  }
}
