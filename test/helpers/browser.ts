import { findBrowser } from '../../src/config/browser.js';

/** The Chromium the tests drive: whatever discovery finds on this machine. */
export function testBrowserPath(): string {
  return findBrowser({}).path;
}

export const QUIET_ARGS = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
