// The pages every subject is measured on, served by the bench itself on 127.0.0.1.
import http from 'node:http';

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

// Targets that exist but cannot take a click: covered by an overlay, hidden; and buttons the bench removes after a snapshot.
const refuse = `<!doctype html><title>refuse</title>
<h1>Refusals</h1>
<button id="covered" type="button">Covered</button>
<button id="hidden" type="button" style="display:none">Hidden</button>
<div id="spares"></div>
<div style="position:fixed;inset:0;top:40px;background:#0002"></div>`;

const PAGES = { '/small': small, '/form': form, '/table': table, '/refuse': refuse };

/** Starts the page server; resolves to { urls: {small, form, table}, close() }. */
export async function servePages() {
  const server = http.createServer((req, res) => {
    const body = PAGES[req.url];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    urls: { small: `${base}/small`, form: `${base}/form`, table: `${base}/table`, refuse: `${base}/refuse` },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
