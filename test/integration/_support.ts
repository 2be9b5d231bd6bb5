// Shared helpers for the integration tier (not a test file: it registers no tests).
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/paths.js';

export interface RawResult {
  /** Everything the daemon sent, as bytes. */
  bytes: Buffer;
  /** The answer lines, parsed. */
  answers: Record<string, any>[];
  /** True when the daemon ended or destroyed the connection (not our timeout). */
  closedByPeer: boolean;
  /** A socket error seen after connecting (e.g. ECONNRESET), if any. */
  error?: string;
}

/**
 * Writes `data` as is (no newline added) on one connection and collects what comes back: until
 * `expectLines` answer lines have arrived, or else until the daemon closes the connection.
 * Rejects when the connection cannot be made, or when `timeoutMs` passes first (an upper bound
 * against hangs, not a timing assertion).
 */
export function rawSession(
  target: net.NetConnectOpts,
  data: string | Buffer | Array<string | Buffer>,
  options: { timeoutMs?: number; expectLines?: number } = {},
): Promise<RawResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(target);
    const chunks: Buffer[] = [];
    let connected = false;
    let done = false;
    let error: string | undefined;
    const parse = () =>
      Buffer.concat(chunks)
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, any>);
    const finish = (closedByPeer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), answers: parse(), closedByPeer, error });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(
        new Error(
          `no ${options.expectLines ? `${options.expectLines} answer line(s)` : 'close'} within ${timeoutMs} ms; received: ${Buffer.concat(chunks).toString('utf8').slice(0, 500)}`,
        ),
      );
    }, timeoutMs);
    socket.on('connect', () => {
      connected = true;
      for (const part of Array.isArray(data) ? data : [data]) socket.write(part);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.expectLines !== undefined) {
        const lines = Buffer.concat(chunks).toString('latin1').split('\n').length - 1;
        if (lines >= options.expectLines) finish(false);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && !done) {
        done = true;
        clearTimeout(timer);
        reject(err);
        return;
      }
      error = err.code ?? err.message;
    });
    socket.on('close', () => finish(true));
  });
}

/** Resolves with how the process ended; rejects after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Polls `check` until it returns true; rejects after `timeoutMs` (an upper bound, not a timing assertion). */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills a daemon the CLI started (detached, not our child) if a test left it running. */
export async function killPidFile(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !pidAlive(pid)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
  await waitUntil(() => !pidAlive(pid), 5000, `pid ${pid} to die`).catch(() => undefined);
}

/** A temp project folder (resolved through symlinks, so paths compare equal). */
export function tempProject(prefix = 'abp-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

export function writeJson(file: string, value: unknown): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

/** `import { z } from '<this>'` in a plugin module written to a temp folder. */
export const ZOD_URL = pathToFileURL(path.join(ROOT, 'node_modules', 'zod', 'index.js')).href;

/** Writes a plugin module (.mjs) whose body may use `z`. */
export function writePlugin(dir: string, file: string, body: string): string {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, `import { z } from ${JSON.stringify(ZOD_URL)};\n${body}\n`);
  return full;
}

/** Whether we can listen on 127.0.0.1:`port` right now. */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

export function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

/** Files a session left in `dir` (`<session>.*`). */
export function sessionFilesIn(dir: string, session: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.startsWith(`${session}.`) && !name.endsWith('.log'))
      .sort();
  } catch {
    return [];
  }
}
