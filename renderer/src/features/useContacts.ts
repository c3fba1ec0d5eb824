import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { AccountId, ContactId } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { CachedContact } from '../cache/db.js';
import { bestName } from '../names/bestName.js';
import type { AccountFilter } from '../state/uiStore.js';

export type ContactDirectory = {
  readonly get: (accountId: AccountId, contactId: ContactId | null) => CachedContact | undefined;
  readonly nameOf: (accountId: AccountId, contactId: ContactId | null, fallback?: string) => string;
};

const EMPTY = new Map<string, CachedContact>();

/** Contacts of the visible account(s), for titles, sender names and search by name. */
export function useContacts(filter: AccountFilter): ContactDirectory {
  const byKey =
    useLiveQuery(async () => {
      const rows =
        filter === 'all'
          ? await cacheDb.contacts.toArray()
          : await cacheDb.contacts.where('accountId').equals(filter).toArray();
      return new Map(rows.map((contact) => [`${contact.accountId}/${contact.id}`, contact]));
    }, [filter]) ?? EMPTY;
  // A stable directory while contacts are unchanged: memoized bubbles and chat rows take it as a prop.
  return useMemo<ContactDirectory>(() => {
    const get = (accountId: AccountId, contactId: ContactId | null) =>
      contactId ? byKey.get(`${accountId}/${contactId}`) : undefined;
    return { get, nameOf: (accountId, contactId, fallback) => bestName(get(accountId, contactId), fallback) };
  }, [byKey]);
}
