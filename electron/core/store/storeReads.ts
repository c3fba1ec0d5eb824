import type { AccountId, Chat, Contact, Message, SyncStatus } from '../../../shared/src/index.js';
import type { ChatRow, ContactNameRow, ContactRow, MessageRow } from './rowMappers.js';
import {
  chatFromRow,
  contactFromRows,
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  messageFromRow,
  parseSyncStatus,
} from './rowMappers.js';
import type { StoreDatabase } from './storeDatabase.js';

/** Exact keyset position: messages strictly older than (timestamp, orderKey). */
export type MessageCursor = Readonly<{ timestamp: number; orderKey: number }>;

export type MessagePage = Readonly<{
  /** Newest first. */
  messages: Message[];
  hasMoreLocal: boolean;
  /** Pass back as `before` for the next (older) page. */
  nextCursor: MessageCursor | null;
}>;

export const INITIAL_SYNC_STATUS: SyncStatus = {
  phase: 'awaiting',
  progress: null,
  chunksReceived: 0,
  chunksProcessed: 0,
  messagesImported: 0,
  lateChunks: 0,
  completeSource: null,
  lastChunkAt: null,
};

/** Read queries of the archive; every list is keyset-paginated on an index. */
export class StoreReads {
  readonly #db: StoreDatabase;
  readonly #accountId: AccountId;

  constructor(db: StoreDatabase, accountId: AccountId) {
    this.#db = db;
    this.#accountId = accountId;
  }

  /**
   * Most recent activity first. `beforeActivity` is the contract's cursor (a timestamp);
   * chats without any activity sort as 0, last.
   */
  listChats(limit: number, beforeActivity: number | null): Chat[] {
    const rows = (
      beforeActivity === null
        ? this.#db.stmt('SELECT * FROM chats ORDER BY COALESCE(last_message_at, 0) DESC, id DESC LIMIT ?').all(limit)
        : this.#db
            .stmt(
              'SELECT * FROM chats WHERE COALESCE(last_message_at, 0) < ? ORDER BY COALESCE(last_message_at, 0) DESC, id DESC LIMIT ?',
            )
            .all(beforeActivity, limit)
    ) as ChatRow[];
    return rows.map((row) => chatFromRow(row, this.#accountId));
  }

  getChat(id: string): Chat | undefined {
    const row = this.#db.stmt('SELECT * FROM chats WHERE id = ?').get(id) as ChatRow | undefined;
    return row === undefined ? undefined : chatFromRow(row, this.#accountId);
  }

  /**
   * Newest-first page on (timestamp, orderKey): within one second, the order received. A bare
   * timestamp means "older than this millisecond"; the cursor form also splits messages sharing one.
   */
  pageMessages(chatId: string, before: number | MessageCursor | null, limit: number): MessagePage {
    const take = limit + 1;
    let rows: MessageRow[];
    if (before === null) {
      rows = this.#db
        .stmt(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.chat_id = ? ORDER BY m.timestamp DESC, m.order_key DESC LIMIT ?`,
        )
        .all(chatId, take) as MessageRow[];
    } else {
      // No key is below MIN_SAFE_INTEGER: a bare timestamp excludes that whole millisecond.
      const cursor = typeof before === 'number' ? { timestamp: before, orderKey: Number.MIN_SAFE_INTEGER } : before;
      rows = this.#db
        .stmt(
          `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.chat_id = ? AND (m.timestamp, m.order_key) < (?, ?)
           ORDER BY m.timestamp DESC, m.order_key DESC LIMIT ?`,
        )
        .all(chatId, cursor.timestamp, cursor.orderKey, take) as MessageRow[];
    }
    const hasMoreLocal = rows.length > limit;
    const messages = rows.slice(0, limit).map((row) => messageFromRow(row, this.#accountId));
    const last = messages.at(-1);
    return {
      messages,
      hasMoreLocal,
      nextCursor: hasMoreLocal && last ? { timestamp: last.timestamp, orderKey: last.orderKey } : null,
    };
  }

  getMessage(chatId: string, id: string): Message | undefined {
    const row = this.#db
      .stmt(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.chat_id = ? AND m.id = ?`)
      .get(chatId, id) as MessageRow | undefined;
    return row === undefined ? undefined : messageFromRow(row, this.#accountId);
  }

  getRawMessage(chatId: string, id: string): Uint8Array | undefined {
    const row = this.#db.stmt('SELECT raw FROM messages WHERE chat_id = ? AND id = ?').get(chatId, id) as
      { raw: Uint8Array | null } | undefined;
    return row?.raw ?? undefined;
  }

  getContact(id: string): Contact | undefined {
    const row = this.#db.stmt('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
    return row === undefined ? undefined : contactFromRows(row, this.#names(id));
  }

  listContacts(limit: number, afterId: string | null): Contact[] {
    const rows = this.#db
      .stmt('SELECT * FROM contacts WHERE id > ? ORDER BY id LIMIT ?')
      .all(afterId ?? '', limit) as ContactRow[];
    return rows.map((row) => contactFromRows(row, this.#names(row.id)));
  }

  getSyncStatus(): SyncStatus {
    const row = this.#db.stmt('SELECT status_json FROM sync_status WHERE id = 1').get() as
      { status_json: string } | undefined;
    return row === undefined ? INITIAL_SYNC_STATUS : parseSyncStatus(row.status_json);
  }

  #names(contactId: string): ContactNameRow[] {
    return this.#db
      .stmt('SELECT source, name FROM contact_names WHERE contact_id = ?')
      .all(contactId) as ContactNameRow[];
  }
}
