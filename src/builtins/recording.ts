import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, Video } from 'playwright-core';
import { classifyError } from '../browser/element-errors.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { SessionBrowser } from '../host/session-browser.js';
import type { ActionContext, Logger } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/recording.js';

interface Recording {
  path: string;
  dir: string;
  session: SessionBrowser;
  /** The window the recording runs in; null when the session's only context was recreated to record. */
  window: BrowserContext | null;
  /** The tab that was active when the recording started: active again once it stops. */
  before: Page | null;
}

/** WebM screen recordings: a window of its own created with `recordVideo`, encoded by ffmpeg. */
export default definePlugin({
  name: 'agent-browser:recording',
  apply(host) {
    let recording: Recording | null = null;

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
        ...contracts.recording_start,
        async handler({ path: target, url }, ctx) {
          const file = await startRecording(ctx, target, url);
          return { started: true, path: file };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.recording_stop,
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
        ...contracts.video_start,
        async handler({ path: target }, ctx) {
          return { started: true, path: await startRecording(ctx, target, undefined) };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.video_stop,
        async handler() {
          const saved = await stopRecording();
          return saved === null ? { note: 'No video recording active' } : { path: saved };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.recording_restart,
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
    });
  },
});

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
