import fs from 'node:fs/promises';
import nodePath from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { defineAction, definePlugin } from '../host/define.js';
import type { ActionContext } from '../host/types.js';
import { ActionError } from '../protocol/errors.js';
import * as contracts from '../protocol/actions/state.js';

/** The browser context, launching the browser first (cookies and credentials live on it). */
async function context(ctx: ActionContext): Promise<BrowserContext> {
  await ctx.page();
  return ctx.browser.context!;
}

type StorageKind = 'local' | 'session';

/** Runs in the page: reads one key, or every key, of local or session storage. */
function readStorage([kind, key]: [StorageKind, string | null]): { value: string | null; data: Record<string, string> } {
  const store = kind === 'local' ? window.localStorage : window.sessionStorage;
  if (key !== null) return { value: store.getItem(key), data: {} };
  const data: Record<string, string> = {};
  for (let i = 0; i < store.length; i += 1) {
    const name = store.key(i);
    if (name !== null) data[name] = store.getItem(name) ?? '';
  }
  return { value: null, data };
}

/** Page errors about storage (opaque origins such as about:blank or data: URLs) as advice. */
function storageError(error: unknown, url: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (/SecurityError|Access is denied|denied for this document/i.test(message)) {
    return new ActionError(
      'NOT_SUPPORTED',
      `This page (${url || 'about:blank'}) has no storage of its own (an opaque origin such as about:blank or a data: URL). Open a page of the site first, e.g. 'agent-browser open <url>'.`,
      { cause: error },
    );
  }
  return error;
}

async function inFrame<T>(ctx: ActionContext, work: (frame: Awaited<ReturnType<ActionContext['frame']>>) => Promise<T>): Promise<T> {
  const frame = await ctx.frame();
  try {
    return await work(frame);
  } catch (error) {
    throw storageError(error, frame.url());
  }
}

