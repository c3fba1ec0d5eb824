import type {
  AccountId,
  Chat,
  ChatId,
  Contact,
  MediaState,
  Message,
  MessageId,
  SyncStatus,
} from '../../../shared/src/index.js';
import type { ChatRow, ContactNameRow, ContactRow, MessageRow } from './rowMappers.js';
import {
  chatFromRow,
  contactFromRows,
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  messageFromRow,
  parseMediaState,
  parseSyncStatus,
} from './rowMappers.js';
import type { StoreDatabase } from './storeDatabase.js';

export type EntityKind = 'chat' | 'message' | 'contact' | 'media';
const ENTITY_KINDS: readonly EntityKind[] = ['chat', 'message', 'contact', 'media'];

/** One entry of the account's change stream; `seq` is strictly increasing. */
export type StoreChange =
  | Readonly<{ seq: number; kind: 'chat'; chat: Chat }>
  | Readonly<{ seq: number; kind: 'message'; message: Message }>
  | Readonly<{ seq: number; kind: 'contact'; contact: Contact }>
  | Readonly<{ seq: number; kind: 'media'; chatId: ChatId; messageId: MessageId; state: MediaState }>
  | Readonly<{ seq: number; kind: 'syncStatus'; status: SyncStatus }>
  | Readonly<{ seq: number; kind: 'removed'; entity: EntityKind; chatId: ChatId | null; id: string; hlc: string }>
  // A per-account setting was set or deleted (store/accountSettings.ts); the value is read on demand.
  | Readonly<{ seq: number; kind: 'setting'; key: string; isDeleted: boolean }>;

export type ChangePage = Readonly<{ changes: StoreChange[]; lastSeq: number; hasMore: boolean }>;

// Unit separator: cannot appear in a JID, so "chat + id" keys never collide.
const KEY_SEPARATOR = '\u001f';
export const messageKey = (chatId: string, id: string): string => `${chatId}${KEY_SEPARATOR}${id}`;

/**
 * Usage: inside a write transaction, `changeLog.nextSeq()` stamps each changed row and
 * `changeLog.tombstone(...)` marks each removal; `changesSince(seq)` replays them in order.
 */
export class ChangeLog {
  readonly #db: StoreDatabase;
  readonly #accountId: AccountId;
  #pending: number | undefined;
  #clearedMessageKeys = new Set<string>();
  /** Entities with at least one tombstone (probed per batch): re-creating anything else clears nothing. */
  #entitiesWithTombstones = new Set<EntityKind>(ENTITY_KINDS);

  constructor(db: StoreDatabase, accountId: AccountId) {
    this.#db = db;
    this.#accountId = accountId;
  }

  /**
   * The counter lives in memory for the length of one write transaction and is written back
   * once by `flush()`: one UPDATE per batch instead of one per row. `begin()` re-reads it, so a
   * rolled-back batch leaves no trace.
   */
  begin(): void {
    this.#pending = this.currentSeq();
    this.#clearedMessageKeys = new Set();
    // A history chunk creates a thousand messages and hundreds of contacts and chats, each of which
    // would clear its tombstone. One indexed probe per entity and batch tells whether any can exist.
    const probe = this.#db.stmt('SELECT 1 FROM tombstones WHERE entity = ? LIMIT 1');
    this.#entitiesWithTombstones = new Set(ENTITY_KINDS.filter((entity) => probe.get(entity) !== undefined));
  }

