// Naming a remote browser: the `--cdp` / `connect` argument (the reference CLI's port messages),
// the launch fields it becomes, and endpoints shown without their secrets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { describeRemote, isCdpUrl, isWsEndpoint, parseCdpArgument, redactEndpoint, remoteKey, requestedRemote } from '../../src/protocol/remote.js';
import { launch as launchContract } from '../../src/protocol/actions/daemon.js';

const launch = launchContract.params;

const message = (raw: string): string => {
  try {
    parseCdpArgument(raw);
  } catch (error) {
    return (error as Error).message;
  }
  return assert.unreachable(`"${raw}" should be refused`) as never;
};

test('a port 1..65535 becomes cdpPort; the reference CLI words every refusal', () => {
  assert.equal(parseCdpArgument('9222'), { cdpPort: 9222 });
  assert.equal(parseCdpArgument(' 1 '), { cdpPort: 1 });
  assert.equal(parseCdpArgument('65535'), { cdpPort: 65535 });
  assert.is(message('0'), 'Invalid CDP port: port must be greater than 0');
  assert.is(message('65536'), 'Invalid CDP port: 65536 is out of range (valid range: 1-65535)');
  assert.is(message('abc'), "Invalid CDP port: 'abc' is not a valid number. Port must be a number between 1 and 65535");
  assert.is(message('-5'), "Invalid CDP port: '-5' is not a valid number. Port must be a number between 1 and 65535");
  assert.is(message('92.5'), "Invalid CDP port: '92.5' is not a valid number. Port must be a number between 1 and 65535");
});

test('a ws://, wss://, http:// or https:// URL becomes cdpUrl; other schemes are refused', () => {
  for (const url of [
    'http://127.0.0.1:9222',
    'https://grid.example:4444/session/abc/se/cdp',
    'ws://127.0.0.1:9222/devtools/browser/x',
    'wss://production-sfo.browserless.io?token=t',
  ]) {
    assert.equal(parseCdpArgument(url), { cdpUrl: url });
    assert.ok(isCdpUrl(url), url);
  }
  assert.match(message('ftp://host:21'), "Invalid CDP URL: 'ftp://host:21'. Give a port (9222) or a URL starting with ws://, wss://, http:// or https://");
  assert.match(message('localhost:9222'), 'Invalid CDP URL');
  assert.not.ok(isWsEndpoint('http://127.0.0.1:3000/'));
  assert.ok(isWsEndpoint('wss://browsers.example/playwright?token=t'));
});

test('the launch schema takes cdpPort, cdpUrl and wsEndpoint, and says what a bad one should be', () => {
  assert.ok(launch.safeParse({ cdpPort: 9222 }).success);
  assert.ok(launch.safeParse({ cdpUrl: 'ws://127.0.0.1:9222/devtools/browser/x' }).success);
  assert.ok(launch.safeParse({ wsEndpoint: 'ws://127.0.0.1:3000/' }).success);
  assert.not.ok(launch.safeParse({ cdpPort: 70000 }).success);
  const badUrl = launch.safeParse({ cdpUrl: 'chrome.local:9222' });
  assert.not.ok(badUrl.success);
  assert.match(JSON.stringify(badUrl.error?.issues), 'must be a URL starting with ws://, wss://, http:// or https://');
  assert.not.ok(launch.safeParse({ wsEndpoint: 'http://127.0.0.1:3000/' }).success);
});

test('launch fields name one target; a port and its URL are the same browser', () => {
  assert.equal(requestedRemote({ cdpPort: 9222 }), { kind: 'cdp', url: 'http://127.0.0.1:9222', port: 9222 });
  assert.equal(requestedRemote({ cdpUrl: 'wss://x.example' }), { kind: 'cdp', url: 'wss://x.example' });
  assert.equal(requestedRemote({ wsEndpoint: 'ws://a:1/k', cdpPort: 9 }), { kind: 'playwright', url: 'ws://a:1/k' });
  assert.is(requestedRemote({}), null);
  assert.is(remoteKey(requestedRemote({ cdpPort: 9222 })!), remoteKey({ kind: 'cdp', url: 'http://127.0.0.1:9222/' }));
  assert.is.not(remoteKey({ kind: 'cdp', url: 'ws://a:1/' }), remoteKey({ kind: 'playwright', url: 'ws://a:1/' }));
});

test('endpoints are shown without credentials, access paths or query values', () => {
  assert.is(redactEndpoint('http://127.0.0.1:9222'), 'http://127.0.0.1:9222');
  assert.is(redactEndpoint('ws://127.0.0.1:41234/6d1c9e1f0f'), 'ws://127.0.0.1:41234/…');
  assert.is(redactEndpoint('wss://production-sfo.browserless.io?token=s3cret&stealth=1'), 'wss://production-sfo.browserless.io?token=…&stealth=…');
  assert.is(redactEndpoint('https://user:pass@grid.example:4444/session/1/se/cdp'), 'https://grid.example:4444/…');
  assert.is(describeRemote({ kind: 'playwright', url: 'ws://127.0.0.1:3000/key' }), 'Playwright server ws://127.0.0.1:3000/…');
  assert.is(describeRemote({ kind: 'cdp', url: 'http://127.0.0.1:9222', port: 9222 }), 'CDP http://127.0.0.1:9222');
});

test.run();
