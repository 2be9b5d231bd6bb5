import os from 'node:os';
import { platformPath } from '../config/paths.js';

export type TransportKind = 'unix' | 'tcp';

/** Where one session's daemon listens and keeps its sidecar files (PROTOCOL.md §1). */
export interface SessionEndpoint {
  session: string;
  transport: TransportKind;
  /** Folder holding the session's files. */
  dir: string;
  socketPath: string;
  pidPath: string;
  portPath: string;
  streamPath: string;
  /** TCP only: the per-session secret clients send as `token`; mode 0600. */
  tokenPath: string;
  logPath: string;
  /** Held by the one daemon going from "nothing answers" to listening (start-up races). */
  lockPath: string;
  /** The running daemon's agent-browser version, so a CLI of another version notices. */
  versionPath: string;
  /** The port TCP clients fall back to when the `.port` file is missing. */
  hashPort: number;
  /** True when the files live in an AGENT_BROWSER_SOCKET_DIR-style folder (`<dir>/<session>.*`). */
  customDir: boolean;
}

export interface EndpointOptions {
  session: string;
  transport: TransportKind;
  socketDir?: string;
  tmpdir?: string;
  /** Whose path rules build the file names (default: this OS's). */
  platform?: NodeJS.Platform;
}

export function sessionEndpoint(options: EndpointOptions): SessionEndpoint {
  const customDir = Boolean(options.socketDir);
  const dir = (customDir ? options.socketDir : undefined) ?? options.tmpdir ?? os.tmpdir();
  const { join } = platformPath(options.platform);
  const base = customDir ? join(dir, options.session) : join(dir, `agent-browser-${options.session}`);
  return {
    session: options.session,
    transport: options.transport,
    dir,
    socketPath: `${base}.sock`,
    pidPath: `${base}.pid`,
    portPath: `${base}.port`,
    streamPath: `${base}.stream`,
    tokenPath: `${base}.token`,
    logPath: `${base}.log`,
    lockPath: `${base}.lock`,
    versionPath: `${base}.version`,
    hashPort: portForSession(options.session),
    customDir,
  };
}

/** Java-style string hash over UTF-16 code units with 32-bit wrap (the reference's port hash). */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (hash << 5) - hash + text.charCodeAt(i);
    hash |= 0;
  }
  return hash;
}

export function portForSession(session: string): number {
  return 49152 + (Math.abs(javaStringHash(session)) % 16383);
}

export function defaultTransport(platform: NodeJS.Platform = process.platform): TransportKind {
  return platform === 'win32' ? 'tcp' : 'unix';
}

/** sun_path capacity including the terminating NUL. */
export function socketPathLimit(platform: NodeJS.Platform = process.platform): number {
  return platform === 'darwin' || platform.endsWith('bsd') ? 104 : 108;
}

/**
 * libuv silently truncates socket paths that do not fit sun_path, so a daemon would listen
 * somewhere no client looks. Returns the problem as a sentence, or null when the path fits.
 */
export function socketPathProblem(socketPath: string, platform: NodeJS.Platform = process.platform): string | null {
  const bytes = Buffer.byteLength(socketPath) + 1;
  const limit = socketPathLimit(platform);
  if (bytes <= limit) return null;
  return (
    `The socket path ${socketPath} is ${bytes} bytes long (with its NUL terminator), ` +
    `but Unix sockets on ${platform} allow at most ${limit}. ` +
    'Use a shorter session name, or set AGENT_BROWSER_SOCKET_DIR (or socketDir in .agentbrowserrc) to a short folder such as /tmp/ab.'
  );
}
