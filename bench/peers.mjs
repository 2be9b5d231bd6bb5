// Installs the reference tool (npm package `agent-browser`) at a given version into a cache under
// os.tmpdir(), keyed by version, so a second run reuses it. Both 0.6.0 and the current releases ship
// their native CLIs inside the package, so no install script is needed (the postinstall would only
// download a binary that is already there, or chmod it).
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

/** Resolves to { version, pkgDir, nativeCli, npmCli } (npmCli: npm's node_modules/.bin wrapper) for `agent-browser@<spec>`, installing it on first use. */
export async function ensurePeer(spec, progress) {
  const version = await resolveVersion(spec);
  const prefix = path.join(CACHE, version);
  const pkgDir = path.join(prefix, 'node_modules', 'agent-browser');
  const installed = () => {
    try {
      return JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version === version;
    } catch {
      return false;
    }
  };
  if (!installed()) {
    progress(`installing agent-browser@${version} into ${prefix} …`);
    const staging = `${prefix}.tmp-${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    try {
      await run(npm, ['install', '--prefix', staging, `agent-browser@${version}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
        timeout: 300_000,
      });
      fs.rmSync(prefix, { recursive: true, force: true });
      fs.renameSync(staging, prefix);
    } catch (error) {
      throw new Error(`npm install agent-browser@${version} failed: ${firstLine(error)}`);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  }
  const nativeCli = path.join(pkgDir, 'bin', `agent-browser-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
  if (!fs.existsSync(nativeCli)) throw new Error(`agent-browser@${version} has no CLI binary for ${process.platform}-${process.arch}`);
  fs.chmodSync(nativeCli, 0o755);
  return { version, pkgDir, nativeCli, npmCli: path.join(prefix, 'node_modules', '.bin', 'agent-browser') };
}

function firstLine(error) {
  return (
    String(error.stderr || error.message)
      .trim()
      .split('\n')
      .filter((line) => !/Unknown (user|env) config/.test(line))[0] ?? 'unknown error'
  );
}
