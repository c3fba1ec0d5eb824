import type { StoreDatabase } from './storeDatabase.js';

/** One history-sync notification as received, before anything in it was applied. */
export type HistoryChunkInput = Readonly<{
  id: string;
  syncType: string;
  chunkOrder: number | null;
  progress: number | null;
  receivedAt: number;
  /** The notification bytes, so a crash mid-chunk can re-process it on restart. */
  raw: Uint8Array;
}>;

export type HistoryChunk = HistoryChunkInput &
  Readonly<{ messageCount: number; chatCount: number; processedAt: number | null }>;

type JournalRow = {
  id: string;
  sync_type: string;
  chunk_order: number | null;
  progress: number | null;
  received_at: number;
  raw: Uint8Array;
  message_count: number;
  chat_count: number;
  processed_at: number | null;
};

function chunkFromRow(row: JournalRow): HistoryChunk {
  return {
    id: row.id,
    syncType: row.sync_type,
    chunkOrder: row.chunk_order,
    progress: row.progress,
    receivedAt: row.received_at,
    raw: row.raw,
    messageCount: row.message_count,
    chatCount: row.chat_count,
    processedAt: row.processed_at,
  };
}

/**
 * Usage: `journal.record(chunk)` (own commit) → process → `markProcessed` inside the same batch
 * that applied the chunk's data, so "processed" is true exactly when the data is on disk.
 */
export class HistoryJournal {
  readonly #db: StoreDatabase;

  constructor(db: StoreDatabase) {
    this.#db = db;
  }

  /** Returns false for a chunk already journaled (WhatsApp re-sends after reconnects). */
  record(chunk: HistoryChunkInput): boolean {
    return (
      this.#db
        .stmt(
          `INSERT INTO history_journal (id, sync_type, chunk_order, progress, received_at, raw)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .run(chunk.id, chunk.syncType, chunk.chunkOrder, chunk.progress, chunk.receivedAt, chunk.raw).changes > 0
    );
  }

  has(id: string): boolean {
    return this.#db.stmt('SELECT 1 FROM history_journal WHERE id = ?').get(id) !== undefined;
  }

  markProcessed(id: string, counts: { messageCount: number; chatCount: number }, at: number): boolean {
    return (
      this.#db
        .stmt('UPDATE history_journal SET processed_at = ?, message_count = ?, chat_count = ? WHERE id = ?')
        .run(at, counts.messageCount, counts.chatCount, id).changes > 0
    );
  }

  pending(): HistoryChunk[] {
    const rows = this.#db
      .stmt('SELECT * FROM history_journal WHERE processed_at IS NULL ORDER BY received_at, chunk_order')
      .all() as JournalRow[];
    return rows.map(chunkFromRow);
  }

  list(limit: number): HistoryChunk[] {
    const rows = this.#db
      .stmt('SELECT * FROM history_journal ORDER BY received_at DESC LIMIT ?')
      .all(limit) as JournalRow[];
    return rows.map(chunkFromRow);
  }

  /** Processed chunks' raw bytes are no longer needed; keeps the journal rows for diagnostics. */
  pruneProcessedRaw(olderThan: number): number {
    return this.#db
      .stmt(
        "UPDATE history_journal SET raw = X'' WHERE processed_at IS NOT NULL AND processed_at < ? AND length(raw) > 0",
      )
      .run(olderThan).changes;
  }
}
