import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountId, ContactId } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { CachedContact } from '../cache/db.js';

/** One contact, live: updates when `contacts.upserted` changes it (e.g. after setting an alias). */
export function useContact(accountId: AccountId, contactId: ContactId): CachedContact | undefined {
  return useLiveQuery(() => cacheDb.contacts.get([accountId, contactId]), [accountId, contactId]);
}
