import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { captureViewport } from '../browser/page-session.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { screenshotFile } from '../protocol/screenshot-file.js';
import { ActionError } from '../protocol/errors.js';
import { prepareFile } from './common.js';
import * as contracts from '../protocol/actions/capture.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One numbered label of an annotated screenshot; `box` is in the image's pixels. */
export interface Annotation {
  ref: string;
  number: number;
  role: string;
  name?: string;
  box: Box;
}

const OVERLAY_ID = '__agent_browser_annotations__';

export default definePlugin({
  name: 'agent-browser:capture',
  apply(host) {
    /** The refs of a fresh interactive snapshot, taken through the `snapshot` action so plugins see it. */
    async function interactiveRefs(ctx: ActionContext): Promise<Record<string, { role: string; name?: string }>> {
      const result = await ctx.run('snapshot', { interactive: true });
      return (result.refs as Record<string, { role: string; name?: string }> | undefined) ?? {};
    }

    /** Viewport boxes of the refs' elements, numbered by ref; elements without a box are left out. */
    async function annotationsOf(ctx: ActionContext): Promise<Annotation[]> {
      const refs = await interactiveRefs(ctx);
      const found = await Promise.all(
        Object.entries(refs).map(async ([ref, { role, name }]): Promise<Annotation | null> => {
          const box = await (await ctx.locator(`@${ref}`)).boundingBox({ timeout: ctx.timeout }).catch(() => null);
          if (!box || box.width === 0 || box.height === 0) return null;
          return { ref, number: Number(ref.slice(1)), role, ...(name ? { name } : {}), box: roundBox(box) };
        }),
      );
      return found.filter((item): item is Annotation => item !== null).sort((a, b) => a.number - b.number);
    }

    host.addAction(
      defineAction({
        ...contracts.pdf,
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
        ...contracts.screenshot,
        async handler({ path: target, fullPage, selector, format, quality, annotate, screenshotDir }, ctx) {
          const type = format ?? (target && /\.jpe?g$/i.test(target) ? 'jpeg' : 'png');
          const options = { type, quality: type === 'jpeg' ? quality : undefined, timeout: ctx.timeout } as const;
          // The 0.19 generation of clients sends `annotate` (and `path: null`) and expects a saved file.
          const saveWithoutPath = annotate !== undefined || screenshotDir !== undefined;
          const file = target ? path.resolve(target) : saveWithoutPath ? screenshotFile(type, screenshotDir) : undefined;
          if (file) await fs.mkdir(path.dirname(file), { recursive: true });
          const page = await ctx.page();

          let annotations: Annotation[] | undefined;
          if (annotate) {
            const all = await annotationsOf(ctx);
            const area = selector
              ? roundBox((await ctx.element(selector, (el) => el.boundingBox({ timeout: ctx.timeout }))) ?? { x: 0, y: 0, width: 0, height: 0 })
              : fullPage
                ? null
                : { x: 0, y: 0, ...(await viewportSize(page)) };
            const shown = area ? all.filter((item) => overlaps(item.box, area)) : all;
            await drawLabels(page, shown);
            const scroll = fullPage && !selector ? await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY })) : { x: 0, y: 0 };
            const origin = area && selector ? area : { x: -scroll.x, y: -scroll.y };
            annotations = shown.map((item) => ({ ...item, box: { ...item.box, x: item.box.x - origin.x, y: item.box.y - origin.y } }));
          }
          try {
            const bytes = selector
              ? await ctx.element(selector, (el) => el.screenshot(options))
              : ((quickViewport(ctx, fullPage) ? await captureViewport(page, type, options.quality) : null) ??
                (await page.screenshot({ ...options, fullPage: fullPage ?? false })));
            if (file) await fs.writeFile(file, bytes);
            const saved = file ? { path: file } : { base64: bytes.toString('base64') };
            return annotations && annotations.length > 0 ? { ...saved, annotations } : saved;
          } finally {
            if (annotate) await page.evaluate((id) => document.getElementById(id)?.remove(), OVERLAY_ID).catch(() => undefined);
          }
        },
      }),
    );
  },
});

/**
 * Whether the viewport can be taken straight from the compositor: a headless browser this session
 * launched renders every tab, while a headed or remote one may not draw a tab in the background.
 */
function quickViewport(ctx: ActionContext, fullPage: boolean | undefined): boolean {
  return !fullPage && ctx.browser.plan?.headless === true && ctx.browser.remote === null;
}

function roundBox(box: Box): Box {
  return { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

async function viewportSize(page: Page): Promise<{ width: number; height: number }> {
  return page.viewportSize() ?? (await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight })));
}

/** Red boxes with their numbers over the page, placed in document coordinates so they scroll with it. */
async function drawLabels(page: Page, items: Annotation[]): Promise<void> {
  if (items.length === 0) return;
  await page.evaluate(
    ({ id, labels }) => {
      document.getElementById(id)?.remove();
      const layer = document.createElement('div');
      layer.id = id;
      layer.style.cssText = 'position:absolute;top:0;left:0;width:0;height:0;pointer-events:none;z-index:2147483647;';
      for (const { number, box } of labels) {
        const frame = document.createElement('div');
        const left = box.x + window.scrollX;
        const top = box.y + window.scrollY;
        frame.style.cssText = `position:absolute;left:${left}px;top:${top}px;width:${box.width}px;height:${box.height}px;border:2px solid rgba(255,0,0,0.85);box-sizing:border-box;pointer-events:none;`;
        const label = document.createElement('div');
        label.textContent = String(number);
        label.style.cssText = `position:absolute;top:${top < 14 ? '2px' : '-14px'};left:-2px;background:rgba(255,0,0,0.9);color:#fff;font:bold 11px/14px monospace;padding:0 4px;border-radius:2px;white-space:nowrap;`;
        frame.appendChild(label);
        layer.appendChild(frame);
      }
      document.documentElement.appendChild(layer);
    },
    { id: OVERLAY_ID, labels: items.map(({ number, box }) => ({ number, box })) },
  );
}
