import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { keepMediaType } from '../browser/page-session.js';
import { loadPlaywright } from '../browser/playwright.js';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import { closestNames } from '../protocol/suggest.js';
import { grant, revoke } from './permission-grants.js';
import * as contracts from '../protocol/actions/emulation.js';

/**
 * Emulation: viewport, devices, geolocation, permissions, media features, time zone, locale and
 * user agent. Everything takes effect. Settings a live context accepts are applied to every tab
 * of the active tab's context (and to tabs opened in it later); settings Playwright takes only at
 * context creation (user agent, scale factor, touch, mobile, time zone, locale) recreate the
 * context: cookies and storage carry over, tabs reopen at their URLs, and the answer says
 * `reloaded: true`. Every setting is also written into the context's creation options, so a
 * context recreated later for another setting keeps it.
 */

type MediaSettings = Parameters<Page['emulateMedia']>[0] & object;

/** Media emulation per context, applied to tabs that open after it was set. */
const mediaOf = new WeakMap<BrowserContext, MediaSettings>();
/** A viewport set with `viewport`, per context, applied to tabs that open after it was set. */
const viewportOf = new WeakMap<BrowserContext, { width: number; height: number }>();

async function activeContext(ctx: ActionContext): Promise<BrowserContext> {
  return (await ctx.page()).context();
}

/**
 * Applies a live setting to every open tab of `context`. A tab that closes meanwhile (a popup
 * closing itself) is skipped rather than failing the setting for the tabs that remain.
 */
async function applyToTabs(ctx: ActionContext, context: BrowserContext, apply: (page: Page) => Promise<unknown>): Promise<void> {
  const pages = ctx.browser.tabs.map((tab) => tab.page).filter((page) => page.context() === context && !page.isClosed());
  await Promise.all(
    pages.map((page) =>
      apply(page).catch((error: unknown) => {
        if (!page.isClosed()) throw error;
      }),
    ),
  );
}

/** Recreates the context with `changes`; media emulation (not a context option) is carried over. */
async function recreate(ctx: ActionContext, changes: BrowserContextOptions): Promise<void> {
  const before = await activeContext(ctx);
  const media = mediaOf.get(before);
  await ctx.browser.recreateContext(changes);
  if (!media) return;
  const after = await activeContext(ctx);
  mediaOf.set(after, media);
  await applyToTabs(ctx, after, (page) => emulateMedia(page, media));
}

/** Media emulation on one tab; the media type is kept on the tab's own DevTools session too (see `keepMediaType`). */
async function emulateMedia(page: Page, settings: MediaSettings): Promise<void> {
  await page.emulateMedia(settings);
  await keepMediaType(page, settings.media);
}

type Devices = Awaited<ReturnType<typeof loadPlaywright>>['devices'];
type Descriptor = Devices[string];

function findDevice(devices: Devices, name: string): [string, Descriptor] | null {
  const exact = devices[name];
  if (exact) return [name, exact];
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = Object.keys(devices).find((candidate) => candidate.toLowerCase() === wanted);
  return match ? [match, devices[match]!] : null;
}

function unknownDevice(devices: Devices, name: string): ActionError {
  const names = Object.keys(devices);
  const lower = name.toLowerCase();
  let close = closestNames(name, names, { maxDistance: 3 });
  if (close.length === 0) close = names.filter((candidate) => candidate.toLowerCase().includes(lower) && !candidate.endsWith(' landscape')).slice(0, 3);
  const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
  return new ActionError(
    'INVALID_PARAMS',
    `Unknown device: ${name}. Available: ${names.slice(0, 10).join(', ')}...${hint} Run 'agent-browser set device --list' (action device_list) for all ${names.length} names.`,
  );
}

function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function validLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}

