/**
 * Emulation against a real page: every setting takes effect where a page can observe it
 * (innerWidth, devicePixelRatio, navigator.userAgent, touch, matchMedia, geolocation, permission
 * states, Intl time zone, navigator.language). Settings that need a new context reopen the tabs
 * at their URLs with cookies kept, and keep the settings made before them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../helpers/cli.js';
import { eventually, evaluate, fails, keys, ok, useFixture } from '../helpers/e2e.js';

const test = suite('emulation');
const fx = useFixture(test, { env: { AGENT_BROWSER_DEFAULT_TIMEOUT: '5000' } });

const PAGE = '/e2e/emulation-page.html';

async function open() {
  await ok(fx.daemon, { action: 'navigate', url: fx.server.url(PAGE) });
}

const position = () =>
  evaluate(
    fx.daemon,
    `new Promise((resolve) => navigator.geolocation.getCurrentPosition(
      (p) => resolve([p.coords.latitude, p.coords.longitude, p.coords.accuracy]),
      (e) => resolve('error ' + e.code + ': ' + e.message)))`,
  );
const permissionState = (name: string) => evaluate(fx.daemon, `navigator.permissions.query({ name: '${name}' }).then((s) => s.state)`);
const timeZone = () => evaluate(fx.daemon, 'Intl.DateTimeFormat().resolvedOptions().timeZone');
const cli = (...args: string[]) => runCli(args, { env: fx.daemon.env });

test('viewport → {width, height}: every tab’s innerWidth/innerHeight change without a reload', async () => {
  await open();
  await evaluate(fx.daemon, 'window.marker = 1');
  const data = await ok(fx.daemon, { action: 'viewport', width: 800, height: 600 });
  assert.equal(data, { width: 800, height: 600 });
  assert.equal(await evaluate(fx.daemon, '[innerWidth, innerHeight]'), [800, 600]);
  assert.is(await evaluate(fx.daemon, 'window.marker'), 1, 'no reload');
});

test('tabs opened after viewport/emulatemedia get the same viewport and media', async () => {
  await open();
  await ok(fx.daemon, { action: 'viewport', width: 820, height: 610 });
  await ok(fx.daemon, { action: 'emulatemedia', colorScheme: 'dark' });
  // One script in the opener: the new tab's own view, whichever tab the session makes active.
  const seen = await evaluate(
    fx.daemon,
    `new Promise((resolve) => {
      const popup = window.open(${JSON.stringify(fx.server.url(PAGE))});
      const view = () => [popup.innerWidth, popup.innerHeight, popup.matchMedia('(prefers-color-scheme: dark)').matches];
      const done = (value) => { popup.close(); resolve(value); };
      const check = () => (popup.document.readyState === 'complete' && JSON.stringify(view()) === '[820,610,true]' ? done(view()) : setTimeout(check, 50));
      setTimeout(() => done(view()), 4000);
      check();
    })`,
  );
  assert.equal(seen, [820, 610, true]);
  await ok(fx.daemon, { action: 'emulatemedia', colorScheme: 'light' });
});

test('viewport with deviceScaleFactor → devicePixelRatio changes; the tab reopens at its URL with cookies', async () => {
  await open();
  await evaluate(fx.daemon, "document.cookie = 'kept=yes; path=/'");
  const data = await ok(fx.daemon, { action: 'viewport', width: 640, height: 480, deviceScaleFactor: 2 });
  assert.equal(data, { width: 640, height: 480, deviceScaleFactor: 2, reloaded: true });
  assert.equal(await evaluate(fx.daemon, '[innerWidth, innerHeight, devicePixelRatio]'), [640, 480, 2]);
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(PAGE));
  assert.match(await evaluate(fx.daemon, 'document.cookie'), 'kept=yes');
  // The same scale again is a plain resize (no reload); the scale stays.
  await evaluate(fx.daemon, 'window.marker = 2');
  assert.equal(await ok(fx.daemon, { action: 'viewport', width: 700, height: 500, deviceScaleFactor: 2 }), { width: 700, height: 500, deviceScaleFactor: 2 });
  assert.equal(await evaluate(fx.daemon, '[innerWidth, devicePixelRatio, window.marker]'), [700, 2, 2]);
  // Without a scale factor the viewport is a plain one again, as in the reference.
  assert.equal(await ok(fx.daemon, { action: 'viewport', width: 1280, height: 720 }), { width: 1280, height: 720, deviceScaleFactor: 1, reloaded: true });
  assert.equal(await evaluate(fx.daemon, '[innerWidth, devicePixelRatio]'), [1280, 1]);
  assert.equal(await ok(fx.daemon, { action: 'viewport', width: 1000, height: 700 }), { width: 1000, height: 700 });
});

test('geolocation → {latitude, longitude}; getCurrentPosition answers it without a separate grant', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'geolocation', latitude: 52.52, longitude: 13.405, accuracy: 25 });
  assert.equal(data, { latitude: 52.52, longitude: 13.405 });
  assert.equal(await position(), [52.52, 13.405, 25]);
  await ok(fx.daemon, { action: 'geolocation', latitude: -33.8688, longitude: 151.2093 });
  assert.equal((await position()).slice(0, 2), [-33.8688, 151.2093]);
  await fails(fx.daemon, { action: 'geolocation', latitude: 95, longitude: 0 }, 'INVALID_PARAMS');
});

test('permissions → {permissions, granted}: grant, revoke only the named ones, clear all', async () => {
  await open();
  await ok(fx.daemon, { action: 'geolocation', latitude: 1, longitude: 2 });
  const granted = await ok(fx.daemon, { action: 'permissions', permissions: ['notifications', 'camera'], grant: true });
  assert.equal(granted, { permissions: ['notifications', 'camera'], granted: true });
  assert.is(await permissionState('notifications'), 'granted');
  assert.is(await permissionState('camera'), 'granted');
  const revoked = await ok(fx.daemon, { action: 'permissions', permissions: ['notifications'], grant: false });
  assert.equal(revoked, { permissions: ['notifications'], granted: false });
  assert.is.not(await permissionState('notifications'), 'granted');
  assert.is(await permissionState('camera'), 'granted', 'camera stays granted');
  assert.is(await permissionState('geolocation'), 'granted', 'geolocation stays granted');
  await ok(fx.daemon, { action: 'permissions', permissions: [], grant: false });
  assert.is.not(await permissionState('camera'), 'granted');
  assert.is.not(await permissionState('geolocation'), 'granted');
  const unknown = await fails(fx.daemon, { action: 'permissions', permissions: ['telepathy'], grant: true }, 'INVALID_PARAMS');
  assert.match(unknown.error, '"telepathy"');
  assert.match(unknown.error, 'geolocation');
});

test('emulatemedia → {emulated:true}: color scheme, print, reduced motion, forced colors; nulls change nothing', async () => {
  await open();
  const scheme = () => evaluate(fx.daemon, "getComputedStyle(document.getElementById('scheme'), '::after').content");
  assert.is(await scheme(), '"light"');
  assert.equal(await ok(fx.daemon, { action: 'emulatemedia', colorScheme: 'dark' }), { emulated: true });
  assert.is(await scheme(), '"dark"');
  assert.is(await evaluate(fx.daemon, "matchMedia('(prefers-color-scheme: dark)').matches"), true);
  await ok(fx.daemon, { action: 'emulatemedia', media: 'print', reducedMotion: 'reduce', forcedColors: 'active', colorScheme: null });
  assert.equal(
    await evaluate(
      fx.daemon,
      "['print', '(prefers-reduced-motion: reduce)', '(forced-colors: active)', '(prefers-color-scheme: dark)'].map((q) => matchMedia(q).matches)",
    ),
    [true, true, true, true],
  );
  assert.is(await evaluate(fx.daemon, "getComputedStyle(document.getElementById('type'), '::after').content"), '"print"');
  await ok(fx.daemon, { action: 'reload' });
  assert.is(await evaluate(fx.daemon, "matchMedia('print').matches"), true, 'kept across reloads');
  await ok(fx.daemon, { action: 'emulatemedia', media: 'screen', reducedMotion: 'no-preference', forcedColors: 'none', colorScheme: 'light' });
  assert.equal(
    await evaluate(
      fx.daemon,
      "['print', '(prefers-reduced-motion: reduce)', '(forced-colors: active)', '(prefers-color-scheme: dark)'].map((q) => matchMedia(q).matches)",
    ),
    [false, false, false, false],
  );
  await fails(fx.daemon, { action: 'emulatemedia', colorScheme: 'blue' }, 'INVALID_PARAMS');
});

test('print media survives reloads after a click and in a tab opened later (the tab’s DevTools session keeps the media type too)', async () => {
  await open();
  await ok(fx.daemon, { action: 'emulatemedia', media: 'print' });
  await ok(fx.daemon, { action: 'click', selector: 'body' });
  await ok(fx.daemon, { action: 'reload' });
  assert.is(await evaluate(fx.daemon, "matchMedia('print').matches"), true, 'after a click and a reload');
  await ok(fx.daemon, { action: 'tab_new' });
  await open();
  await ok(fx.daemon, { action: 'reload' });
  assert.is(await evaluate(fx.daemon, "matchMedia('print').matches"), true, 'in a tab opened after the setting, after a reload');
  await ok(fx.daemon, { action: 'tab_close' });
  await ok(fx.daemon, { action: 'emulatemedia', media: 'screen' });
  await ok(fx.daemon, { action: 'reload' });
  assert.is(await evaluate(fx.daemon, "matchMedia('print').matches"), false, 'screen again after a reload');
});

test('timezone → {timezone, reloaded}: Intl and Date follow it; cookies, URL and media survive', async () => {
  await open();
  await ok(fx.daemon, { action: 'emulatemedia', colorScheme: 'dark', media: 'print' });
  await evaluate(fx.daemon, "document.cookie = 'tz=kept; path=/'");
  const data = await ok(fx.daemon, { action: 'timezone', timezone: 'Asia/Tokyo' });
  assert.equal(data, { timezone: 'Asia/Tokyo', reloaded: true });
  assert.is(await timeZone(), 'Asia/Tokyo');
  assert.is(await evaluate(fx.daemon, 'new Date(0).getTimezoneOffset()'), -540);
  assert.is((await ok(fx.daemon, { action: 'url' })).url, fx.server.url(PAGE));
  assert.match(await evaluate(fx.daemon, 'document.cookie'), 'tz=kept');
  assert.equal(
    await evaluate(fx.daemon, "[matchMedia('(prefers-color-scheme: dark)').matches, matchMedia('print').matches]"),
    [true, true],
    'media emulation carried over',
  );
  await evaluate(fx.daemon, 'window.marker = 3');
  assert.equal(await ok(fx.daemon, { action: 'timezone', timezone: 'Asia/Tokyo' }), { timezone: 'Asia/Tokyo' }, 'unchanged: no reload');
  assert.is(await evaluate(fx.daemon, 'window.marker'), 3);
  const bad = await fails(fx.daemon, { action: 'timezone', timezone: 'Mars/Olympus_Mons' }, 'INVALID_PARAMS');
  assert.match(bad.error, 'Mars/Olympus_Mons');
  await ok(fx.daemon, { action: 'emulatemedia', colorScheme: 'light', media: 'screen' });
});

test('locale → {locale, reloaded}: navigator.language and number formatting follow it', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'locale', locale: 'de-DE' });
  assert.equal(data, { locale: 'de-DE', reloaded: true });
  assert.is(await evaluate(fx.daemon, 'navigator.language'), 'de-DE');
  assert.is(await evaluate(fx.daemon, '(1234.5).toLocaleString()'), '1.234,5');
  await fails(fx.daemon, { action: 'locale', locale: 'not a locale!' }, 'INVALID_PARAMS');
});

test('useragent → {userAgent, reloaded}: navigator.userAgent changes; earlier settings are kept', async () => {
  await open();
  await ok(fx.daemon, { action: 'viewport', width: 900, height: 700 });
  await ok(fx.daemon, { action: 'geolocation', latitude: 10, longitude: 20 });
  const data = await ok(fx.daemon, { action: 'useragent', userAgent: 'AgentBrowserTest/1.0' });
  assert.equal(data, { userAgent: 'AgentBrowserTest/1.0', reloaded: true });
  assert.is(await evaluate(fx.daemon, 'navigator.userAgent'), 'AgentBrowserTest/1.0');
  // Everything set before the context was recreated still holds.
  assert.is(await timeZone(), 'Asia/Tokyo');
  assert.is(await evaluate(fx.daemon, 'navigator.language'), 'de-DE');
  assert.equal(await evaluate(fx.daemon, '[innerWidth, innerHeight]'), [900, 700]);
  assert.equal((await position()).slice(0, 2), [10, 20]);
});

test('device_list → {devices}; unknown devices fail with the list and a suggestion', async () => {
  const list = await ok(fx.daemon, { action: 'device_list' });
  keys(list, ['devices']);
  const names = list.devices.map((device: { name: string }) => device.name);
  assert.ok(names.includes('iPhone 14') && names.includes('Pixel 7'), 'known devices listed');
  assert.ok(list.devices.length > 50);
  // The shape the agent-browser 0.19 CLI prints (`○ name (runtime)`), describing the emulation.
  assert.equal(
    list.devices.find((device: { name: string }) => device.name === 'iPhone 14'),
    {
      name: 'iPhone 14',
      runtime: '390×664 @3x mobile touch',
      state: 'Available',
      udid: '',
      isAvailable: true,
      isRealDevice: false,
      viewport: { width: 390, height: 664 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      defaultBrowserType: 'webkit',
    },
  );
  const unknown = await fails(fx.daemon, { action: 'device', device: 'Pixle 7' }, 'INVALID_PARAMS');
  assert.ok(unknown.error.startsWith(`Unknown device: Pixle 7. Available: ${names.slice(0, 10).join(', ')}...`), unknown.error);
  assert.match(unknown.error, 'Did you mean "Pixel 7"');
});

test('device → {device, viewport, userAgent, deviceScaleFactor, reloaded}: UA, pixel ratio, mobile viewport and touch', async () => {
  await open();
  const data = await ok(fx.daemon, { action: 'device', device: 'iphone 14' });
  keys(data, ['device', 'viewport', 'userAgent', 'deviceScaleFactor', 'reloaded']);
  assert.is(data.device, 'iPhone 14', 'names match case-insensitively');
  assert.equal(data.viewport, { width: 390, height: 664 });
  assert.is(data.deviceScaleFactor, 3);
  assert.match(await evaluate(fx.daemon, 'navigator.userAgent'), 'iPhone');
  assert.is(await evaluate(fx.daemon, 'navigator.userAgent'), data.userAgent);
  assert.equal(await evaluate(fx.daemon, '[innerWidth, devicePixelRatio]'), [390, 3]);
  assert.is(await evaluate(fx.daemon, "'ontouchstart' in window"), true);
  assert.is(await evaluate(fx.daemon, "matchMedia('(pointer: coarse)').matches"), true);
  // A touch context taps through Playwright's own tap.
  assert.equal(await ok(fx.daemon, { action: 'tap', selector: '#tap-target' }), { tapped: true });
  assert.ok(await eventually(async () => (await evaluate(fx.daemon, 'window.taps')).includes('click'), 5000));
  assert.equal(await evaluate(fx.daemon, 'window.taps'), ['touchstart', 'click']);
});

test('CLI: set viewport/geo/media/timezone/locale/useragent/device, permissions grant/revoke/clear', async () => {
  await open();
  const run = async (...args: string[]) => {
    const result = await cli(...args);
    assert.is(result.code, 0, `${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  };
  assert.is(await run('set', 'viewport', '1024', '768'), '✓ Done\n');
  assert.equal(await evaluate(fx.daemon, '[innerWidth, innerHeight]'), [1024, 768]);
  await run('set', 'viewport', '500', '400', '--scale', '2');
  assert.equal(await evaluate(fx.daemon, '[innerWidth, devicePixelRatio]'), [500, 2]);
  const badScale = await cli('set', 'viewport', '500', '400', '--scale', 'big');
  assert.is(badScale.code, 1);

  await run('set', 'geo', '-33.8688', '151.2093');
  assert.equal((await position()).slice(0, 2), [-33.8688, 151.2093]);
  await run('set', 'geolocation', '48.85', '2.35', '--accuracy', '5');
  assert.equal(await position(), [48.85, 2.35, 5]);

  await run('set', 'media', 'dark', '--reduced-motion', '--print');
  assert.equal(await evaluate(fx.daemon, "['(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)', 'print'].map((q) => matchMedia(q).matches)"), [
    true,
    true,
    true,
  ]);
  await run('set', 'media', 'light', '--no-print', '--no-reduced-motion');
  assert.equal(await evaluate(fx.daemon, "['(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)', 'print'].map((q) => matchMedia(q).matches)"), [
    false,
    false,
    false,
  ]);
  const nothing = await cli('set', 'media');
  assert.is(nothing.code, 1);
  assert.match(nothing.stderr, 'Nothing to set');

  await run('set', 'timezone', 'America/New_York');
  assert.is(await timeZone(), 'America/New_York');
  await run('set', 'locale', 'fr-FR');
  assert.is(await evaluate(fx.daemon, 'navigator.language'), 'fr-FR');
  await run('set', 'useragent', 'Custom', 'Agent/2.0');
  assert.is(await evaluate(fx.daemon, 'navigator.userAgent'), 'Custom Agent/2.0');

  await run('permissions', 'grant', 'notifications', 'camera');
  assert.equal([await permissionState('notifications'), await permissionState('camera')], ['granted', 'granted']);
  await run('permissions', 'revoke', 'camera');
  assert.equal([await permissionState('notifications'), (await permissionState('camera')) === 'granted'], ['granted', false]);
  await run('permissions', 'clear');
  assert.is.not(await permissionState('notifications'), 'granted');

  const list = await run('set', 'device', '--list');
  assert.ok(
    list.split('\n').some((line) => /^Pixel 7 +412×839 @2.625x mobile touch$/.test(line)),
    list.slice(0, 200),
  );
  await run('set', 'device', 'Pixel', '7');
  assert.match(await evaluate(fx.daemon, 'navigator.userAgent'), 'Pixel 7');
  assert.is(await evaluate(fx.daemon, "'ontouchstart' in window"), true);
  const unknown = await cli('set', 'device', 'Nokia', '3310');
  assert.is(unknown.code, 1);
  assert.match(unknown.stderr, '✗ Unknown device: Nokia 3310. Available: ');
  const json = await cli('--json', 'set', 'timezone', 'Europe/Berlin');
  assert.equal(json.json, { success: true, data: { timezone: 'Europe/Berlin', reloaded: true }, error: null });
});

test.run();
