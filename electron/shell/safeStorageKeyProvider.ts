import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { KeyFileError } from '../core/store/errors.js';
import { STORE_KEY_BYTES, type KeyProvider } from '../core/store/keyProvider.js';

export const SAFE_STORAGE_KEY_FILE = 'store.key.safestorage';

/**
 * The store key, generated once and kept in the profile encrypted by the OS keystore (Keychain,
 * DPAPI, libsecret/KWallet) through `safeStorage`, so copying the profile alone does not reveal it.
 *
 * Usage: after `app` is ready and `checkKeystore` accepted the backend,
 * `createCore({ keyProvider: new SafeStorageKeyProvider(profileDir), … })`.
 * A file that no longer decrypts (keystore reset, profile moved to another machine) raises
 * KeyFileError: generating a fresh key would silently orphan every encrypted session.
 */
export class SafeStorageKeyProvider implements KeyProvider {
  readonly #file: string;
  #key: Promise<Uint8Array> | null = null;

  constructor(profileDir: string) {
    this.#file = path.join(profileDir, SAFE_STORAGE_KEY_FILE);
  }

  describe(): string {
    return `safeStorage-encrypted key file ${this.#file}`;
  }

  getKey(): Promise<Uint8Array> {
    this.#key ??= this.#loadOrCreate().catch((err: unknown) => {
      this.#key = null; // let a later call retry, e.g. after the user unlocked the keyring
      throw err;
    });
    return this.#key;
  }

  async #loadOrCreate(): Promise<Uint8Array> {
    try {
      return await this.#readExisting();
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code !== 'ENOENT') throw err;
    }
    await this.#createOnce();
    return this.#readExisting();
  }

  /** Written to a temp file and hard-linked into place: never a half-written key file, never an overwrite. */
  async #createOnce(): Promise<void> {
    const sealed = safeStorage.encryptString(Buffer.from(randomBytes(STORE_KEY_BYTES)).toString('base64'));
    const temp = `${this.#file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temp, sealed, { mode: 0o600 });
      await fs.link(temp, this.#file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code !== 'EEXIST') {
        throw new KeyFileError(`cannot create ${this.describe()}`, { cause: err });
      }
    } finally {
      await fs.rm(temp, { force: true });
    }
  }

  async #readExisting(): Promise<Uint8Array> {
    const sealed = await fs.readFile(this.#file);
    let encoded: string;
    try {
      encoded = safeStorage.decryptString(sealed);
    } catch (err) {
      throw new KeyFileError(
        `${this.describe()} cannot be decrypted by the OS keystore (was the keyring reset or the profile copied?)`,
        { cause: err },
      );
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== STORE_KEY_BYTES) {
      throw new KeyFileError(`${this.describe()} holds ${key.length} bytes; expected ${STORE_KEY_BYTES}`);
    }
    return new Uint8Array(key);
  }
}
