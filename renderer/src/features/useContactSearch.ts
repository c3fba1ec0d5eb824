import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountId } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { CachedContact } from '../cache/db.js';
import { bestName } from '../names/bestName.js';

const EMPTY: readonly CachedContact[] = [];

/** People (not groups) of one account whose names or number contain the query, by best name. */
export function useContactSearch(accountId: AccountId | null, query: string, limit: number): readonly CachedContact[] {
  const needle = query.trim().toLowerCase();
  const digits = needle.replace(/\D/g, '');
  return (
    useLiveQuery(async () => {
      if (!accountId) return EMPTY;
      const all = await cacheDb.contacts.where('accountId').equals(accountId).toArray();
      return all
        .filter((contact) => !contact.isGroup && (contact.phoneNumber || contact.names.length > 0))
        .filter(
          (contact) =>
            !needle ||
            contact.names.some((name) => name.name.toLowerCase().includes(needle)) ||
            (digits.length >= 3 && (contact.phoneNumber ?? '').includes(digits)),
        )
        .sort((a, b) => bestName(a).localeCompare(bestName(b)))
        .slice(0, limit);
    }, [accountId, needle, digits, limit]) ?? EMPTY
  );
}
