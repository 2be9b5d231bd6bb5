// The pages every subject is measured on, served by the bench itself on 127.0.0.1; optionally also
// folders of static files (the token bench's corpus: Debian's documentation and bench/pages/).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const small = '<!doctype html><title>small</title><h1>Small page</h1><p>Hello from the bench.</p>';

const form = `<!doctype html><title>form</title>
<h1>Sign up</h1>
<form onsubmit="return false">
  <label>Name <input id="name" name="name"></label>
  <label>Email <input id="email" type="email" name="email"></label>
  <label>Password <input id="password" type="password" name="password"></label>
  <label>Country <select id="country"><option>France</option><option>Germany</option><option>Japan</option></select></label>
  <label>About you <textarea id="about"></textarea></label>
  <label><input id="terms" type="checkbox"> I accept the terms</label>
  <fieldset><legend>Plan</legend>
    <label><input type="radio" name="plan" value="free" checked> Free</label>
    <label><input type="radio" name="plan" value="pro"> Pro</label>
  </fieldset>
  <button id="submit" type="button" onclick="document.getElementById('clicks').textContent = String(++window.clicks)">Submit</button>
  <button type="reset">Reset</button>
</form>
<p>Clicked <output id="clicks">0</output> times. <a href="/small">Small page</a> · <a href="/table">Table</a></p>
<script>window.clicks = 0</script>`;

const rows = Array.from(
  { length: 1000 },
  (_, i) => `<tr><td>${i + 1}</td><td>Item ${i + 1}</td><td>${((i * 37) % 1000) / 10} EUR</td><td>${i % 3 ? 'in stock' : 'sold out'}</td></tr>`,
);
const table = `<!doctype html><title>table</title><h1>Inventory</h1>
<table><thead><tr><th>#</th><th>Name</th><th>Price</th><th>Status</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;

// Targets that exist but cannot take the action: covered by an overlay, hidden, read-only; and buttons the bench removes after a snapshot.
const refuse = `<!doctype html><title>refuse</title>
<h1>Refusals</h1>
<input id="readonly" readonly value="fixed" aria-label="Fixed">
<button id="covered" type="button">Covered</button>
<button id="hidden" type="button" style="display:none">Hidden</button>
<div id="spares"></div>
<div style="position:fixed;inset:0;top:40px;background:#0002"></div>`;

const PAGES = { '/small': small, '/form': form, '/table': table, '/refuse': refuse };

// A 1×1 transparent PNG.
const FAVICON = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file under one of `mounts` ({ '/prefix/': folder }) that a request path names, or null (never outside its folder). */
function mountedFile(mounts, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  for (const [prefix, folder] of Object.entries(mounts)) {
    if (!pathname.startsWith(prefix)) continue;
    const file = path.resolve(folder, `.${path.posix.normalize(`/${pathname.slice(prefix.length)}`)}`);
    if (file !== path.resolve(folder) && !file.startsWith(`${path.resolve(folder)}${path.sep}`)) return null;
    try {
      return fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Starts the page server; resolves to { urls: {small, form, table, refuse}, base, close() }. `mounts`
 * maps URL prefixes ending in `/` to folders whose files it serves as they are.
 */
export async function servePages({ mounts = {} } = {}) {
  const server = http.createServer((req, res) => {
    const body = PAGES[req.url];
    if (body) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
      return;
    }
    // With folders mounted, a favicon (a 404 would put an error in every page's console, which some subjects report).
    if (req.url === '/favicon.ico' && Object.keys(mounts).length > 0) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
      res.end(FAVICON);
      return;
    }
    const file = mountedFile(mounts, req.url);
    fs.readFile(file ?? '', (error, content) => {
      if (error) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(content);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    urls: { small: `${base}/small`, form: `${base}/form`, table: `${base}/table`, refuse: `${base}/refuse` },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
