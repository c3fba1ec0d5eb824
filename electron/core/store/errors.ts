/*
 * Typed failures of the account store. A read that cannot be trusted raises one of these; it is
 * never turned into "nothing stored", because the caller would then start a fresh pairing over
 * a live session (the failure mode of Baileys' use-multi-file-auth-state).
 */

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A row or the file is structurally damaged (bad envelope, unparseable JSON, wrong shape). */
export class StoreCorruptError extends StoreError {}

/** Key material could not be decrypted: wrong key, tampered or swapped row. */
export class KeyDecryptError extends StoreError {}

/** The key file is missing permissions hygiene, has the wrong size, or cannot be created. */
export class KeyFileError extends StoreError {}

/** The database was written by a newer schema than this build understands. */
export class StoreVersionError extends StoreError {}

/** The store was used after close(). */
export class StoreClosedError extends StoreError {}
