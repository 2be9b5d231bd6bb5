import type { CDPSession, Page } from 'playwright-core';
import type { Logger } from '../host/types.js';
import { pageSession } from './page-session.js';
import type { BrowserSession } from './session.js';

/** Where a frame sits in the page (CDP `Page.ScreencastFrameMetadata`); sizes in CSS pixels, timestamp in seconds. */
export interface FrameMetadata {
  offsetTop: number;
  pageScaleFactor: number;
  deviceWidth: number;
  deviceHeight: number;
  scrollOffsetX: number;
  scrollOffsetY: number;
  timestamp: number;
}

/** One picture of the page: base64 image data and where it sits. */
export interface ScreencastFrame {
  data: string;
  metadata: FrameMetadata;
}

/** `Page.startScreencast` parameters (reference §2.12 `screencast_start`). */
export interface ScreencastOptions {
  format: 'jpeg' | 'png';
  quality: number;
  maxWidth: number;
  maxHeight: number;
  everyNthFrame: number;
}

export const DEFAULT_SCREENCAST: Readonly<ScreencastOptions> = Object.freeze({ format: 'jpeg', quality: 80, maxWidth: 1280, maxHeight: 720, everyNthFrame: 1 });

type FrameEvent = { data: string; sessionId: number; metadata: Partial<FrameMetadata> };

/**
 * A tab that was just opened (the first one of a launch) can refuse `Page.startScreencast` with
 * "Not attached to an active page" until its first document commits, and nothing else would move
 * the screencast later: it is started again after `START_RETRY_MS`, up to `START_RETRIES` times.
 */
const START_RETRY_MS = 100;
const START_RETRIES = 30;

interface Casting {
  page: Page;
  session: CDPSession;
  options: Readonly<ScreencastOptions>;
  onFrame: (event: FrameEvent) => void;
}

/**
 * The active tab as a stream of frames (CDP `Page.startScreencast`), every frame acknowledged so
 * Chromium sends the next. While started it follows the active tab: a tab switch, a popup, a closed
 * tab or a relaunched browser moves it to whichever tab is active then. It never launches the
 * browser; it starts on the first tab once one exists.
 */
export class Screencast {
  private wanted: Readonly<ScreencastOptions> | null = null;
  private casting: Casting | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /** Failed starts in a row on the same page; retried while fewer than `START_RETRIES`. */
  private failedStarts = 0;

  constructor(
    private readonly browser: BrowserSession,
    private readonly listener: {
      frame(frame: ScreencastFrame): void;
      /** The screencast started, stopped or moved to another tab. */
      changed(): void;
    },
    private readonly log: Logger,
  ) {
    this.unsubscribe = browser.onTabsChange(() => void this.follow());
  }

  /** True while a page sends frames. */
  get running(): boolean {
    return this.casting !== null;
  }

  /** The page frames come from, if any. */
  get page(): Page | null {
    return this.casting?.page ?? null;
  }

  /** Starts casting the active tab (again, when `options` differ from the running ones). */
  start(options: Readonly<ScreencastOptions> = DEFAULT_SCREENCAST): Promise<void> {
    this.wanted = options;
    return this.follow();
  }

  stop(): Promise<void> {
    this.wanted = null;
    return this.follow();
  }

  /** Stops and no longer follows the tabs. */
  dispose(): Promise<void> {
    this.unsubscribe();
    return this.stop();
  }

  /** Moves the screencast to where it should be now; one move at a time, in order. */
  private follow(): Promise<void> {
    this.queue = this.queue.then(() => this.move()).catch((error: Error) => this.log.warn(`screencast: ${error.message}`));
    return this.queue;
  }

  private targetPage(): Page | null {
    if (!this.wanted || !this.browser.launched) return null;
    const page = this.browser.tabs[this.browser.activeIndex]?.page;
    return page && !page.isClosed() ? page : null;
  }

  private async move(): Promise<void> {
    const page = this.targetPage();
    const previous = this.casting;
    if (previous?.page === page && previous?.options === this.wanted) return;
    if (previous) {
      this.casting = null;
      previous.session.off('Page.screencastFrame', previous.onFrame);
      if (!previous.page.isClosed()) await previous.session.send('Page.stopScreencast').catch(() => undefined);
    }
    try {
      if (page && this.wanted) await this.cast(page, this.wanted);
      this.failedStarts = 0;
    } catch (error) {
      if (page && !page.isClosed() && ++this.failedStarts < START_RETRIES) {
        setTimeout(() => void this.follow(), START_RETRY_MS).unref();
        this.log.debug(`screencast: ${(error as Error).message}; starting again in ${START_RETRY_MS} ms`);
        return;
      }
      this.failedStarts = 0;
      throw error;
    } finally {
      if (previous?.page !== this.casting?.page) this.listener.changed();
    }
  }

  private async cast(page: Page, options: Readonly<ScreencastOptions>): Promise<void> {
    const session = await pageSession(page);
    const onFrame = (event: FrameEvent) => {
      void session.send('Page.screencastFrameAck', { sessionId: event.sessionId }).catch(() => undefined);
      if (this.casting?.session === session) this.listener.frame({ data: event.data, metadata: frameMetadata(event.metadata) });
    };
    session.on('Page.screencastFrame', onFrame);
    this.casting = { page, session, options, onFrame };
    try {
      await session.send('Page.startScreencast', { ...options });
    } catch (error) {
      session.off('Page.screencastFrame', onFrame);
      this.casting = null;
      throw error;
    }
  }
}

/** The metadata fields the stream protocol sends, each present (Chromium may leave out the timestamp). */
function frameMetadata(raw: Partial<FrameMetadata>): FrameMetadata {
  return {
    offsetTop: raw.offsetTop ?? 0,
    pageScaleFactor: raw.pageScaleFactor ?? 1,
    deviceWidth: raw.deviceWidth ?? 0,
    deviceHeight: raw.deviceHeight ?? 0,
    scrollOffsetX: raw.scrollOffsetX ?? 0,
    scrollOffsetY: raw.scrollOffsetY ?? 0,
    timestamp: raw.timestamp ?? Date.now() / 1000,
  };
}
