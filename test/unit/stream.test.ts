// The pure pieces of the live view: which WebSocket origins may drive the browser, and the key
// codes Chromium needs for editing keys.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { virtualKeyCode } from '../../src/browser/cdp-input.js';
import { allowedOrigin } from '../../src/daemon/stream-server.js';
import { viewerPage } from '../../src/cli/stream-viewer.js';

test('allowedOrigin: no Origin, file pages and loopback hosts on any port', () => {
  for (const origin of [
    undefined,
    '',
    'file://',
    'file:///home/ada/viewer.html',
    'http://localhost',
    'http://localhost:5173',
    'https://localhost:8443',
    'http://127.0.0.1:1234',
    'http://127.255.0.9',
    'http://[::1]:3000',
  ]) {
    assert.ok(allowedOrigin(origin), String(origin));
  }
});

test('allowedOrigin: everything else, including "null", look-alike names and other schemes', () => {
  for (const origin of [
    'null',
    'http://evil.example',
    'https://localhost.evil.example',
    'http://127.0.0.1.evil.example',
    'http://128.0.0.1',
    'http://10.0.0.2:3000',
    'http://[::2]',
    'http://0.0.0.0:8080',
    'chrome-extension://abc',
    'ws://127.0.0.1',
    'not a url',
  ]) {
    assert.not.ok(allowedOrigin(origin), origin);
  }
});

test('virtualKeyCode: editing and navigation keys, letters, digits and F-keys; undefined for the rest', () => {
  assert.equal(
    ['Backspace', 'Tab', 'Enter', 'Escape', ' ', 'ArrowLeft', 'ArrowDown', 'Delete', 'Home', 'PageDown'].map(virtualKeyCode),
    [8, 9, 13, 27, 32, 37, 40, 46, 36, 34],
  );
  assert.equal(['a', 'Z', '0', '9', 'F1', 'F12', 'F24'].map(virtualKeyCode), [65, 90, 48, 57, 112, 123, 135]);
  assert.equal(['é', ';', 'F25', 'Dead', ''].map(virtualKeyCode), [undefined, undefined, undefined, undefined, undefined]);
});

test('the viewer page carries the session name as data, never as markup', () => {
  const page = viewerPage('</script><img src=x onerror=alert(1)>', 'n0nce');
  assert.not.ok(page.includes('</script><img'), 'the name cannot close the script element');
  assert.ok(page.includes('<script nonce="n0nce">'));
});

test.run();
