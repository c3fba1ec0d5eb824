import { type Collection, Dexie, type EntityTable, type Table } from 'dexie';
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

/**
 * A chat's messages in timeline order: (timestamp, orderKey), since timestamps have one-second
 * resolution and ids are random. Also the order the recent window is trimmed in.
 */
export const MESSAGE_ORDER_INDEX = '[accountId+chatId+timestamp+orderKey]';

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
    // The timeline index gains the receive order. Cached rows from before it have no orderKey and
    // would drop out of the index: they get 0 (ties then fall back to the id, as before) and are
    // replaced with the real key the next time main sends them.
    this.version(3)
      .stores({ messages: `[accountId+chatId+id], ${MESSAGE_ORDER_INDEX}, accountId` })
      .upgrade((tx) =>
        tx
          .table<Partial<Message>>('messages')
          .toCollection()
          .modify((message) => {
            if (typeof message.orderKey !== 'number') message.orderKey = 0;
          }),
      );
  }
}

/** Oldest first, by MESSAGE_ORDER_INDEX. */
export function chatMessages(
  db: InboxDb,
  accountId: AccountId,
  chatId: ChatId,
): Collection<Message, [AccountId, ChatId, MessageId]> {
  return db.messages
    .where(MESSAGE_ORDER_INDEX)
    .between([accountId, chatId, -Infinity, -Infinity], [accountId, chatId, Infinity, Infinity]);
}

export function streamOf(accountId: AccountId | null): string {
  return accountId ?? APP_STREAM;
}
