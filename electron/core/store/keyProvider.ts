import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyFileError } from './errors.js';

/**
 * Supplies the 32-byte key that encrypts key material at rest. `FileKeyProvider` keeps it in a
 * 0600 file next to the database; the Electron `safeStorage` provider lives with the shell.
 */
export type KeyProvider = {
  getKey(): Promise<Uint8Array> | Uint8Array;
  /** For logs and error messages: where the key comes from, never the key itself. */
  describe(): string;
};

export const STORE_KEY_BYTES = 32;
export const KEY_FILE_NAME = 'store.key';

/**
 * Usage: `new FileKeyProvider(profileDir)`; the key file is created on first use.
 * A key file readable by group/others is refused rather than silently tightened: someone may
 * already have copied it, and the user should know.
 */
export class FileKeyProvider implements KeyProvider {
  readonly #file: string;

  constructor(profileDir: string, fileName: string = KEY_FILE_NAME) {
    this.#file = path.join(profileDir, fileName);
  }

  describe(): string {
    return `key file ${this.#file}`;
  }

  async getKey(): Promise<Uint8Array> {
    try {
      return await this.#readExisting();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    try {
      // 'wx' fails if another process created it in between; then we read theirs.
      await fs.writeFile(this.#file, randomBytes(STORE_KEY_BYTES), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if (!isAlreadyExists(err)) throw new KeyFileError(`cannot create ${this.describe()}`, { cause: err });
    }
    return this.#readExisting();
  }

  async #readExisting(): Promise<Uint8Array> {
    const handle = await fs.open(this.#file, fsConstants.O_RDONLY);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) throw new KeyFileError(`${this.describe()} is not a regular file`);
      // POSIX modes mean nothing on Windows (ACLs); the profile dir's ACL protects it there.
      if (process.platform !== 'win32') {
        if ((stat.mode & 0o077) !== 0) {
          throw new KeyFileError(`${this.describe()} has permissions ${(stat.mode & 0o777).toString(8)}; expected 600`);
        }
        const uid = process.getuid?.();
        if (uid !== undefined && stat.uid !== uid) {
          throw new KeyFileError(`${this.describe()} is owned by another user`);
        }
      }
      const key = await handle.readFile();
      if (key.length !== STORE_KEY_BYTES) {
        throw new KeyFileError(`${this.describe()} holds ${key.length} bytes; expected ${STORE_KEY_BYTES}`);
      }
      return new Uint8Array(key);
    } finally {
      await handle.close();
    }
  }
}

/** A fixed key, for tests and for the bench script. */
export function staticKeyProvider(key: Uint8Array, label = 'static key'): KeyProvider {
  return { getKey: () => key, describe: () => label };
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

function isAlreadyExists(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EEXIST';
}
