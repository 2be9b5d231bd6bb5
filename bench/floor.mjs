// The in-process floor: the same playwright-core calls the daemon makes, on a Page in this process.
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

// The project's formatting, when dist/ is built (another build may be rewriting it right now).
const formatAriaJson = await import('../dist/browser/snapshot-format.js').then(
  (module) => (nodes, options) => module.formatAriaJson(module.fromAiSnapshot(nodes), options, (ariaRef) => ariaRef),
  () => null,
);

// The flags every Chromium here is launched with (the daemon adds the same ones).
const QUIET_CHROMIUM_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches Chromium, opens a page and loads `url`; resolves to { browser, page, ms } (ms = the whole launch + first navigation). */
export async function launchFloor({ chromium: executablePath, env, url }) {
  const started = performance.now();
  // The bench's own signal handlers close everything (Playwright's would exit before the daemons are stopped).
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: QUIET_CHROMIUM_ARGS,
    env,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(url);
  return { browser, page, ms: performance.now() - started };
}

/**
 * A snapshot as this project takes it (src/builtins/snapshot.ts): the AI-mode tree of :root (its
 * element-bound aria-refs), then its formatting. Resolves to { ms, formattedMs, bytes, formattedBytes }
 * so both floors come from one call.
 */
export async function snapshotFloor(page, options) {
  const started = performance.now();
  const nodes = await page.locator(':root').ariaSnapshotJSON({ mode: 'ai' });
  const ms = performance.now() - started;
  const bytes = Buffer.byteLength(JSON.stringify(nodes));
  if (!formatAriaJson) return { ms, bytes };
  const { tree } = formatAriaJson(nodes, options);
  return { ms, formattedMs: performance.now() - started, bytes, formattedBytes: Buffer.byteLength(tree) };
}
