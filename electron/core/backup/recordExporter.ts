import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { encodeHlc } from '../store/hlc.js';
import type { BackupRecord } from './backupRecord.js';
import type { ArchiveDb } from './archiveConnection.js';
import { readArchiveSeq } from './archiveConnection.js';

/** Where the previous backup of this device stopped; all zero for a first (full) backup. */
export type ExportCursor = Readonly<{
  /** Change-log position: rows with `seq` above it changed since. */
  seq: number;
  /** LID mappings carry an HLC but no seq: the highest stamp exported so far. */
  lidHlc: string;
  /** The journal carries neither: the newest received/processed time exported so far… */
  journalMs: number;
  /** …and the chunks exported at exactly that time (several can share a millisecond). */
  journalIdsAtMs: readonly string[];
}>;

export const EMPTY_CURSOR: ExportCursor = { seq: 0, lidHlc: '', journalMs: 0, journalIdsAtMs: [] };

export type ExportChunk = Readonly<{ records: BackupRecord[] }>;

export const DEFAULT_EXPORT_CHUNK_ROWS = 2_000;

// The journal has no HLC; its stamp orders "received" before "processed" of the same chunk.
const JOURNAL_NODE = 'journal';

/**
 * Usage: `const run = exportSince(db, cursor)`; iterate `run.chunks` (bounded arrays, the event
 * loop gets a turn between them), then persist `run.next()` once the records are safely stored.
 *
 * The upper seq is fixed at the start: a row rewritten during the export moves above it and is
 * picked up by the next run, so nothing is lost and nothing is read twice within a run.
 */
export function exportSince(
  db: ArchiveDb,
  cursor: ExportCursor,
  chunkRows = DEFAULT_EXPORT_CHUNK_ROWS,
): { upperSeq: number; chunks: AsyncGenerator<ExportChunk>; next: () => ExportCursor } {
  const upperSeq = readArchiveSeq(db);
  let lidHlc = cursor.lidHlc;
  let journalMs = cursor.journalMs;
  let journalIds = new Set(cursor.journalIdsAtMs);
  async function* chunks(): AsyncGenerator<ExportChunk> {
    for (const table of SEQ_TABLES) {
      let after = cursor.seq;
      for (;;) {
        const rows = db.prepare(table.sql).all(after, upperSeq, chunkRows) as Row[];
        if (rows.length === 0) break;
        yield { records: rows.flatMap((row) => table.toRecord(db, row)) };
        after = Number(rows.at(-1)?.['seq']);
        if (rows.length < chunkRows) break;
        await yieldToLoop();
      }
    }
    const lids = db
      .prepare('SELECT lid, pn, source, recorded_at, hlc FROM lid_mappings WHERE hlc > ? ORDER BY hlc')
      .all(cursor.lidHlc) as Row[];
    if (lids.length > 0) {
      lidHlc = String(lids.at(-1)?.['hlc']);
      yield { records: lids.map(lidRecord) };
    }
    let afterId = '';
    for (;;) {
      // >= so a chunk journaled in the same millisecond as the last export is not missed; the
      // ids already sent at that millisecond are filtered out so an idle archive exports nothing.
      const page = db
        .prepare(
          `SELECT * FROM history_journal WHERE MAX(received_at, COALESCE(processed_at, 0)) >= ? AND id > ?
           ORDER BY id LIMIT ?`,
        )
        .all(cursor.journalMs, afterId, Math.max(1, Math.floor(chunkRows / 20))) as Row[];
      if (page.length === 0) break;
      afterId = String(page.at(-1)?.['id']);
      const rows = page.filter(
        (row) => journalStampMs(row) > cursor.journalMs || !cursor.journalIdsAtMs.includes(String(row['id'])),
      );
      for (const row of rows) {
        const ms = journalStampMs(row);
        if (ms > journalMs) {
          journalMs = ms;
          journalIds = new Set();
        }
        if (ms === journalMs) journalIds.add(String(row['id']));
      }
      if (rows.length > 0) yield { records: rows.map(journalRecord) };
      await yieldToLoop();
    }
  }
  return {
    upperSeq,
    chunks: chunks(),
    next: () => ({ seq: upperSeq, lidHlc, journalMs, journalIdsAtMs: [...journalIds] }),
  };
}

type Row = Record<string, unknown>;

