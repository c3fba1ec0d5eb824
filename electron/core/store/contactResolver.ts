import { isLidJid, normalizeUserJid } from './jid.js';
import type { StoreDatabase } from './storeDatabase.js';

/**
 * Maps any JID of a person (device JIDs, LID, phone number) to the one contact id the archive
 * uses for them: the phone-number JID when a LID mapping is known, else the normalized JID.
 * Usage: `resolver.resolve(jid)`; `resolver.invalidate()` after a mapping changes.
 */
export class ContactResolver {
  readonly #db: StoreDatabase;
  // Bounded by the number of distinct JIDs seen; cleared whenever a mapping changes.
  readonly #cache = new Map<string, string>();

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  resolve(jid: string): string {
    const cached = this.#cache.get(jid);
    if (cached !== undefined) return cached;
    const normalized = normalizeUserJid(jid);
    let resolved = normalized;
    if (isLidJid(normalized)) {
      const row = this.#db.stmt('SELECT pn FROM lid_mappings WHERE lid = ?').get(normalized) as
        { pn: string } | undefined;
      if (row !== undefined) resolved = row.pn;
    }
    this.#cache.set(jid, resolved);
    return resolved;
  }

  lidFor(pn: string): string | null {
    const row = this.#db.stmt('SELECT lid FROM lid_mappings WHERE pn = ? ORDER BY recorded_at DESC LIMIT 1').get(pn) as
      { lid: string } | undefined;
    return row?.lid ?? null;
  }

  invalidate(): void {
    this.#cache.clear();
  }
}
