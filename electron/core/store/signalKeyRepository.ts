import type { RowCipher } from './cipher.js';
import { StoreCorruptError } from './errors.js';
import type { StoreDatabase } from './storeDatabase.js';

/** `null` deletes the key; Baileys uses that to drop consumed pre-keys and stale sessions. */
export type KeyWrites = Readonly<Record<string, Readonly<Record<string, Uint8Array | null>>>>;

const CREDS_AAD = 'creds';
const keyAad = (type: string, id: string): string => `key:${type}:${id}`;

/**
 * Signal credentials and keys, encrypted per row. Values are opaque bytes: the whatsapp/ folder
 * serializes them (BufferJSON), so this folder never depends on Baileys' shapes.
 *
 * Usage: `repo.setKeys({ session: { [id]: bytes } })`; `repo.getKeys('session', [id])`.
 */
export class SignalKeyRepository {
  readonly #db: StoreDatabase;
  readonly #cipher: RowCipher;

  constructor(db: StoreDatabase, cipher: RowCipher) {
    this.#db = db;
    this.#cipher = cipher;
  }

  /** `undefined` only for a genuinely absent creds row (fresh install); damage throws. */
  readCreds(): Uint8Array | undefined {
    const row = this.#db.stmt('SELECT value FROM creds WHERE id = 1').get() as { value: unknown } | undefined;
    if (row === undefined) return undefined;
    return this.#cipher.open(asBlob(row.value, 'creds'), CREDS_AAD);
  }

  writeCreds(serialized: Uint8Array): void {
    this.#db
      .stmt('INSERT INTO creds (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value')
      .run(this.#cipher.seal(serialized, CREDS_AAD));
  }

  getKeys(type: string, ids: readonly string[]): Record<string, Uint8Array | undefined> {
    const select = this.#db.stmt('SELECT value FROM keys WHERE type = ? AND id = ?');
    const result: Record<string, Uint8Array | undefined> = {};
    for (const id of ids) {
      const row = select.get(type, id) as { value: unknown } | undefined;
      result[id] = row === undefined ? undefined : this.#cipher.open(asBlob(row.value, 'key'), keyAad(type, id));
    }
    return result;
  }

  /**
   * Highest integer id stored for `type` (pre-key ids are decimal strings), or 0 when there is none.
   * Lets the auth state check that its pre-key counter is ahead of every stored pre-key.
   */
  maxNumericKeyId(type: string): number {
    const row = this.#db.stmt('SELECT MAX(CAST(id AS INTEGER)) AS maxId FROM keys WHERE type = ?').get(type) as
      { maxId: unknown } | undefined;
    return typeof row?.maxId === 'number' ? row.maxId : 0;
  }

  /** All writes and deletes in ONE transaction (joins the caller's, if any). */
  setKeys(data: KeyWrites): void {
    const upsert = this.#db.stmt(
      'INSERT INTO keys (type, id, value) VALUES (?, ?, ?) ON CONFLICT (type, id) DO UPDATE SET value = excluded.value',
    );
    const remove = this.#db.stmt('DELETE FROM keys WHERE type = ? AND id = ?');
    this.#db.transaction(() => {
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries)) {
          if (value === null) remove.run(type, id);
          else upsert.run(type, id, this.#cipher.seal(value, keyAad(type, id)));
        }
      }
    });
  }

  /** Removes creds and every key (logout): the archive of chats stays. */
  clearAll(): void {
    this.#db.transaction(() => {
      this.#db.stmt('DELETE FROM creds').run();
      this.#db.stmt('DELETE FROM keys').run();
    });
  }
}

function asBlob(value: unknown, what: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new StoreCorruptError(`${what} row is not a blob`);
}
