// The contracts of the emulation actions (handlers: src/builtins/emulation.ts).
import { z } from '../zod.js';
import { positive } from '../schemas.js';
import { contract } from '../contract.js';

export const device = contract({
  name: 'device',
  summary: 'Emulate a Playwright device: viewport, user agent, scale factor, mobile and touch (reopens the tabs).',
  params: z.object({ device: z.string().min(1).describe('Playwright device name, e.g. "iPhone 14" or "Pixel 7" (device_list lists them)') }),
  group: 'emulation',
});

export const device_list = contract({
  name: 'device_list',
  summary: 'List the devices the device action emulates: name, viewport, pixel ratio, mobile and touch.',
  params: z.object({}),
  readOnly: true,
  group: 'emulation',
});

export const emulatemedia = contract({
  name: 'emulatemedia',
  summary: 'Emulate CSS media: type (screen/print), color scheme, reduced motion, forced colors.',
  params: z.object({
    media: z.enum(['screen', 'print']).optional(),
    colorScheme: z.enum(['light', 'dark', 'no-preference']).optional(),
    reducedMotion: z.enum(['reduce', 'no-preference']).optional(),
    forcedColors: z.enum(['active', 'none']).optional(),
  }),
  group: 'emulation',
});

export const geolocation = contract({
  name: 'geolocation',
  summary: 'Set the geolocation every tab reports, and grant the geolocation permission.',
  params: z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    accuracy: z.number().min(0).optional().describe('Accuracy in meters (default 0)'),
  }),
  group: 'emulation',
  cli: [
    {
      id: 'set:geo',
      args: [
        { name: 'latitude', param: 'latitude', required: true, description: 'Latitude (-90 … 90)' },
        { name: 'longitude', param: 'longitude', required: true, description: 'Longitude (-180 … 180)' },
      ],
      flags: {
        accuracy: { param: 'accuracy', description: 'Accuracy in meters.' },
      },
      aliases: ['set:geolocation'],
      fast: true,
      examples: ['<%= config.bin %> set geo 52.52 13.405', '<%= config.bin %> set geolocation -33.8688 151.2093 --accuracy 10'],
    },
  ],
});

export const locale = contract({
  name: 'locale',
  summary: 'Set the locale (navigator.language, Accept-Language, Intl defaults); reopens the tabs.',
  params: z.object({ locale: z.string().min(1).describe('BCP 47 locale, e.g. "de-DE"') }),
  group: 'emulation',
  cli: [
    {
      id: 'set:locale',
      args: [{ name: 'locale', param: 'locale', required: true, description: 'BCP 47 language tag' }],
      fast: true,
      examples: ['<%= config.bin %> set locale de-DE', '<%= config.bin %> set locale fr'],
    },
  ],
});

export const permissions = contract({
  name: 'permissions',
  summary: 'Grant permissions to every origin, or revoke them (grant: false; an empty list revokes all).',
  params: z.object({
    permissions: z.array(z.string().min(1)).describe('Permission names: geolocation, notifications, camera, microphone, clipboard-read, clipboard-write, …'),
    grant: z.boolean().describe('true grants them to every origin; false revokes them (an empty list revokes all)'),
  }),
  group: 'emulation',
  cli: [
    {
      id: 'permissions:clear',
      summary: 'Revoke every permission granted so far.',
      fixed: { permissions: [], grant: false },
      fast: true,
      examples: ['<%= config.bin %> permissions clear'],
    },
    {
      id: 'permissions:grant',
      summary: 'Grant browser permissions to every origin (geolocation, notifications, camera, clipboard-read, …).',
      args: [{ name: 'permission', param: 'permissions', rest: 'list', required: true, description: 'Permission name(s)' }],
      fixed: { grant: true },
      fast: true,
      examples: ['<%= config.bin %> permissions grant geolocation', '<%= config.bin %> permissions grant notifications clipboard-read clipboard-write'],
    },
    {
      id: 'permissions:revoke',
      summary: 'Revoke the named permissions (the others stay granted).',
      args: [{ name: 'permission', param: 'permissions', rest: 'list', required: true, description: 'Permission name(s)' }],
      fixed: { grant: false },
      fast: true,
      examples: ['<%= config.bin %> permissions revoke geolocation'],
    },
  ],
});

export const timezone = contract({
  name: 'timezone',
  summary: 'Set the time zone pages see (Intl, Date); reopens the tabs.',
  params: z.object({ timezone: z.string().min(1).describe('IANA time zone, e.g. "Europe/Berlin"') }),
  group: 'emulation',
  cli: [
    {
      id: 'set:timezone',
      args: [{ name: 'timezone', param: 'timezone', required: true, description: 'IANA time zone name' }],
      fast: true,
      examples: ['<%= config.bin %> set timezone Europe/Berlin', '<%= config.bin %> set timezone America/New_York'],
    },
  ],
});

export const useragent = contract({
  name: 'useragent',
  summary: 'Set the user agent (navigator.userAgent and the User-Agent header); reopens the tabs.',
  params: z.object({ userAgent: z.string().min(1).describe('The user agent string (navigator.userAgent and the User-Agent header)') }),
  group: 'emulation',
  cli: [
    {
      id: 'set:useragent',
      args: [{ name: 'userAgent', param: 'userAgent', rest: 'text', required: true, description: 'User agent (the rest of the line, joined with spaces)' }],
      aliases: ['set:user-agent'],
      fast: true,
      examples: ['<%= config.bin %> set useragent "MyBot/1.0 (+https://example.com/bot)"', '<%= config.bin %> set useragent Mozilla/5.0 MyAgent/2'],
    },
  ],
});

export const viewport = contract({
  name: 'viewport',
  summary:
    'Resize the viewport of every tab (deviceScaleFactor also changes devicePixelRatio, and leaving it out resets it to 1; a change of scale reopens the tabs).',
  params: z.object({
    width: positive.describe('Viewport width in CSS pixels'),
    height: positive.describe('Viewport height in CSS pixels'),
    deviceScaleFactor: positive.optional().describe('devicePixelRatio; changing it reopens the tabs in a new context (1 clears it)'),
  }),
  group: 'emulation',
});

/** Every action of this area, in declaration order. */
export const CONTRACTS = [device, device_list, emulatemedia, geolocation, locale, permissions, timezone, useragent, viewport];
