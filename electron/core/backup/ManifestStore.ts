import type { Logger } from 'pino';
import type { BackupEncryption } from './BackupConfig.js';
import type { BackupBucket } from './backupBucket.js';
import type { ScryptParams } from './backupCrypto.js';
import { BackupDecryptError, deriveKey, newScryptParams } from './backupCrypto.js';
import { classifyS3Error } from './classifyS3Error.js';
import type { Manifest, ManifestBody } from './manifest.js';
import { decodeManifest, emptyManifest, encodeManifest, readManifestEnvelope } from './manifest.js';

export const MANIFEST_NAME = 'manifest.json';
const MAX_COMMIT_ATTEMPTS = 10;

export class ManifestConflictError extends Error {
  override name = 'ManifestConflictError';
}

/**
 * Usage: `const ms = new ManifestStore(bucket, encryption, accountId)`; `await ms.current()` for
 * the manifest as last seen; `await ms.commit(body => next)` to change it.
 *
 * Writes are compare-and-swap on the ETag (`IfNoneMatch: '*'` for the first, `IfMatch` after).
 * On 412 the other writer's manifest is re-read and the change is re-applied on top of it, so
 * two devices never overwrite each other's entries.
 */
export class ManifestStore {
  readonly #bucket: BackupBucket;
  readonly #encryption: BackupEncryption;
  readonly #accountId: string;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  #cached: { manifest: Manifest; etag: string } | undefined;
  #keyFor: { salt: string | null; key: Buffer } | undefined;
  /** 412s met since construction: other writers (or our own stale view) raced us. */
  conflicts = 0;

  constructor(
    bucket: BackupBucket,
    encryption: BackupEncryption,
    accountId: string,
    now: () => number,
    logger?: Logger,
  ) {
    this.#bucket = bucket;
    this.#encryption = encryption;
    this.#accountId = accountId;
    this.#now = now;
    this.#log = logger;
  }

  /** The data key for this backup (derived from the manifest's KDF params when a passphrase). */
  async key(kdf: ScryptParams | null): Promise<Buffer> {
    const salt = kdf?.salt ?? null;
    if (this.#keyFor !== undefined && this.#keyFor.salt === salt) return this.#keyFor.key;
    let key: Buffer;
    if (this.#encryption.mode === 'key') {
      // A passphrase backup opened with a raw key (or the reverse) is a wrong key, said plainly.
      if (kdf !== null) throw new BackupDecryptError('this backup is protected by a passphrase, not a key');
      key = Buffer.from(this.#encryption.key, 'base64');
    } else {
      if (kdf === null) throw new BackupDecryptError('this backup is protected by a key, not a passphrase');
      key = await deriveKey(this.#encryption.passphrase, kdf);
    }
    this.#keyFor = { salt, key };
    return key;
  }

  /** Re-reads from S3; `undefined` when this account has no backup yet. */
  async load(): Promise<Manifest | undefined> {
    const got = await this.#bucket.get(MANIFEST_NAME);
    if (got === undefined) {
      this.#cached = undefined;
      return undefined;
    }
    const envelope = readManifestEnvelope(got.body);
    const manifest = decodeManifest(got.body, await this.key(envelope.kdf));
    this.#cached = { manifest, etag: got.etag };
    return manifest;
  }

  /** The manifest, creating an empty one first so every segment is sealed under its final key. */
  async current(): Promise<Manifest> {
    if (this.#cached !== undefined) return this.#cached.manifest;
    const loaded = await this.load();
    if (loaded !== undefined) return loaded;
    const kdf = this.#encryption.mode === 'passphrase' ? newScryptParams() : null;
    const fresh = emptyManifest(this.#accountId, kdf, this.#now());
    try {
      const etag = await this.#bucket.put(MANIFEST_NAME, encodeManifest(fresh, await this.key(kdf)), {
        ifNoneMatch: '*',
      });
      this.#cached = { manifest: fresh, etag };
      return fresh;
    } catch (err) {
      if (classifyS3Error(err).code !== 'preconditionFailed') throw err;
      // Another device created it first: use theirs (and their salt).
      this.conflicts += 1;
      const theirs = await this.load();
      if (theirs === undefined) throw new ManifestConflictError('manifest vanished after a conflicting create');
      return theirs;
    }
  }

  /**
   * Applies `change` to the newest manifest and writes it conditionally; on 412 re-reads and
   * re-applies. `change` must be a pure function of the body it is given (it may run again).
   * Returning `null` aborts (nothing to write on top of what the other writer did).
   */
  async commit(change: (body: ManifestBody, generation: number) => ManifestBody | null): Promise<Manifest | null> {
    for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt += 1) {
      await this.current();
      const cached = this.#cached;
      if (cached === undefined) throw new ManifestConflictError('no manifest to change');
      const body = change(cached.manifest.body, cached.manifest.generation);
      if (body === null) return null;
      const next: Manifest = {
        generation: cached.manifest.generation + 1,
        kdf: cached.manifest.kdf,
        body: { ...body, updatedAt: this.#now() },
      };
      try {
        const etag = await this.#bucket.put(MANIFEST_NAME, encodeManifest(next, await this.key(next.kdf)), {
          ifMatch: cached.etag,
        });
        this.#cached = { manifest: next, etag };
        return next;
      } catch (err) {
        if (classifyS3Error(err).code !== 'preconditionFailed') throw err;
        this.conflicts += 1;
        this.#log?.info({ generation: next.generation, attempt }, 'backup manifest changed under us; merging');
        await this.load();
      }
    }
    throw new ManifestConflictError(`manifest still contended after ${MAX_COMMIT_ATTEMPTS} attempts`);
  }

  /** The generation the next commit will write: what new objects bind into their AAD. */
  async nextGeneration(): Promise<number> {
    return (await this.current()).generation + 1;
  }
}
