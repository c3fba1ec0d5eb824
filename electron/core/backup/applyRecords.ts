import type Database from 'better-sqlite3';
import { isValidSettingJson } from '../store/settingsRegistry.js';
import { missingCaseError } from '../util/missingCaseError.js';
import type { ArchiveDb } from './archiveConnection.js';
import { readArchiveMeta } from './archiveConnection.js';
import type { BackupRecord } from './backupRecord.js';
import { journalStamp } from './recordExporter.js';

/*
 * Merges backup records into an archive file by HLC: a record is written only when its stamp
 * is newer than both the row and the deletion marker held locally (equal stamps are the same
 * write: stamps carry the writing node). Every written row gets a fresh seq, so a running UI
 * catches up through the normal change stream. Columns are listed per table, never taken from
 * the record, so a crafted record cannot name arbitrary SQL.
 */

/** `rejected`: a setting whose value does not fit its key (e.g. crafted); it is not written. */
export type ApplyCounts = { applied: number; stale: number; orphaned: number; rejected: number };

/** Looks up a record of the merged backup (for "was this chat cleared after that message?"). */
export type RecordLookup = (kind: BackupRecord['kind'], key: string) => BackupRecord | undefined;

type Table = Readonly<{
  table: string;
  entity: 'chat' | 'message' | 'contact' | 'media';
  columns: readonly string[];
  /** Columns a merged record never overwrites in an existing row. */
  keepOnConflict?: readonly string[];
  where: string;
}>;

const TABLES = {
  contact: {
    table: 'contacts',
    entity: 'contact',
    columns: ['id', 'phone_number', 'lid', 'is_group', 'updated_at'],
    where: 'id = @id',
  },
  chat: {
    table: 'chats',
    entity: 'chat',
    columns: [
      'id',
      'contact_id',
      'is_group',
      'subject',
      'last_message_at',
      'preview_json',
      'unread_count',
      'is_marked_unread',
      'pinned_at',
      'is_archived',
      'muted_until',
      'oldest_message_at',
      'is_history_exhausted',
    ],
    where: 'id = @id',
  },
  message: {
    table: 'messages',
    entity: 'message',
    columns: [
      'chat_id',
      'id',
      'sender_id',
      'from_me',
      'timestamp',
      'status',
      'body_json',
      'details_json',
      'search_text',
      'raw',
      'order_key',
    ],
    // A stored row keeps its place in this timeline; a new one takes the backed-up place.
    keepOnConflict: ['order_key'],
    where: 'chat_id = @chat_id AND id = @id',
  },
  media: {
    table: 'media',
    entity: 'media',
    columns: ['chat_id', 'message_id', 'state_json', 'download_json', 'failure_reason', 'attempts', 'updated_at'],
    where: 'chat_id = @chat_id AND message_id = @message_id',
  },
} as const satisfies Record<string, Table>;

const LID_COLUMNS = ['lid', 'pn', 'source', 'recorded_at'] as const;
const JOURNAL_COLUMNS = [
  'id',
  'sync_type',
  'chunk_order',
  'progress',
  'received_at',
  'raw',
  'message_count',
  'chat_count',
  'processed_at',
] as const;

type Params = Record<string, unknown>;

function params(value: unknown, columns: readonly string[]): Params {
  const source = (value ?? {}) as Record<string, unknown>;
  const out: Params = {};
  for (const column of columns) out[column] = decodeBlob(source[column] ?? null);
  return out;
}

function decodeBlob(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { b64?: unknown }).b64 === 'string') {
    return Buffer.from((v as { b64: string }).b64, 'base64');
  }
  return v;
}

