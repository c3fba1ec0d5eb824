import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AccountId,
  Chat,
  ChatId,
  ConnectionState,
  Contact,
  ContactId,
  Message,
  MessageId,
} from '../../../shared/src/index.js';

/*
 * The renderer's cache of entities, fed only by event batches (and reload after cache.reset).
 * Components never read it directly: feature hooks in `features/` wrap live queries.
 *
 *   const db = new InboxDb();           // or new InboxDb('test-' + n) in tests
 *   await ingestBatches(db, batches);
 */
export type CachedContact = Contact & { readonly accountId: AccountId };
/** Last applied batch sequence per stream: an account id, or 'app' for account-less events. */
export type StreamMeta = { readonly stream: string; readonly lastSeq: number };

/**
 * An account as last reported by main, so the rail can paint before (or without) the bridge.
 * `position` keeps the order accounts were added in; `hue` is the avatar colour it was shown with.
 */
export type CachedAccount = {
  readonly id: AccountId;
  readonly label: string;
  readonly phoneNumber: string | null;
  readonly pushName: string | null;
  readonly hue: number;
  readonly lastConnection: ConnectionState['kind'];
  readonly position: number;
};

export const APP_STREAM = 'app';
/** Messages kept per chat; older pages are fetched from main on demand and not cached. */
export const RECENT_WINDOW_PER_CHAT = 200;

export class InboxDb extends Dexie {
  chats!: Table<Chat, [AccountId, ChatId]>;
  contacts!: Table<CachedContact, [AccountId, ContactId]>;
  messages!: Table<Message, [AccountId, ChatId, MessageId]>;
  meta!: EntityTable<StreamMeta, 'stream'>;
  accounts!: EntityTable<CachedAccount, 'id'>;

  constructor(name = 'wa-inbox-cache') {
    super(name);
    this.version(1).stores({
      chats: '[accountId+id], accountId, lastMessageAt',
      contacts: '[accountId+id], accountId',
      messages: '[accountId+chatId+id], [accountId+chatId+timestamp], accountId',
      meta: 'stream',
    });
    // Additive: caches that opened version 1 keep their entities and gain the account list.
    this.version(2).stores({ accounts: 'id, position' });
  }
}

export function streamOf(accountId: AccountId | null): string {
  return accountId ?? APP_STREAM;
}
