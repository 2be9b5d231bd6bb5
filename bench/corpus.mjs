// The token bench's corpus: real pages from Debian's documentation packages (installed by
// ensureDocs when missing) and the app-like pages in bench/pages/, all served by the bench on
// 127.0.0.1 through servePages' folder mounts.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The documentation packages: each is mounted at `mount` from `folder`, and counts as present when
 * `probe` exists. (Not nodejs-doc: on this machine it would replace the installed Node.)
 */
export const DOC_PACKAGES = [
  { pkg: 'python3-doc', mount: '/py/', folder: '/usr/share/doc/python3-doc/html', probe: 'index.html' },
  { pkg: 'postgresql-doc', mount: '/pg/', folder: '/usr/share/doc/postgresql-doc-15/html', probe: 'index.html' },
  { pkg: 'debian-reference-en', mount: '/debref/', folder: '/usr/share/debian-reference', probe: 'index.en.html' },
  { pkg: 'sqlite3-doc', mount: '/sqlite/', folder: '/usr/share/doc/sqlite3', probe: 'docs.html' },
];

/** The pages, in table order: `url` is relative to the server's base; `pkg` null for bench/pages/. */
export const CORPUS = [
  { id: 'py-index', kind: 'landing page', pkg: 'python3-doc', url: '/py/index.html' },
  { id: 'py-library', kind: 'index, long link list', pkg: 'python3-doc', url: '/py/library/index.html' },
  { id: 'py-modindex', kind: 'module index table', pkg: 'python3-doc', url: '/py/py-modindex.html' },
  { id: 'py-functions', kind: 'big reference', pkg: 'python3-doc', url: '/py/library/functions.html' },
  { id: 'py-tutorial', kind: 'tutorial', pkg: 'python3-doc', url: '/py/tutorial/controlflow.html' },
  { id: 'pg-index', kind: 'table of contents', pkg: 'postgresql-doc', url: '/pg/index.html' },
  { id: 'pg-commands', kind: 'long link list', pkg: 'postgresql-doc', url: '/pg/sql-commands.html' },
  { id: 'pg-select', kind: 'big reference', pkg: 'postgresql-doc', url: '/pg/sql-select.html' },
  { id: 'pg-functions-string', kind: 'reference tables', pkg: 'postgresql-doc', url: '/pg/functions-string.html' },
  { id: 'pg-tutorial-join', kind: 'tutorial', pkg: 'postgresql-doc', url: '/pg/tutorial-join.html' },
  { id: 'debref-index', kind: 'big table of contents', pkg: 'debian-reference-en', url: '/debref/index.en.html' },
  { id: 'debref-ch03', kind: 'handbook chapter, tables', pkg: 'debian-reference-en', url: '/debref/ch03.en.html' },
  { id: 'sqlite-docs', kind: 'index', pkg: 'sqlite3-doc', url: '/sqlite/docs.html' },
  { id: 'sqlite-corefunc', kind: 'reference', pkg: 'sqlite3-doc', url: '/sqlite/lang_corefunc.html' },
  { id: 'sqlite-cli', kind: 'tutorial', pkg: 'sqlite3-doc', url: '/sqlite/cli.html' },
  { id: 'sqlite-pragma', kind: 'big reference, link list', pkg: 'sqlite3-doc', url: '/sqlite/pragma.html' },
  { id: 'app-shop', kind: 'app: shop, mega menu, cookie banner', pkg: null, url: '/app/shop.html' },
  { id: 'app-dashboard', kind: 'app: admin data table', pkg: null, url: '/app/dashboard.html' },
  { id: 'app-signup', kind: 'app: sign-up form', pkg: null, url: '/app/signup.html' },
  { id: 'app-article', kind: 'app: news article, iframe', pkg: null, url: '/app/article.html' },
  { id: 'app-search', kind: 'app: search results, filters', pkg: null, url: '/app/search.html' },
];

/** The servePages mounts for the corpus. */
export function corpusMounts() {
  return { '/app/': path.join(here, 'pages'), ...Object.fromEntries(DOC_PACKAGES.map((doc) => [doc.mount, doc.folder])) };
}

const present = (doc) => fs.existsSync(path.join(doc.folder, doc.probe));

/**
 * The setup step: installs the documentation packages that are missing with apt-get (as root),
 * skipping those already present. Never throws: resolves to { missing: Map<pkg, why> } naming
 * the packages whose pages will be n/a, and reports what it did through `progress`.
 */
export async function ensureDocs(progress) {
  const wanted = DOC_PACKAGES.filter((doc) => !present(doc));
  const missing = new Map();
  if (wanted.length === 0) {
    progress(`corpus: ${DOC_PACKAGES.map((doc) => doc.pkg).join(', ')} already installed, nothing to install`);
    return { missing };
  }
  const names = wanted.map((doc) => doc.pkg);
  const noApt = (why) => {
    progress(`corpus: apt is unavailable (${why}); the pages of ${names.join(', ')} will be n/a`);
    for (const name of names) missing.set(name, `not installed: apt is unavailable (${why})`);
    return { missing };
  };
  if (process.platform !== 'linux') return noApt(`not Linux (${process.platform})`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return noApt('not running as root; run `sudo apt-get install -y ' + names.join(' ') + '`');
  try {
    await run('apt-get', ['--version'], { timeout: 10_000 });
  } catch {
    return noApt('no apt-get on PATH');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (list) => run('apt-get', ['install', '-y', '--no-install-recommends', ...list], { env, timeout: 600_000, maxBuffer: 64 << 20 });
  progress(`corpus: apt-get install -y --no-install-recommends ${names.join(' ')} …`);
  try {
    await install(names);
  } catch (first) {
    // Often a stale or missing package list: update once, then try each package on its own, so one
    // that cannot be installed does not keep the others out.
    progress(`corpus: apt-get install failed (${lastLine(first)}); running apt-get update and trying each package once more`);
    await run('apt-get', ['update'], { env, timeout: 300_000, maxBuffer: 64 << 20 }).catch((error) =>
      progress(`corpus: apt-get update failed: ${lastLine(error)}`),
    );
    for (const name of names) await install([name]).catch((error) => progress(`corpus: apt-get install ${name} failed again: ${lastLine(error)}`));
  }
  for (const doc of wanted) if (!present(doc)) missing.set(doc.pkg, `not installed (apt-get install ${doc.pkg} failed; see above)`);
  if (missing.size === 0) progress(`corpus: installed ${names.join(', ')}`);
  return { missing };
}

function lastLine(error) {
  return (
    String(error.stderr || error.message)
      .trim()
      .split('\n')
      .filter(Boolean)
      .pop() ?? 'unknown error'
  );
}