function upsertSql(
  table: string,
  columns: readonly string[],
  conflict: string,
  extra: readonly string[],
  keep: readonly string[] = [],
): string {
  const all = [...columns, ...extra];
  const sets = all
    .filter((c) => !conflict.split(', ').includes(c) && !keep.includes(c))
    .map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (${conflict}) DO UPDATE SET ${sets.join(', ')}`;
}

/** Usage: `const a = new RecordApplier(db, lookup); a.apply(page)…; a.counts` — one transaction per page. */
export class RecordApplier {
  readonly counts: ApplyCounts = { applied: 0, stale: 0, orphaned: 0, rejected: 0 };
  readonly #db: ArchiveDb;
  readonly #lookup: RecordLookup;
  #seq = 0;
  #hlcMax = '';

  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: ArchiveDb, lookup: RecordLookup) {
    this.#db = db;
    this.#lookup = lookup;
  }

  apply(records: readonly BackupRecord[]): void {
    this.#db
      .transaction(() => {
        this.#seq = Number(readArchiveMeta(this.#db, 'seq') ?? '0');
        this.#hlcMax = readArchiveMeta(this.#db, 'hlc_last') ?? '';
        for (const record of records) this.#applyOne(record);
        this.#stmt("UPDATE meta SET value = ? WHERE key = 'seq'").run(String(this.#seq));
        // Later local writes must order after everything merged in.
        this.#stmt(
          "INSERT INTO meta (key, value) VALUES ('hlc_last', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(this.#hlcMax);
      })
      .immediate();
  }

  #applyOne(record: BackupRecord): void {
    switch (record.kind) {
      case 'contact':
      case 'chat':
      case 'message':
      case 'media':
        return this.#applyEntity(TABLES[record.kind], record);
      case 'chatCleared':
        // Drop older local messages, and keep the marker so a later backup of this store carries it.
        this.#stmt('DELETE FROM messages WHERE chat_id = ? AND hlc < ?').run(record.key, record.hlc);
        this.#stmt(
          `INSERT INTO chat_clears (chat_id, hlc, seq) VALUES (?, ?, ?)
           ON CONFLICT (chat_id) DO UPDATE SET hlc = excluded.hlc, seq = excluded.seq WHERE excluded.hlc > chat_clears.hlc`,
        ).run(record.key, record.hlc, this.#nextSeq(record.hlc));
        this.counts.applied += 1;
        return;
      case 'lid':
        return this.#applySimple('lid_mappings', 'lid', LID_COLUMNS, record, true);
      case 'journal':
        return this.#applySimple('history_journal', 'id', JOURNAL_COLUMNS, record, false);
      case 'setting':
        return this.#applySetting(record);
      default:
        throw missingCaseError(record.kind);
    }
  }

  #applyEntity(t: Table, record: BackupRecord): void {
    const local = this.#localHlc(t, record);
    if (local !== undefined && local >= record.hlc) {
      this.counts.stale += 1;
      return;
    }
    const seq = this.#nextSeq(record.hlc);
    if (record.deleted) {
      const marker = record.value as { chat_id: string | null; entity_id: string; deleted_at: number };
      const key = this.#entityKeyParams(t, marker);
      if (t.entity === 'chat')
        this.#stmt('DELETE FROM messages WHERE chat_id = ? AND hlc < ?').run(record.key, record.hlc);
      this.#stmt(`DELETE FROM ${t.table} WHERE ${t.where}`).run(key);
      this.#stmt(
        `INSERT INTO tombstones (entity, key, chat_id, entity_id, deleted_at, hlc, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (entity, key) DO UPDATE SET chat_id = excluded.chat_id, entity_id = excluded.entity_id,
             deleted_at = excluded.deleted_at, hlc = excluded.hlc, seq = excluded.seq`,
      ).run(t.entity, record.key, marker.chat_id, marker.entity_id, marker.deleted_at, record.hlc, seq);
      this.counts.applied += 1;
      return;
    }
    const row = params(record.value, t.columns);
    if (t.entity === 'message') {
      const cleared = this.#lookup('chatCleared', String(row['chat_id']));
      if (cleared !== undefined && cleared.hlc > record.hlc) {
        this.counts.orphaned += 1;
        return;
      }
    }
    if (t.entity === 'media') {
      const parent = this.#stmt('SELECT 1 FROM messages WHERE chat_id = ? AND id = ?').get(
        row['chat_id'],
        row['message_id'],
      );
      if (parent === undefined) {
        this.counts.orphaned += 1;
        return;
      }
    }
    const conflict = t.entity === 'message' ? 'chat_id, id' : t.entity === 'media' ? 'chat_id, message_id' : 'id';
    const isNewMessage =
      t.entity === 'message' &&
      this.#stmt('SELECT 1 FROM messages WHERE chat_id = ? AND id = ?').get(row['chat_id'], row['id']) === undefined;
    if (t.entity === 'message') this.#placeMessage(row, seq);
    const written = this.#stmt(upsertSql(t.table, t.columns, conflict, ['hlc', 'seq'], t.keepOnConflict)).run({
      ...row,
      hlc: record.hlc,
      seq,
    });
    // The search index has no insert trigger (the store's writer indexes its own inserts), so a
    // restored row is indexed here. Updates are re-indexed by the store's update trigger. A row the
    // index never saw would corrupt it on its first delete or edit (SQLITE_CORRUPT_VTAB).
    if (isNewMessage && row['search_text'] !== null && row['search_text'] !== undefined)
      this.#stmt('INSERT INTO messages_fts (rowid, search_text) VALUES (?, ?)').run(
        written.lastInsertRowid,
        row['search_text'],
      );
    this.#stmt('DELETE FROM tombstones WHERE entity = ? AND key = ?').run(t.entity, record.key);
    if (t.entity === 'contact') this.#writeNames(String(row['id']), record.value);
    this.counts.applied += 1;
  }

  #writeNames(contactId: string, value: unknown): void {
    const names = ((value as { names?: unknown }).names ?? []) as {
      source: string;
      name: string;
      updated_at: number;
    }[];
    this.#stmt('DELETE FROM contact_names WHERE contact_id = ?').run(contactId);
    const insert = this.#stmt('INSERT INTO contact_names (contact_id, source, name, updated_at) VALUES (?, ?, ?, ?)');
    for (const n of names) insert.run(contactId, n.source, n.name, n.updated_at);
  }

  #entityKeyParams(t: Table, marker: { chat_id: string | null; entity_id: string }): Params {
    if (t.entity === 'message') return { chat_id: marker.chat_id, id: marker.entity_id };
    if (t.entity === 'media') return { chat_id: marker.chat_id, message_id: marker.entity_id };
    return { id: marker.entity_id };
  }

  #localHlc(t: Table, record: BackupRecord): string | undefined {
    const key = record.deleted
      ? this.#entityKeyParams(t, record.value as { chat_id: string | null; entity_id: string })
      : params(record.value, t.columns);
    const keyOnly: Params = {};
    for (const name of t.where.match(/@\w+/g) ?? []) keyOnly[name.slice(1)] = key[name.slice(1)];
    const row = this.#stmt(`SELECT hlc FROM ${t.table} WHERE ${t.where}`).get(keyOnly) as { hlc: string } | undefined;
    const mark = this.#stmt('SELECT hlc FROM tombstones WHERE entity = ? AND key = ?').get(t.entity, record.key) as
      { hlc: string } | undefined;
    const a = row?.hlc;
    const b = mark?.hlc;
    return a === undefined ? b : b === undefined || a > b ? a : b;
  }

  #applySimple(
    table: string,
    keyColumn: string,
    columns: readonly string[],
    record: BackupRecord,
    hasHlc: boolean,
  ): void {
    const row = params(record.value, columns);
    const held = this.#stmt(`SELECT * FROM ${table} WHERE ${keyColumn} = ?`).get(row[keyColumn]) as Params | undefined;
    const localStamp = held === undefined ? undefined : hasHlc ? String(held['hlc']) : journalStamp(held);
    if (localStamp !== undefined && localStamp >= record.hlc) {
      this.counts.stale += 1;
      return;
    }
    if (hasHlc && record.hlc > this.#hlcMax) this.#hlcMax = record.hlc;
    const values = hasHlc ? { ...row, hlc: record.hlc } : row;
    this.#stmt(upsertSql(table, columns, keyColumn, hasHlc ? ['hlc'] : [])).run(values);
    this.counts.applied += 1;
  }

  /** Newest stamp wins; a deletion is kept as a marker row so it also beats older values later. */
  #applySetting(record: BackupRecord): void {
    const value = (record.value ?? {}) as { key?: unknown; value_json?: unknown };
    const valueJson = record.deleted ? null : value.value_json;
    const isValid =
      value.key === record.key &&
      (valueJson === null || (typeof valueJson === 'string' && isValidSettingJson(record.key, valueJson)));
    if (!isValid) {
      this.counts.rejected += 1;
      return;
    }
    const local = this.#stmt('SELECT hlc FROM settings WHERE key = ?').get(record.key) as { hlc: string } | undefined;
    if (local !== undefined && local.hlc >= record.hlc) {
      this.counts.stale += 1;
      return;
    }
    this.#stmt(
      `INSERT INTO settings (key, value_json, is_deleted, hlc, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, is_deleted = excluded.is_deleted,
         hlc = excluded.hlc, seq = excluded.seq`,
    ).run(record.key, valueJson, valueJson === null ? 1 : 0, record.hlc, this.#nextSeq(record.hlc));
    this.counts.applied += 1;
  }

  /** Compiled once per restore: a 100k-record restore would otherwise re-parse SQL per row. */
  #stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * A message's receive order (`order_key`, see store/messageOrder.ts) round-trips. A record from a
   * build before it has none: its place is derived from this merge's seq. Either way the seq counter
   * is raised above it, so messages the store receives later order after the restored ones.
   */
  #placeMessage(row: Params, seq: number): void {
    const orderKey = row['order_key'];
    if (typeof orderKey !== 'number' || !Number.isSafeInteger(orderKey)) {
      row['order_key'] = seq;
      return;
    }
    if (orderKey > this.#seq) this.#seq = orderKey;
  }

  #nextSeq(hlc: string): number {
    if (hlc > this.#hlcMax) this.#hlcMax = hlc;
    this.#seq += 1;
    return this.#seq;
  }
}
