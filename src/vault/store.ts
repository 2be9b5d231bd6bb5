/**
 * The auth vault: login profiles (url, username, password, optional form selectors), one encrypted
 * file per profile in `~/.agent-browser/auth/<name>.json`, the reference's layout and format. The
 * CLI (`auth save|list|show|delete`), `dist/auth-cli.js` (what the 0.19 Rust CLI runs) and the
 * daemon (`auth_*` actions, `auth_login`) share it. Nothing here returns a password except
 * `profile()`, which only `auth_login` calls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appDir } from '../config/paths.js';
import { ActionError } from '../protocol/errors.js';
import { decrypt, encrypt, ensureKey, ensurePrivateDir, ENCRYPTION_KEY_ENV, isEncryptedPayload, keyFilePath, readKey, type VaultLocation } from './crypto.js';

/** What `auth_save` takes. */
export interface AuthProfileInput {
  name: string;
  url: string;
  username: string;
  password: string;
  usernameSelector?: string;
  passwordSelector?: string;
  submitSelector?: string;
}

/** A stored profile, password included. */
export interface AuthProfile extends AuthProfileInput {
  createdAt: string;
  lastLoginAt?: string;
}

/** A profile as `auth_list` and `auth_show` answer it: no password, no selectors. */
export interface AuthProfileMeta {
  name: string;
  url: string;
  username: string;
  createdAt: string;
  lastLoginAt?: string;
}

export const PROFILE_NAME = /^[a-zA-Z0-9_-]+$/;

/** The reference's message for a name that cannot be a file name. */
export function checkProfileName(name: string): void {
  if (!PROFILE_NAME.test(name)) {
    throw new ActionError('INVALID_PARAMS', `Invalid auth profile name '${name}': only alphanumeric characters, hyphens, and underscores are allowed`);
  }
}

export function profileNotFound(name: string): ActionError {
  return new ActionError('FILE_NOT_FOUND', `Auth profile '${name}' not found`);
}

function meta(profile: AuthProfile): AuthProfileMeta {
  return {
    name: profile.name,
    url: profile.url,
    username: profile.username,
    createdAt: profile.createdAt,
    ...(profile.lastLoginAt ? { lastLoginAt: profile.lastLoginAt } : {}),
  };
}

export class AuthVault {
  /** `~/.agent-browser/auth`. */
  readonly dir: string;
  private readonly location: VaultLocation;
  private readonly onKeyCreated?: (file: string) => void;

  /**
   * `home` and `env` default to the process's; `onKeyCreated` is told the key file's path when the
   * first save creates it (the CLI prints a notice, the daemon logs one).
   */
  constructor(options: { home?: string; env?: NodeJS.ProcessEnv; onKeyCreated?: (file: string) => void } = {}) {
    this.location = { home: options.home ?? os.homedir(), env: options.env ?? process.env };
    this.dir = path.join(appDir(this.location.home), 'auth');
    this.onKeyCreated = options.onKeyCreated;
  }

  private file(name: string): string {
    checkProfileName(name);
    return path.join(this.dir, `${name}.json`);
  }

