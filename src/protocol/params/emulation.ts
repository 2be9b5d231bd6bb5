import { z } from '../schemas.js';

/** Param schemas of the emulation actions (reference §2.9 with the 0.19 deltas of §2.13). */

const positive = z.number().positive();

export const viewport = z.object({
  width: positive.describe('Viewport width in CSS pixels'),
  height: positive.describe('Viewport height in CSS pixels'),
  deviceScaleFactor: positive.optional().describe('devicePixelRatio; changing it reopens the tabs in a new context (1 clears it)'),
});

export const device = z.object({ device: z.string().min(1).describe('Playwright device name, e.g. "iPhone 14" or "Pixel 7" (device_list lists them)') });

export const deviceList = z.object({});

export const useragent = z.object({ userAgent: z.string().min(1).describe('The user agent string (navigator.userAgent and the User-Agent header)') });

export const geolocation = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().min(0).optional().describe('Accuracy in meters (default 0)'),
});

export const permissions = z.object({
  permissions: z.array(z.string().min(1)).describe('Permission names: geolocation, notifications, camera, microphone, clipboard-read, clipboard-write, …'),
  grant: z.boolean().describe('true grants them to every origin; false revokes them (an empty list revokes all)'),
});

export const emulatemedia = z.object({
  media: z.enum(['screen', 'print']).optional(),
  colorScheme: z.enum(['light', 'dark', 'no-preference']).optional(),
  reducedMotion: z.enum(['reduce', 'no-preference']).optional(),
  forcedColors: z.enum(['active', 'none']).optional(),
});

export const timezone = z.object({ timezone: z.string().min(1).describe('IANA time zone, e.g. "Europe/Berlin"') });

export const locale = z.object({ locale: z.string().min(1).describe('BCP 47 locale, e.g. "de-DE"') });
