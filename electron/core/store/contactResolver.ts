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
  readonly #lidCache = new Map<string, string | null>();

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

  /** Asked once per contact write (history: hundreds per chunk), so cached like `resolve`. */
  lidFor(pn: string): string | null {
    const cached = this.#lidCache.get(pn);
    if (cached !== undefined) return cached;
    const row = this.#db.stmt('SELECT lid FROM lid_mappings WHERE pn = ? ORDER BY recorded_at DESC LIMIT 1').get(pn) as
      { lid: string } | undefined;
    const lid = row?.lid ?? null;
    this.#lidCache.set(pn, lid);
    return lid;
  }

  invalidate(): void {
    this.#cache.clear();
    this.#lidCache.clear();
  }
}