export default definePlugin({
  name: 'agent-browser:emulation',
  apply(host) {
    // Tabs opened after a live setting was made get it too (a new context gets it from its options).
    host.hooks.page.tap('agent-browser:emulation', (page) => {
      const context = page.context();
      const viewport = viewportOf.get(context);
      if (viewport) void page.setViewportSize(viewport).catch(() => undefined);
      const media = mediaOf.get(context);
      if (media) void emulateMedia(page, media).catch(() => undefined);
    });

    host.addAction(
      defineAction({
        ...contracts.viewport,
        handler: async ({ width, height, deviceScaleFactor }, ctx) => {
          const context = await activeContext(ctx);
          const viewport = { width, height };
          const currentScale = ctx.browser.contextOptions.deviceScaleFactor ?? 1;
          // As in the reference, a viewport without a scale factor is a plain one: it clears an earlier scale.
          const scale = deviceScaleFactor ?? 1;
          if (scale !== currentScale) {
            // Chromium takes the scale factor only when a context is created.
            await recreate(ctx, { viewport, deviceScaleFactor: scale === 1 ? undefined : scale });
            return { width, height, deviceScaleFactor: scale, reloaded: true };
          }
          ctx.browser.keepContextOptions({ viewport });
          viewportOf.set(context, viewport);
          await applyToTabs(ctx, context, (page) => page.setViewportSize(viewport));
          return deviceScaleFactor === undefined ? { width, height } : { width, height, deviceScaleFactor };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.device,
        handler: async ({ device }, ctx) => {
          const { devices } = await loadPlaywright();
          const found = findDevice(devices, device);
          if (!found) throw unknownDevice(devices, device);
          const [name, descriptor] = found;
          const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = descriptor;
          // Descriptors carry a screen size at run time, though their type does not say so.
          const screen = (descriptor as { screen?: BrowserContextOptions['screen'] }).screen;
          await recreate(ctx, { viewport, screen, userAgent, deviceScaleFactor, isMobile, hasTouch });
          return { device: name, viewport, userAgent, deviceScaleFactor, reloaded: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.device_list,
        handler: async () => ({ devices: Object.entries((await loadPlaywright()).devices).map(([name, descriptor]) => describeDevice(name, descriptor)) }),
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.useragent,
        handler: async ({ userAgent }, ctx) => {
          await ctx.browser.ensure();
          if (ctx.browser.contextOptions.userAgent === userAgent) return { userAgent };
          await recreate(ctx, { userAgent });
          return { userAgent, reloaded: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.geolocation,
        handler: async ({ latitude, longitude, accuracy }, ctx) => {
          const context = await activeContext(ctx);
          const position = { latitude, longitude, accuracy };
          await context.setGeolocation(position);
          ctx.browser.keepContextOptions({ geolocation: position });
          await grant(ctx, ['geolocation']);
          return { latitude, longitude };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.permissions,
        handler: async ({ permissions, grant: granting }, ctx) => {
          if (granting) await grant(ctx, permissions);
          else await revoke(ctx, permissions);
          return { permissions, granted: granting };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.emulatemedia,
        handler: async ({ media, colorScheme, reducedMotion, forcedColors }, ctx) => {
          const context = await activeContext(ctx);
          const given: MediaSettings = {};
          if (media !== undefined) given.media = media;
          if (colorScheme !== undefined) given.colorScheme = colorScheme;
          if (reducedMotion !== undefined) given.reducedMotion = reducedMotion;
          if (forcedColors !== undefined) given.forcedColors = forcedColors;
          mediaOf.set(context, { ...mediaOf.get(context), ...given });
          ctx.browser.keepContextOptions({
            ...(colorScheme !== undefined ? { colorScheme } : {}),
            ...(reducedMotion !== undefined ? { reducedMotion } : {}),
            ...(forcedColors !== undefined ? { forcedColors } : {}),
          });
          await applyToTabs(ctx, context, (page) => emulateMedia(page, given));
          return { emulated: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.timezone,
        handler: async ({ timezone }, ctx) => {
          if (!validTimezone(timezone)) {
            throw new ActionError(
              'INVALID_PARAMS',
              `Unknown time zone "${timezone}". Use an IANA name such as "Europe/Berlin", "America/New_York", "Asia/Tokyo" or "UTC".`,
            );
          }
          await ctx.browser.ensure();
          if (ctx.browser.contextOptions.timezoneId === timezone) return { timezone };
          await recreate(ctx, { timezoneId: timezone });
          return { timezone, reloaded: true };
        },
      }),
    );

    host.addAction(
      defineAction({
        ...contracts.locale,
        handler: async ({ locale }, ctx) => {
          if (!validLocale(locale)) {
            throw new ActionError('INVALID_PARAMS', `Invalid locale "${locale}". Use a BCP 47 tag such as "en-US", "de-DE" or "fr".`);
          }
          await ctx.browser.ensure();
          if (ctx.browser.contextOptions.locale === locale) return { locale };
          await recreate(ctx, { locale });
          return { locale, reloaded: true };
        },
      }),
    );
  },
});

/**
 * One device of `device_list`. The agent-browser 0.19 CLIs print `name (runtime)` and `udid` for
 * each device (their daemon lists iOS simulators), so `runtime` describes the emulation and `udid`
 * stays empty: these are emulations, not devices with an id.
 */
function describeDevice(
  name: string,
  device: { viewport: { width: number; height: number }; deviceScaleFactor: number; isMobile: boolean; hasTouch: boolean; defaultBrowserType: string },
) {
  const traits = [
    `${device.viewport.width}×${device.viewport.height}`,
    `@${device.deviceScaleFactor}x`,
    device.isMobile ? 'mobile' : 'desktop',
    ...(device.hasTouch ? ['touch'] : []),
  ];
  return {
    name,
    runtime: traits.join(' '),
    state: 'Available',
    udid: '',
    isAvailable: true,
    isRealDevice: false,
    viewport: device.viewport,
    deviceScaleFactor: device.deviceScaleFactor,
    isMobile: device.isMobile,
    hasTouch: device.hasTouch,
    defaultBrowserType: device.defaultBrowserType,
  };
}
