// Installs the reference tool (npm package `agent-browser`) at a given version into a cache under
// os.tmpdir(), keyed by version, so a second run reuses it. Both 0.6.0 and the current releases ship
// their native CLIs inside the package, so no install script is needed (the postinstall would only
// download a binary that is already there, or chmod it). Other peers (Playwright MCP) go through
// ensurePackage, into the same cache.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CACHE = path.join(os.tmpdir(), 'agent-browser-bench-peers');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The exact version `latest` resolves to (remembered, so an offline run can reuse the last install). */
async function resolveVersion(spec) {
  if (/^\d+\.\d+\.\d+/.test(spec)) return spec;
  const remembered = path.join(CACHE, `${spec}.version`);
  try {
    const { stdout } = await run(npm, ['view', `agent-browser@${spec}`, 'version'], { timeout: 60_000 });
    const version = stdout
      .trim()
      .split('\n')
      .pop()
      .replace(/^.*'(.+)'$/, '$1');
    fs.mkdirSync(CACHE, { recursive: true });
    fs.writeFileSync(remembered, version);
    return version;
  } catch (error) {
    if (fs.existsSync(remembered)) return fs.readFileSync(remembered, 'utf8').trim();
    throw new Error(`npm view agent-browser@${spec} failed: ${firstLine(error)}`);
  }
}

/**
 * Installs `<name>@<version>` (an exact version) into `prefix` unless it is there already, without
 * install scripts (npm 11 skips them anyway); resolves to the package's folder.
 */
async function installInto(prefix, name, version, progress) {
  const pkgDir = path.join(prefix, 'node_modules', ...name.split('/'));
  const installed = () => {
    try {
      return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  };
  if (!installed()) {
    progress(`installing ${name}@${version} into ${prefix} …`);
    const staging = `${prefix}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      await run(npm, ['install', '--prefix', staging, `${name}@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
        timeout: 300_000,
      });
      fs.rmSync(prefix, { recursive: true, force: true });
      fs.renameSync(staging, prefix);
    } catch (error) {
      throw new Error(`npm install ${name}@${version} failed: ${firstLine(error)}`);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  return pkgDir;
}

/** Resolves to { version, pkgDir, nativeCli, npmCli } (npmCli: npm's node_modules/.bin wrapper) for `agent-browser@<spec>`, installing it on first use. */
export async function ensurePeer(spec, progress) {
  const version = await resolveVersion(spec);
  const prefix = path.join(CACHE, version);
  const pkgDir = await installInto(prefix, 'agent-browser', version, progress);
  const nativeCli = path.join(pkgDir, 'bin', `agent-browser-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
  if (!fs.existsSync(nativeCli)) throw new Error(`agent-browser@${version} has no CLI binary for ${process.platform}-${process.arch}`);
  fs.chmodSync(nativeCli, 0o755);
  return { version, pkgDir, nativeCli, npmCli: path.join(prefix, 'node_modules', '.bin', 'agent-browser') };
}

/**
 * Any other npm package at an exact version (e.g. `@playwright/mcp`, `0.0.86`), in the same cache:
 * resolves to { name, version, prefix, pkgDir, bin(name) } where bin gives the path of one of its
 * `bin` entries as a file to run with node (not npm's wrapper).
 */
export async function ensurePackage(name, version, progress) {
  const prefix = path.join(CACHE, `${name.replace(/^@/, '').replace(/\//g, '+')}@${version}`);
  const pkgDir = await installInto(prefix, name, version, progress);
  const manifest = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const bins = typeof manifest.bin === 'string' ? { [name.split('/').pop()]: manifest.bin } : (manifest.bin ?? {});
  return {
    name,
    version,
    prefix,
    pkgDir,
    bin(binName = Object.keys(bins)[0]) {
      if (!bins[binName]) throw new Error(`${name}@${version} has no bin "${binName}"`);
      return path.join(pkgDir, bins[binName]);
    },
  };
}

function firstLine(error) {
  return (
    String(error.stderr || error.message)
      .trim()
      .split('\n')
      .filter((line) => !/Unknown (user|env) config/.test(line))[0] ?? 'unknown error'
  );
}
