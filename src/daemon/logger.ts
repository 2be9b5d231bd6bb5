import fs from 'node:fs';
import type { Logger } from '../host/types.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** Appends timestamped lines to the session's log file (and stderr when running in the foreground). */
export function createLogger(file: string | null, options: { debug: boolean; echo: boolean }): Logger {
  const stream = file ? fs.createWriteStream(file, { flags: 'a', mode: 0o600 }) : null;
  stream?.on('error', () => undefined);
  const write = (level: Level, message: string, details?: unknown) => {
    if (level === 'debug' && !options.debug) return;
    const extra = details === undefined ? '' : ` ${details instanceof Error ? (details.stack ?? details.message) : JSON.stringify(details)}`;
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${extra}\n`;
    stream?.write(line);
    if (options.echo) process.stderr.write(line);
  };
  return {
    debug: (message, details) => write('debug', message, details),
    info: (message, details) => write('info', message, details),
    warn: (message, details) => write('warn', message, details),
    error: (message, details) => write('error', message, details),
  };
}