/** A storage state as `state save` writes it: `{cookies: [...], origins: [...]}`. */
async function checkStateFile(file: string): Promise<void> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ActionError('FILE_NOT_FOUND', `State file not found: ${file}`);
    throw new ActionError('INVALID_PARAMS', `Cannot read state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const hint = `Expected JSON {"cookies": [...], "origins": [...]} as written by 'agent-browser state save <path>'.`;
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch {
    throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file: it is not JSON. ${hint}`);
  }
  const record = state as { cookies?: unknown; origins?: unknown } | null;
  const shaped =
    typeof record === 'object' &&
    record !== null &&
    !Array.isArray(record) &&
    (record.cookies !== undefined || record.origins !== undefined) &&
    (record.cookies === undefined || Array.isArray(record.cookies)) &&
    (record.origins === undefined || Array.isArray(record.origins));
  if (!shaped) throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file. ${hint}`);
  const cookies = (record.cookies ?? []) as unknown[];
  if (
    cookies.some(
      (c) => typeof c !== 'object' || c === null || typeof (c as { name?: unknown }).name !== 'string' || typeof (c as { value?: unknown }).value !== 'string',
    )
  ) {
    throw new ActionError('INVALID_PARAMS', `${file} is not a storage state file: every cookie needs a string name and value. ${hint}`);
  }
}

// ---------------------------------------------------------------------------------------------
// The state folder (config `stateDir`): named state files, `<stateDir>/<name>.json`.

const STATE_NAME = /^[a-zA-Z0-9_.-]+$/;

/** True for `login` or `login.json`: no path separator, so it names a file in the state folder. */
function isBareName(value: string): boolean {
  return !/[\\/]/.test(value) && value !== '~';
}

/** `login` or `login.json` → `login.json`, validated; `field` names the request field in messages. */
function stateFileName(value: string, field: string): string {
  if (/[\\/]/.test(value)) {
    throw new ActionError(
      'INVALID_PARAMS',
      `${field}: "${value}" is a path; give the name of a file in the state folder (letters, digits, ".", "_" and "-"), e.g. "login". See 'agent-browser state list'.`,
    );
  }
  const base = value.endsWith('.json') ? value.slice(0, -'.json'.length) : value;
  if (!STATE_NAME.test(value) || base === '' || /^\.+$/.test(base)) {
    throw new ActionError(
      'INVALID_PARAMS',
      `${field}: "${value}" is not a valid state name; use letters, digits, ".", "_" and "-" only, e.g. "login" or "login.json".`,
    );
  }
  return `${base}.json`;
}

/** Where `state_save`/`state_load` read and write: a bare name goes to the state folder, a path stays a path. */
function resolveStatePath(ctx: ActionContext, value: string): string {
  if (!isBareName(value)) return value;
  if (!STATE_NAME.test(value)) {
    throw new ActionError(
      'INVALID_PARAMS',
      `"${value}" is not a valid state name (letters, digits, ".", "_" and "-"); to use a file outside the state folder give a path, e.g. ./${value}.`,
    );
  }
  return nodePath.join(ctx.config.stateDir, stateFileName(value, 'path'));
}

interface StateFileInfo {
  filename: string;
  path: string;
  size: number;
  modified: string;
  encrypted: false;
  /** mtime in ms, for state_clean (not sent). */
  mtimeMs: number;
}

async function fileInfo(dir: string, filename: string): Promise<StateFileInfo | undefined> {
  const file = nodePath.join(dir, filename);
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    return { filename, path: file, size: stat.size, modified: stat.mtime.toISOString(), encrypted: false, mtimeMs: stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Every `.json` file of the state folder, by name; none when the folder does not exist. */
async function stateFiles(dir: string): Promise<StateFileInfo[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const infos = await Promise.all(
    names
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => fileInfo(dir, name)),
  );
  return infos.filter((info): info is StateFileInfo => info !== undefined);
}

function publicInfo({ mtimeMs: _mtime, ...info }: StateFileInfo): Omit<StateFileInfo, 'mtimeMs'> {
  return info;
}

function notFound(file: string): ActionError {
  return new ActionError('FILE_NOT_FOUND', `State file not found: ${file}. Run 'agent-browser state list' to see the saved states.`);
}

/** Deletes files of the state folder; a file already gone is skipped. Returns the names deleted. */
async function deleteFiles(files: StateFileInfo[]): Promise<string[]> {
  const deleted: string[] = [];
  for (const file of files) {
    try {
      await fs.unlink(file.path);
      deleted.push(file.filename);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return deleted;
}

export default definePlugin({
  name: 'agent-browser:state',
  apply(host) {
    host.addAction(
      defineAction({
        ...contracts.cookies_get,
        async handler({ urls }, ctx) {
          return { cookies: await (await context(ctx)).cookies(urls) };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.cookies_set,
        async handler({ cookies }, ctx) {
          const page = await ctx.page();
          const pageUrl = page.url();
          const prepared = cookies.map((cookie) => {
            if (cookie.url || cookie.domain) return cookie.domain && !cookie.url ? { path: '/', ...cookie } : cookie;
            if (!/^https?:/.test(pageUrl)) {
              throw new ActionError(
                'INVALID_PARAMS',
                `Cookie "${cookie.name}" has no url or domain and the current page (${pageUrl || 'about:blank'}) is not a web page. Open the site first, or give a url (CLI: --url https://example.com).`,
              );
            }
            const url = new URL(pageUrl);
            if (cookie.path) return { ...cookie, domain: url.hostname };
            return { ...cookie, url: url.origin };
          });
          try {
            await page.context().addCookies(prepared);
          } catch (error) {
            const message = (error instanceof Error ? error.message : String(error)).replace(/^browserContext\.addCookies:\s*/, '');
            throw new ActionError('INVALID_PARAMS', `Could not set the cookie(s): ${message.split('\n')[0]}`, { cause: error });
          }
          return { set: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.cookies_clear,
        async handler(_, ctx) {
          await (await context(ctx)).clearCookies();
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.storage_get,
        async handler({ type, key }, ctx) {
          const read = await inFrame(ctx, (frame) => frame.evaluate(readStorage, [type, key ?? null] as [StorageKind, string | null]));
          return key !== undefined ? { key, value: read.value } : { data: read.data };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.storage_set,
        async handler({ type, key, value }, ctx) {
          await inFrame(ctx, (frame) =>
            frame.evaluate(([kind, k, v]) => (kind === 'local' ? window.localStorage : window.sessionStorage).setItem(k, v), [type, key, value] as const),
          );
          return { set: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.storage_clear,
        async handler({ type }, ctx) {
          await inFrame(ctx, (frame) => frame.evaluate((kind) => (kind === 'local' ? window.localStorage : window.sessionStorage).clear(), type));
          return { cleared: true };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_save,
        async handler({ path: given }, ctx) {
          const path = resolveStatePath(ctx, given);
          const inFolder = path !== given;
          if (inFolder) await fs.mkdir(nodePath.dirname(path), { recursive: true, mode: 0o700 });
          await (await context(ctx)).storageState({ path });
          // Cookies are credentials: keep the file readable by its owner only.
          await fs.chmod(path, 0o600).catch(() => undefined);
          return { path };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_load,
        async handler({ path: given }, ctx) {
          const path = resolveStatePath(ctx, given);
          await checkStateFile(path);
          await ctx.browser.recreateContext({ storageState: path });
          return { loaded: true, path };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_list,
        async handler(_, ctx) {
          const directory = ctx.config.stateDir;
          return { files: (await stateFiles(directory)).map(publicInfo), directory };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_show,
        async handler({ filename }, ctx) {
          const name = stateFileName(filename, 'filename');
          const info = await fileInfo(ctx.config.stateDir, name);
          if (!info) throw notFound(nodePath.join(ctx.config.stateDir, name));
          let state: { cookies?: Array<{ domain?: unknown }>; origins?: unknown[] };
          try {
            state = JSON.parse(await fs.readFile(info.path, 'utf8'));
          } catch (error) {
            throw new ActionError('INVALID_PARAMS', `${info.path} is not a storage state file: ${(error as Error).message}`, { cause: error });
          }
          const cookies = Array.isArray(state?.cookies) ? state.cookies : [];
          const origins = Array.isArray(state?.origins) ? state.origins : [];
          const domains = [...new Set(cookies.map((c) => c?.domain).filter((d): d is string => typeof d === 'string'))].sort();
          return { ...publicInfo(info), summary: { cookies: cookies.length, origins: origins.length, domains }, state };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_clear,
        async handler({ sessionName, all }, ctx) {
          const dir = ctx.config.stateDir;
          let targets: StateFileInfo[];
          if (all) {
            targets = await stateFiles(dir);
          } else if (sessionName !== undefined) {
            const info = await fileInfo(dir, stateFileName(sessionName, 'sessionName'));
            targets = info ? [info] : [];
          } else {
            throw new ActionError(
              'INVALID_PARAMS',
              "Pass sessionName (the state file to delete) or all: true (every state file). CLI: 'agent-browser state clear <name>' or 'state clear --all'.",
            );
          }
          const deleted = await deleteFiles(targets);
          return { cleared: deleted.length, deleted };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_clean,
        async handler({ days }, ctx) {
          const files = await stateFiles(ctx.config.stateDir);
          const cutoff = Date.now() - days * 24 * 60 * 60 * 1000;
          const old = files.filter((file) => file.mtimeMs < cutoff);
          const deleted = await deleteFiles(old);
          return { cleaned: deleted.length, deleted, keptCount: files.length - deleted.length, days };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.state_rename,
        async handler({ oldName, newName }, ctx) {
          const dir = ctx.config.stateDir;
          const from = stateFileName(oldName, 'oldName');
          const to = stateFileName(newName, 'newName');
          const source = nodePath.join(dir, from);
          const target = nodePath.join(dir, to);
          if (!(await fileInfo(dir, from))) throw notFound(source);
          const exists = () =>
            new ActionError(
              'FILE_EXISTS',
              `A state file named ${to} already exists: ${target}. Choose another name, or delete it first with 'agent-browser state clear ${to.slice(0, -5)}'.`,
            );
          if (from === to) throw exists();
          try {
            // link + unlink: fails instead of overwriting when the target appears meanwhile.
            await fs.link(source, target);
            await fs.unlink(source);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code === 'EEXIST') throw exists();
            if (code === 'ENOENT') throw notFound(source);
            // A file system without hard links.
            if (await fileInfo(dir, to)) throw exists();
            await fs.rename(source, target);
          }
          return { renamed: true, oldName: from, newName: to, path: target };
        },
      }),
    );
    host.addAction(
      defineAction({
        ...contracts.credentials,
        async handler({ username, password }, ctx) {
          const browserContext = await context(ctx);
          await browserContext.setHTTPCredentials({ username, password });
          // Kept for a context that is created anew (state_load, emulation changes).
          ctx.browser.keepContextOptions({ httpCredentials: { username, password } });
          return { set: true };
        },
      }),
    );
  },
});
