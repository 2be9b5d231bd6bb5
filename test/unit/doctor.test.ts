// The browser check when discovery finds nothing: the integration tests cannot hide this
// machine's Chromium, so the real BrowserNotFoundError of each case is formatted here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { browserNotFound } from '../../src/cli/doctor.js';
import { BrowserNotFoundError, findBrowser } from '../../src/config/browser.js';

function notFound(input: Parameters<typeof findBrowser>[0]): BrowserNotFoundError {
  try {
    findBrowser({ ...input, exists: () => false });
  } catch (error) {
    if (error instanceof BrowserNotFoundError) return error;
    throw error;
  }
  throw new Error('findBrowser found a browser');
}

test('no browser anywhere: ✗ listing every path looked at, with the install advice of the platform', () => {
  const error = notFound({ platform: 'linux', env: {}, playwrightPath: '/home/ada/.cache/ms-playwright/chromium-1/chrome-linux/chrome' });
  const check = browserNotFound(error, false, 'linux');
  assert.is(check.status, 'fail');
  assert.match(
    check.message,
    'no Chrome or Chromium found. Looked for: /home/ada/.cache/ms-playwright/chromium-1/chrome-linux/chrome, /usr/lib/chromium/chromium, /usr/bin/chromium',
  );
  assert.match(check.fix!, 'sudo apt-get install chromium');
  assert.match(check.fix!, '--executable-path');
  assert.match(browserNotFound(notFound({ platform: 'darwin', env: {} }), false, 'darwin').fix!, 'brew install --cask chromium');
});

test('a configured path that is not there: ✗ naming it and where it was set, fix: change or remove that setting', () => {
  const check = browserNotFound(notFound({ explicit: { path: '/opt/chrome', from: 'env AGENT_BROWSER_EXECUTABLE_PATH' } }), true);
  assert.is(
    check.message,
    'Browser: The browser executable "/opt/chrome" set by env AGENT_BROWSER_EXECUTABLE_PATH does not exist or is not an executable file.',
  );
  assert.match(check.fix!, 'Fix or remove that setting (env AGENT_BROWSER_EXECUTABLE_PATH)');
});

test.run();
