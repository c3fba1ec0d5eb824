import type Database from 'better-sqlite3';

/*
 * Receive order of messages (schema v5). WhatsApp timestamps have one-second resolution, so
 * (timestamp, id) shuffled a burst from one contact: ids are random. `order_key` is the change
 * seq at which the row was first inserted. It is never rewritten by later updates (unlike `seq`),
 * and the seq counter only grows, so a new row always orders after every stored one.
 */
export function migrateMessageOrder(db: Database.Database): void {
  db.exec(`
    ALTER TABLE messages ADD COLUMN order_key INTEGER NOT NULL DEFAULT 0;
    -- rowid is the best record of insertion order existing rows have.
    UPDATE messages SET order_key = rowid;
    DROP INDEX messages_page;
    CREATE INDEX messages_page ON messages (chat_id, timestamp DESC, order_key DESC);
  `);
  raiseSeqTo(db, maxOrderKey(db));
}

export function maxOrderKey(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(order_key) AS max FROM messages').get() as { max: number | null };
  return row.max ?? 0;
}

/** Keys handed out later (new seqs) must be above `floor`; seqs need not be contiguous. */
export function raiseSeqTo(db: Database.Database, floor: number): void {
  if (floor <= 0) return;
  db.prepare(
    `INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
       WHERE CAST(meta.value AS INTEGER) < CAST(excluded.value AS INTEGER)`,
  ).run(String(floor));
}