  nextSeq(): number {
    if (this.#pending === undefined) throw new Error('nextSeq outside a write transaction');
    this.#pending += 1;
    return this.#pending;
  }

  flush(): void {
    if (this.#clearedMessageKeys.size > 0) {
      this.#db
        .stmt("DELETE FROM tombstones WHERE entity = 'message' AND key IN (SELECT value FROM json_each(?))")
        .run(JSON.stringify([...this.#clearedMessageKeys]));
    }
    if (this.#pending !== undefined) {
      this.#db.stmt("UPDATE meta SET value = ? WHERE key = 'seq'").run(String(this.#pending));
    }
    this.#pending = undefined;
    this.#clearedMessageKeys = new Set();
  }

  /** Forgets an unflushed batch (after a rollback). */
  abandon(): void {
    this.#pending = undefined;
    this.#clearedMessageKeys = new Set();
  }

  currentSeq(): number {
    if (this.#pending !== undefined) return this.#pending;
    const row = this.#db.stmt("SELECT CAST(value AS INTEGER) AS seq FROM meta WHERE key = 'seq'").get() as
      { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  tombstone(
    entity: EntityKind,
    key: string,
    chatId: string | null,
    entityId: string,
    hlc: string,
    at: number,
  ): StoreChange {
    const seq = this.nextSeq();
    // A removal after a re-creation in the same batch must survive the bulk clear at flush.
    this.#entitiesWithTombstones.add(entity);
    if (entity === 'message') this.#clearedMessageKeys.delete(key);
    this.#db
      .stmt(
        `INSERT INTO tombstones (entity, key, chat_id, entity_id, deleted_at, hlc, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, key) DO UPDATE SET deleted_at = excluded.deleted_at, hlc = excluded.hlc, seq = excluded.seq`,
      )
      .run(entity, key, chatId, entityId, at, hlc, seq);
    return { seq, kind: 'removed', entity, chatId: chatId as ChatId | null, id: entityId, hlc };
  }

  /** A re-created row supersedes its deletion marker. Message keys are cleared in bulk at flush. */
  clearTombstone(entity: EntityKind, key: string): void {
    if (!this.#entitiesWithTombstones.has(entity)) return;
    if (entity === 'message') this.#clearedMessageKeys.add(key);
    else this.#db.stmt('DELETE FROM tombstones WHERE entity = ? AND key = ?').run(entity, key);
  }

  changesSince(afterSeq: number, limit: number): ChangePage {
    const take = limit + 1;
    const db = this.#db;
    const acc = this.#accountId;
    const changes: StoreChange[] = [];
    for (const row of db
      .stmt('SELECT * FROM chats WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, take) as ChatRow[]) {
      changes.push({ seq: row.seq, kind: 'chat', chat: chatFromRow(row, acc) });
    }
    const messages = db
      .stmt(`SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.seq > ? ORDER BY m.seq LIMIT ?`)
      .all(afterSeq, take) as MessageRow[];
    for (const row of messages) changes.push({ seq: row.seq, kind: 'message', message: messageFromRow(row, acc) });
    const names = db.stmt('SELECT source, name FROM contact_names WHERE contact_id = ?');
    for (const row of db
      .stmt('SELECT * FROM contacts WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, take) as ContactRow[]) {
      changes.push({
        seq: row.seq,
        kind: 'contact',
        contact: contactFromRows(row, names.all(row.id) as ContactNameRow[]),
      });
    }
    const media = db
      .stmt('SELECT chat_id, message_id, state_json, seq FROM media WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, take) as { chat_id: string; message_id: string; state_json: string; seq: number }[];
    for (const row of media) {
      changes.push({
        seq: row.seq,
        kind: 'media',
        chatId: row.chat_id as ChatId,
        messageId: row.message_id as MessageId,
        state: parseMediaState(row.state_json),
      });
    }
    const sync = db.stmt('SELECT status_json, seq FROM sync_status WHERE seq > ?').get(afterSeq) as
      { status_json: string; seq: number } | undefined;
    if (sync !== undefined)
      changes.push({ seq: sync.seq, kind: 'syncStatus', status: parseSyncStatus(sync.status_json) });
    const tombstones = db
      .stmt('SELECT entity, chat_id, entity_id, hlc, seq FROM tombstones WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, take) as {
      entity: EntityKind;
      chat_id: string | null;
      entity_id: string;
      hlc: string;
      seq: number;
    }[];
    for (const row of tombstones) {
      changes.push({
        seq: row.seq,
        kind: 'removed',
        entity: row.entity,
        chatId: row.chat_id as ChatId | null,
        id: row.entity_id,
        hlc: row.hlc,
      });
    }
    const settings = db
      .stmt('SELECT key, is_deleted, seq FROM settings WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, take) as { key: string; is_deleted: number; seq: number }[];
    for (const row of settings) {
      changes.push({ seq: row.seq, kind: 'setting', key: row.key, isDeleted: row.is_deleted === 1 });
    }
    changes.sort((a, b) => a.seq - b.seq);
    const hasMore = changes.length > limit;
    const page = changes.slice(0, limit);
    return { changes: page, lastSeq: page.at(-1)?.seq ?? afterSeq, hasMore };
  }
}
