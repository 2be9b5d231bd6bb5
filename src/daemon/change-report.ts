// `"changes": true` on a request: what the action changed on the page, reported with its answer so
// the agent need not take a new snapshot (see src/protocol/changes.ts for the report's shape).
import type { BrowserSession, SeenElements, Tab } from '../browser/session.js';
import { compareSeen, lastSeen, seeInteractive } from '../builtins/snapshot.js';
import type { PageChanges } from '../protocol/changes.js';

/** How long a report waits for a navigation the action started to reach DOMContentLoaded. */
const LOAD_WAIT_MS = 5000;
/** How long it waits for the page to paint what the action changed (two animation frames). */
const PAINT_WAIT_MS = 500;

/** What the agent had seen before the action: the tab, and its elements (null when nothing). */
export interface ChangeBaseline {
  tab: Tab | null;
  seen: SeenElements | null;
}

/**
 * Before the action: the elements the agent last saw of the active tab's frame (its last snapshot
 * or change report of this document), else the elements now. No browser is started for it, and a
 * pending FRAME_NOT_FOUND notice is left for the action to give.
 */
export async function changeBaseline(browser: BrowserSession, signal: AbortSignal): Promise<ChangeBaseline> {
  if (!browser.launched) return { tab: null, seen: null };
  try {
    const tab = await browser.activeTab();
    const frame = tab.targetFrame();
    if (!frame) return { tab: null, seen: null };
    return { tab, seen: (await lastSeen(tab, frame)) ?? (await seeInteractive(tab, frame, signal)) };
  } catch {
    return { tab: null, seen: null };
  }
}

/**
 * After the action: what changed in the active tab since the baseline; undefined when no browser
 * runs. A page that cannot be read says so in the report: the action itself has run, and failing
 * its answer would invite the agent to run it again.
 */
export async function changeReport(browser: BrowserSession, baseline: ChangeBaseline, signal: AbortSignal): Promise<PageChanges | undefined> {
  if (!browser.launched) return undefined;
  try {
    const tab = await browser.activeTab();
    await tab.page.waitForLoadState('domcontentloaded', { timeout: LOAD_WAIT_MS }).catch(() => undefined);
    await settlePaint(tab);
    let after: SeenElements;
    try {
      after = await seeInteractive(tab, tab.targetFrame() ?? tab.page.mainFrame(), signal);
    } catch {
      // The document was replaced while it was read (a late navigation): read the new one.
      await tab.page.waitForLoadState('domcontentloaded', { timeout: LOAD_WAIT_MS }).catch(() => undefined);
      after = await seeInteractive(tab, tab.targetFrame() ?? tab.page.mainFrame(), signal);
    }
    return compareSeen(baseline.tab === tab ? baseline.seen : null, after);
  } catch (error) {
    return { appeared: [], changed: [], gone: [], unavailable: (error as Error).message.split('\n')[0]! };
  }
}

/** Two animation frames, so what the action's handlers rendered is in the tree; bounded for pages that never paint. */
async function settlePaint(tab: Tab): Promise<void> {
  const painted = tab.page
    .evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
    .catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([painted, new Promise<void>((resolve) => (timer = setTimeout(resolve, PAINT_WAIT_MS)))]);
  clearTimeout(timer);
}
