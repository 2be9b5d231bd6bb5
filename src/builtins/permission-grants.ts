import type { BrowserContext } from 'playwright-core';
import type { ActionContext } from '../host/types.js';
import { ActionError, stripAnsi } from '../protocol/errors.js';

/**
 * Permission grants of a browser context, kept so that grants for every origin (`permissions`,
 * `geolocation`) and grants for one origin (`clipboard`) add up. Chromium lets a grant for an
 * origin replace the every-origin grant there, so each change re-applies the merged sets.
 */
interface Grants {
  everywhere: Set<string>;
  origins: Map<string, Set<string>>;
}

/** The names Playwright knows for Chromium (a wrong one fails before anything changes). */
export const KNOWN_PERMISSIONS = [
  'geolocation',
  'notifications',
  'camera',
  'microphone',
  'clipboard-read',
  'clipboard-write',
  'midi',
  'midi-sysex',
  'background-sync',
  'ambient-light-sensor',
  'accelerometer',
  'gyroscope',
  'magnetometer',
  'payment-handler',
  'storage-access',
  'local-fonts',
  'local-network-access',
  'screen-wake-lock',
];

const byContext = new WeakMap<BrowserContext, Grants>();

async function activeContext(ctx: ActionContext): Promise<BrowserContext> {
  return (await ctx.page()).context();
}

function grantsOf(ctx: ActionContext, context: BrowserContext): Grants {
  let grants = byContext.get(context);
  if (!grants) {
    // A context recreated for another setting was created with the every-origin grants.
    grants = { everywhere: new Set(ctx.browser.contextOptions.permissions ?? []), origins: new Map() };
    byContext.set(context, grants);
  }
  return grants;
}

function checkNames(permissions: string[]): void {
  const unknown = permissions.filter((name) => !KNOWN_PERMISSIONS.includes(name));
  if (unknown.length > 0) {
    throw new ActionError(
      'INVALID_PARAMS',
      `Unknown permission${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}. Known permissions: ${KNOWN_PERMISSIONS.join(', ')}.`,
    );
  }
}

async function apply(ctx: ActionContext, context: BrowserContext, grants: Grants): Promise<void> {
  try {
    await context.clearPermissions();
    if (grants.everywhere.size > 0) await context.grantPermissions([...grants.everywhere]);
    for (const [origin, names] of grants.origins) {
      await context.grantPermissions([...new Set([...grants.everywhere, ...names])], { origin });
    }
  } catch (error) {
    const message = stripAnsi((error as Error).message);
    const unknown = /Unknown permission: (\S+)/.exec(message)?.[1];
    if (unknown)
      throw new ActionError('INVALID_PARAMS', `This browser does not know the permission "${unknown}". Known permissions: ${KNOWN_PERMISSIONS.join(', ')}.`, {
        cause: error,
      });
    throw error;
  }
  byContext.set(context, grants);
  // A context recreated later (timezone, locale, device …) starts with the every-origin grants.
  ctx.browser.keepContextOptions({ permissions: [...grants.everywhere] });
}

/** Grants `permissions` to every origin of the active tab's context, or only to `origin`. */
export async function grant(ctx: ActionContext, permissions: string[], origin?: string): Promise<void> {
  checkNames(permissions);
  const context = await activeContext(ctx);
  const current = grantsOf(ctx, context);
  const next: Grants = { everywhere: new Set(current.everywhere), origins: new Map([...current.origins].map(([o, names]) => [o, new Set(names)])) };
  if (origin) next.origins.set(origin, new Set([...(next.origins.get(origin) ?? []), ...permissions]));
  else for (const name of permissions) next.everywhere.add(name);
  await apply(ctx, context, next);
}

/** Revokes `permissions` everywhere; an empty list revokes every permission granted so far. */
export async function revoke(ctx: ActionContext, permissions: string[]): Promise<void> {
  checkNames(permissions);
  const context = await activeContext(ctx);
  const current = grantsOf(ctx, context);
  const keep = (names: Set<string>) => new Set(permissions.length === 0 ? [] : [...names].filter((name) => !permissions.includes(name)));
  const next: Grants = { everywhere: keep(current.everywhere), origins: new Map() };
  for (const [origin, names] of current.origins) {
    const left = keep(names);
    if (left.size > 0) next.origins.set(origin, left);
  }
  await apply(ctx, context, next);
}
