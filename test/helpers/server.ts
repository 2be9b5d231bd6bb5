import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { FIXTURES } from './paths.js';

export interface PageServer {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  url(pathname: string): string;
  /** Serve `html` at `pathname` (overrides files). */
  page(pathname: string, html: string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };

/** A loopback HTTP server for test pages: files under test/fixtures/pages plus pages registered at run time. */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const root = path.join(FIXTURES, 'pages');
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const dynamic = pages.get(pathname);
    if (dynamic !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html']! });
      response.end(dynamic);
      return;
    }
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (pathname) => `${origin}${pathname.startsWith('/') ? '' : '/'}${pathname}`,
    page: (pathname, html) => pages.set(pathname, html),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
