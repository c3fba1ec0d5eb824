import { randomBytes } from 'node:crypto';
import { RowCipher } from './cipher.js';
import { KeyDecryptError, StoreCorruptError } from './errors.js';
import { HybridLogicalClock } from './hlc.js';
import type { KeyProvider } from './keyProvider.js';
import { runMigrations } from './migrations.js';
import type { StoreDatabase } from './storeDatabase.js';

const KEY_CHECK_AAD = 'key-check';
const KEY_CHECK_PLAIN = Buffer.from('wa-inbox account store key check v1', 'utf8');

/** Reads a meta value; meta holds small strings (node id, counters, the key check). */
export function readMeta(db: StoreDatabase, key: string): string | undefined {
  const row = db.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: StoreDatabase, key: string, value: string): void {
  db.stmt('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/**
 * Verifies the store key against a sealed constant written on first open. A wrong key (a key
 * file lost and re-created, a different machine's safeStorage) fails here, at open, as
 * KeyDecryptError, rather than later looking like "no creds" and triggering a fresh pairing.
 */
export async function unlockStore(db: StoreDatabase, keyProvider: KeyProvider): Promise<RowCipher> {
  const cipher = new RowCipher(await keyProvider.getKey());
  db.transaction(() => {
    const sealed = readMeta(db, 'key_check');
    if (sealed === undefined) {
      const hasSecrets = db.stmt('SELECT EXISTS (SELECT 1 FROM creds) OR EXISTS (SELECT 1 FROM keys) AS has').get() as {
        has: number;
      };
      if (hasSecrets.has === 1) throw new StoreCorruptError('store holds key material but no key check');
      writeMeta(db, 'key_check', cipher.seal(KEY_CHECK_PLAIN, KEY_CHECK_AAD).toString('base64'));
      return;
    }
    const plain = cipher.open(Buffer.from(sealed, 'base64'), KEY_CHECK_AAD);
    if (!Buffer.from(plain).equals(KEY_CHECK_PLAIN)) {
      throw new KeyDecryptError(`store key from ${keyProvider.describe()} does not match this archive`);
    }
  });
  return cipher;
}

/** Migrates, seeds per-store metadata and restores the clock so stamps never go back. */
export function prepareStore(
  db: StoreDatabase,
  now: () => number,
): { clock: HybridLogicalClock; schemaVersion: number } {
  const schemaVersion = runMigrations(db.raw);
  const { node, last } = db.transaction(() => {
    let node = readMeta(db, 'hlc_node');
    if (node === undefined) {
      node = randomBytes(8).toString('hex');
      writeMeta(db, 'hlc_node', node);
    }
    db.stmt("INSERT OR IGNORE INTO meta (key, value) VALUES ('seq', '0')").run();
    return { node, last: readMeta(db, 'hlc_last') };
  });
  return { clock: new HybridLogicalClock(node, now, last), schemaVersion };
}
