/**
 * AES-256-GCM for the auth vault, in the reference's file format (0.19 `encryption.ts`), so a vault
 * either one wrote, the other reads. The key is 32 bytes, given as 64 hex characters in
 * AGENT_BROWSER_ENCRYPTION_KEY, or else kept in `~/.agent-browser/.encryption-key` (mode 0600),
 * which is created on first use. No playwright here: the CLI process loads this module.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { appDir } from '../config/paths.js';
import { ActionError } from '../protocol/errors.js';

/** The environment variable holding the key as 64 hex characters (`openssl rand -hex 32`). */
export const ENCRYPTION_KEY_ENV = 'AGENT_BROWSER_ENCRYPTION_KEY';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const KEY_BYTES = 32;
const KEY_FILE_NAME = '.encryption-key';
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/** An encrypted file's JSON, as the reference writes it (all binary fields base64). */
export interface EncryptedPayload {
  version: 1;
  encrypted: true;
  iv: string;
  authTag: string;
  data: string;
}

/** Where the vault keeps its files: the home folder and environment it reads them from. */
export interface VaultLocation {
  home: string;
  env: NodeJS.ProcessEnv;
}

/** The key and where it came from, for messages (`AGENT_BROWSER_ENCRYPTION_KEY` or the key file's path). */
export interface VaultKey {
  key: Buffer;
  source: string;
}

export function keyFilePath(home: string): string {
  return path.join(appDir(home), KEY_FILE_NAME);
}

/** Creates `dir` (and its parents) readable by its owner only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function parseHexKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (!HEX_KEY.test(trimmed)) {
    throw new ActionError('FILE_ERROR', `${source} must hold a 256-bit key as 64 hexadecimal characters (generate one with: openssl rand -hex 32).`);
  }
  return Buffer.from(trimmed, 'hex');
}

/** The key from the environment or the key file; null when neither exists. A malformed one is an error, never replaced. */
export function readKey(location: VaultLocation): VaultKey | null {
  const fromEnv = location.env[ENCRYPTION_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return { key: parseHexKey(fromEnv, ENCRYPTION_KEY_ENV), source: ENCRYPTION_KEY_ENV };
  const file = keyFilePath(location.home);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ActionError('FILE_ERROR', `Cannot read the vault key ${file}: ${(error as Error).message}`);
  }
  return { key: parseHexKey(text, `The key file ${file}`), source: file };
}

/**
 * The key, creating the key file (mode 0600, in a 0700 folder) when there is none. Two processes
 * creating it at once agree on one key: the file is created exclusively, the loser reads the winner's.
 */
export function ensureKey(location: VaultLocation, onCreated?: (file: string) => void): VaultKey {
  const existing = readKey(location);
  if (existing) return existing;
  const file = keyFilePath(location.home);
  ensurePrivateDir(path.dirname(file));
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new ActionError('FILE_ERROR', `Cannot create the vault key ${file}: ${(error as Error).message}`);
    return readKey(location)!;
  }
  onCreated?.(file);
  return readKey(location)!;
}

export function encrypt(plaintext: string, key: Buffer): EncryptedPayload {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { version: 1, encrypted: true, iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The plaintext; throws when the key is not the one the payload was encrypted with (or the payload was altered). */
export function decrypt(payload: EncryptedPayload, key: Buffer): string {
  const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(payload.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(payload.authTag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(payload.data, 'base64')), decipher.final()]).toString('utf8');
}

export function isEncryptedPayload(value: unknown): value is EncryptedPayload {
  if (typeof value !== 'object' || value === null) return false;
  const payload = value as Record<string, unknown>;
  return (
    payload.encrypted === true &&
    'version' in payload &&
    typeof payload.iv === 'string' &&
    typeof payload.authTag === 'string' &&
    typeof payload.data === 'string'
  );
}
