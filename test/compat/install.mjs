#!/usr/bin/env node
// Installs the original agent-browser Rust CLIs (0.6.0 and 0.19.0) that the `compat` test tier
// drives against this project's daemon. They come from npm as package aliases into a cache folder
// outside the repo, only when missing, with install scripts off:
//
//   npm install --prefix <cache> --ignore-scripts --save-exact \
//     ab06@npm:agent-browser@0.6.0 ab019@npm:agent-browser@0.19.0
//
// Each package carries its prebuilt binaries (bin/agent-browser-<os>-<arch>); the one for this
// platform is copied to <cache>/cli-<version>/agent-browser, a folder with no dist/daemon.js or
// dist/auth-cli.js next to it, so the copy cannot start a daemon of its own.
//
// Cache folder: $AGENT_BROWSER_COMPAT_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/agent-browser-compat.
// Run directly (`node test/compat/install.mjs`) it prints what it did, or why the tier will skip,
// and exits 0 either way (a skip is not a set-up failure).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI versions the tier covers, with the npm alias each is installed under. */
export const VERSIONS = [
  { version: '0.6.0', alias: 'ab06' },
  { version: '0.19.0', alias: 'ab019' },
];

export function cacheDir(env = process.env) {
  if (env.AGENT_BROWSER_COMPAT_CACHE) return path.resolve(env.AGENT_BROWSER_COMPAT_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'agent-browser-compat');
}

/** The binary name inside the packages for this platform, or undefined when none is shipped. */
export function binaryName(platform = process.platform, arch = process.arch) {
  const osKey = { linux: 'linux', darwin: 'darwin' }[platform];
  const archKey = { x64: 'x64', arm64: 'arm64' }[arch];
  // Windows binaries exist too, but the tier drives the daemon over a Unix socket.
  if (!osKey || !archKey) return undefined;
  return `agent-browser-${osKey}-${archKey}`;
}

function installedVersion(cache, alias) {
  try {
    return JSON.parse(fs.readFileSync(path.join(cache, 'node_modules', alias, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Makes sure both CLIs are installed and copied out. Returns
 * `{ ok: true, cache, clis: [{ version, alias, bin, packageDir }] }` or `{ ok: false, reason }`.
 */
let settled;

export function ensureClis(options = {}) {
  // Both suites of the tier run in one process: install (or fail) once.
  settled ??= install(options);
  return settled;
}

function install(options) {
  const log = options.log ?? (() => {});
  const env = options.env ?? process.env;
  const name = binaryName();
  if (!name) return { ok: false, reason: `no agent-browser binary for ${process.platform}-${process.arch} (the packages ship linux/darwin x64/arm64)` };
  const cache = cacheDir(env);
  fs.mkdirSync(cache, { recursive: true });

  const missing = VERSIONS.filter(
    ({ version, alias }) => installedVersion(cache, alias) !== version || !fs.existsSync(path.join(cache, 'node_modules', alias, 'bin', name)),
  );
  if (missing.length > 0) {
    const specs = missing.map(({ version, alias }) => `${alias}@npm:agent-browser@${version}`);
    log(`» npm install --prefix ${cache} --ignore-scripts ${specs.join(' ')}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // Few, short retries: an unreachable registry should mean a quick skip, not minutes of back-off.
    const flags = [
      '--ignore-scripts',
      '--save-exact',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--fetch-retries=2',
      '--fetch-retry-mintimeout=1000',
      '--fetch-retry-maxtimeout=4000',
    ];
    const result = spawnSync(npm, ['install', '--prefix', cache, ...flags, ...specs], {
      encoding: 'utf8',
      timeout: 10 * 60_000,
      env: { ...env, npm_config_update_notifier: 'false' },
    });
    if (result.error || result.status !== 0) {
      const lines = (result.error?.message ?? `${result.stderr ?? ''}${result.stdout ?? ''}`).trim().split('\n');
      const telling = lines.filter((line) => /\b(code|errno|request to|network|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|E404|EACCES)\b/i.test(line));
      const detail = (telling.length > 0 ? telling : lines).slice(-4).join('\n');
      return { ok: false, reason: `npm could not install ${specs.join(' ')} (registry unreachable?):\n${detail}` };
    }
  }

  const clis = [];
  for (const { version, alias } of VERSIONS) {
    const packageDir = path.join(cache, 'node_modules', alias);
    const got = installedVersion(cache, alias);
    if (got !== version) return { ok: false, reason: `${packageDir} holds agent-browser ${got ?? '(nothing)'}, not ${version}` };
    const source = path.join(packageDir, 'bin', name);
    if (!fs.existsSync(source)) return { ok: false, reason: `agent-browser ${version} ships no ${name}` };
    // A folder of its own: no dist/daemon.js, daemon.js or auth-cli.js beside or above the copy.
    const bin = path.join(cache, `cli-${version}`, 'agent-browser');
    const stale = !fs.existsSync(bin) || fs.statSync(bin).size !== fs.statSync(source).size;
    if (stale) {
      fs.mkdirSync(path.dirname(bin), { recursive: true });
      fs.copyFileSync(source, `${bin}.tmp`);
      fs.chmodSync(`${bin}.tmp`, 0o755);
      fs.renameSync(`${bin}.tmp`, bin);
    }
    let printed = '';
    try {
      printed = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 10_000, env: { ...env, NO_COLOR: '1' } }).trim();
    } catch (error) {
      return { ok: false, reason: `${bin} does not run here: ${error.message.split('\n')[0]}` };
    }
    if (printed !== `agent-browser ${version}`) return { ok: false, reason: `${bin} --version printed ${JSON.stringify(printed)}` };
    clis.push({ version, alias, bin, packageDir });
  }
  return { ok: true, cache, clis };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = ensureClis({ log: (line) => console.log(line) });
  if (result.ok) for (const cli of result.clis) console.log(`» agent-browser ${cli.version}: ${cli.bin}`);
  else console.log(`» compat CLIs unavailable, the compat tier will skip: ${result.reason}`);
}