type SeqTable = { sql: string; toRecord: (db: ArchiveDb, row: Row) => BackupRecord | BackupRecord[] };

/** Drops bookkeeping columns that are local positions, not archive content. */
function strip(row: Row, ...columns: string[]): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (!columns.includes(k)) out[k] = encodeBlob(v);
  return out;
}

function encodeBlob(v: unknown): unknown {
  return Buffer.isBuffer(v) ? { b64: v.toString('base64') } : v;
}

const SEQ_TABLES: readonly SeqTable[] = [
  {
    sql: 'SELECT * FROM contacts WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (db, row) => ({
      kind: 'contact',
      key: String(row['id']),
      hlc: String(row['hlc']),
      deleted: false,
      value: {
        ...strip(row, 'hlc', 'seq'),
        names: db
          .prepare('SELECT source, name, updated_at FROM contact_names WHERE contact_id = ? ORDER BY source')
          .all(row['id']),
      },
    }),
  },
  {
    sql: 'SELECT * FROM chats WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => ({
      kind: 'chat',
      key: String(row['id']),
      hlc: String(row['hlc']),
      deleted: false,
      value: strip(row, 'hlc', 'seq'),
    }),
  },
  {
    sql: 'SELECT * FROM messages WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => ({
      kind: 'message',
      key: `${String(row['chat_id'])}\u001f${String(row['id'])}`,
      hlc: String(row['hlc']),
      deleted: false,
      // rowid is this file's FTS pointer, not content.
      value: strip(row, 'rowid', 'hlc', 'seq'),
    }),
  },
  {
    sql: 'SELECT * FROM media WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => ({
      kind: 'media',
      key: `${String(row['chat_id'])}\u001f${String(row['message_id'])}`,
      hlc: String(row['hlc']),
      deleted: false,
      value: strip(row, 'hlc', 'seq'),
    }),
  },
  {
    sql: 'SELECT * FROM tombstones WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => {
      const marker: BackupRecord = {
        kind: row['entity'] as BackupRecord['kind'],
        key: String(row['key']),
        hlc: String(row['hlc']),
        deleted: true,
        value: { chat_id: row['chat_id'], entity_id: row['entity_id'], deleted_at: row['deleted_at'] },
      };
      // Deleting a chat drops its messages without one marker each. A separate "cleared at"
      // record keeps that fact even after the chat is re-created and its own marker is gone.
      if (marker.kind !== 'chat') return marker;
      return [marker, { kind: 'chatCleared', key: marker.key, hlc: marker.hlc, deleted: false, value: null }];
    },
  },
  {
    // The store's own clear markers survive a re-creation of the chat (the tombstone does not),
    // so a delete + re-create between two backups still reaches the backup.
    sql: 'SELECT * FROM chat_clears WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => ({
      kind: 'chatCleared',
      key: String(row['chat_id']),
      hlc: String(row['hlc']),
      deleted: false,
      value: null,
    }),
  },
  {
    // Settings keep their deletion marker in the row itself (is_deleted), value_json stays text
    // like the other *_json columns so the stored bytes round-trip exactly.
    sql: 'SELECT * FROM settings WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    toRecord: (_db, row) => ({
      kind: 'setting',
      key: String(row['key']),
      hlc: String(row['hlc']),
      deleted: row['is_deleted'] === 1,
      value: { key: row['key'], value_json: row['value_json'] },
    }),
  },
];

function lidRecord(row: Row): BackupRecord {
  return { kind: 'lid', key: String(row['lid']), hlc: String(row['hlc']), deleted: false, value: strip(row, 'hlc') };
}

function journalStampMs(row: Row): number {
  return Math.max(Number(row['received_at']), Number(row['processed_at'] ?? 0));
}

/** The journal's synthetic stamp: by time, and "processed" after "received" of the same chunk. */
export function journalStamp(row: Row): string {
  const isProcessed = row['processed_at'] !== null && row['processed_at'] !== undefined;
  return encodeHlc({ wallMs: journalStampMs(row), counter: isProcessed ? 1 : 0, node: JOURNAL_NODE });
}

function journalRecord(row: Row): BackupRecord {
  const hlc = journalStamp(row);
  return { kind: 'journal', key: String(row['id']), hlc, deleted: false, value: strip(row) };
}
