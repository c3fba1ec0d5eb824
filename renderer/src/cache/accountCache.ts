import type { Account } from '../../../shared/src/index.js';
import { hueOf } from '../components/Avatar.js';
import type { CachedAccount, InboxDb } from './db.js';

/*
 * The account list survives reloads in Dexie so the rail paints offline (issue #5). Main's
 * `accounts.changed` is a full snapshot, so the cached list is replaced, never merged: an account
 * removed while the window was open disappears from the cache too.
 *
 *   await replaceCachedAccounts(db, event.accounts);   // inside the ingest transaction
 *   const accounts = await readCachedAccounts(db);     // at startup, before the bridge answers
 */
export function toCachedAccounts(accounts: readonly Account[]): CachedAccount[] {
  return accounts.map((account, position) => ({
    id: account.id,
    label: account.label,
    phoneNumber: account.phoneNumber,
    pushName: account.pushName,
    hue: hueOf(account.id),
    lastConnection: account.connection.kind,
    position,
  }));
}

/** Call inside a transaction that includes `db.accounts`. */
export async function replaceCachedAccounts(db: InboxDb, accounts: readonly Account[]): Promise<void> {
  await db.accounts.clear();
  await db.accounts.bulkPut(toCachedAccounts(accounts));
}

export async function readCachedAccounts(db: InboxDb): Promise<CachedAccount[]> {
  return db.accounts.orderBy('position').toArray();
}
