import path from 'node:path';
import { servePages, type PageServer } from '../../src/testing.js';
import { FIXTURES } from './paths.js';

export type { PageServer };

/** A loopback HTTP server for test pages: files under test/fixtures/pages plus pages registered at run time. */
export function startPageServer(): Promise<PageServer> {
  return servePages({}, { root: path.join(FIXTURES, 'pages') });
}