  /** The whole profile, password included; null when there is none of that name. */
  profile(name: string): AuthProfile | null {
    const file = this.file(name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new ActionError('FILE_ERROR', `Cannot read auth profile '${name}' (${file}): ${(error as Error).message}`);
    }
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      throw new ActionError(
        'FILE_ERROR',
        `Auth profile '${name}' (${file}) is not valid JSON; delete it with 'agent-browser auth delete ${name}' and save it again.`,
      );
    }
    // The reference reads profiles saved before it encrypted them; so does this vault.
    if (!isEncryptedPayload(stored)) return stored as AuthProfile;
    const key = readKey(this.location);
    if (!key) {
      throw new ActionError(
        'FILE_ERROR',
        `Auth profile '${name}' is encrypted, but there is no key: set ${ENCRYPTION_KEY_ENV} or restore ${keyFilePath(this.location.home)}.`,
      );
    }
    try {
      return JSON.parse(decrypt(stored, key.key)) as AuthProfile;
    } catch {
      throw new ActionError(
        'FILE_ERROR',
        `Cannot decrypt auth profile '${name}' (${file}) with the key from ${key.source}: it was saved with another key, or the file was altered. Use the key it was saved with, or save the profile again ('agent-browser auth save ${name} …').`,
      );
    }
  }

  /** Saves (or replaces) a profile, keeping its creation and last-login times; says whether it replaced one. */
  save(input: AuthProfileInput): AuthProfileMeta & { updated: boolean } {
    checkProfileName(input.name);
    const existing = this.profile(input.name);
    const profile: AuthProfile = {
      name: input.name,
      url: input.url,
      username: input.username,
      password: input.password,
      ...(input.usernameSelector ? { usernameSelector: input.usernameSelector } : {}),
      ...(input.passwordSelector ? { passwordSelector: input.passwordSelector } : {}),
      ...(input.submitSelector ? { submitSelector: input.submitSelector } : {}),
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      ...(existing?.lastLoginAt ? { lastLoginAt: existing.lastLoginAt } : {}),
    };
    this.write(profile);
    return { ...meta(profile), updated: existing !== null };
  }

  /** A profile without its password; null when there is none of that name. */
  show(name: string): AuthProfileMeta | null {
    const profile = this.profile(name);
    return profile ? meta(profile) : null;
  }

  /** Every profile, by name; one that cannot be decrypted is listed with `(encrypted)` fields, as the reference does. */
  list(): AuthProfileMeta[] {
    let files: string[];
    try {
      files = fs
        .readdirSync(this.dir)
        .filter((file) => file.endsWith('.json') && PROFILE_NAME.test(file.slice(0, -5)))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ActionError('FILE_ERROR', `Cannot read the auth vault ${this.dir}: ${(error as Error).message}`);
    }
    return files.map((file) => {
      const name = file.slice(0, -5);
      const unreadable = { name, url: '(encrypted)', username: '(encrypted)', createdAt: '(unknown)' };
      try {
        return this.show(name) ?? unreadable;
      } catch {
        return unreadable;
      }
    });
  }

  /** Removes a profile; false when there was none of that name. */
  delete(name: string): boolean {
    try {
      fs.unlinkSync(this.file(name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      if (error instanceof ActionError) throw error;
      throw new ActionError('FILE_ERROR', `Cannot delete auth profile '${name}': ${(error as Error).message}`);
    }
  }

  /** Records a successful login's time. */
  touchLogin(name: string): void {
    const profile = this.profile(name);
    if (profile) this.write({ ...profile, lastLoginAt: new Date().toISOString() });
  }

  /** Encrypts and writes a profile atomically (a temporary file renamed over the old one), mode 0600. */
  private write(profile: AuthProfile): void {
    const { key } = ensureKey(this.location, this.onKeyCreated);
    ensurePrivateDir(this.dir);
    const file = this.file(profile.name);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temporary, `${JSON.stringify(encrypt(JSON.stringify(profile), key), null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(temporary, file);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw new ActionError('FILE_ERROR', `Cannot write auth profile '${profile.name}' (${file}): ${(error as Error).message}`);
    }
  }
}

/**
 * The answers of the vault actions, with the reference's keys (0.19 `auth-cli.ts`). The daemon's
 * `auth_*` actions, the CLI's `auth` commands and `dist/auth-cli.js` all answer through these.
 */
export const vaultAnswers = {
  auth_save(vault: AuthVault, input: AuthProfileInput) {
    const saved = vault.save(input);
    return { saved: !saved.updated, updated: saved.updated, name: saved.name, url: saved.url, username: saved.username };
  },
  auth_list(vault: AuthVault) {
    return { profiles: vault.list() };
  },
  auth_show(vault: AuthVault, { name }: { name: string }) {
    const profile = vault.show(name);
    if (!profile) throw profileNotFound(name);
    return { profile };
  },
  auth_delete(vault: AuthVault, { name }: { name: string }) {
    if (!vault.delete(name)) throw profileNotFound(name);
    return { deleted: true, name };
  },
};

/** The actions the vault answers without a browser. */
export type VaultActionName = keyof typeof vaultAnswers;
