import Database from 'better-sqlite3';
import path from 'node:path';

/** The values the store wrote for one message, in the store's column order. */
export type MessageRowValues = readonly unknown[];

export const MESSAGE_COLUMNS = [
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
  'hlc',
  'seq',
] as const;

/**
 * Reads, through its own read-only connection, the message rows the app path committed since the
 * last call (WAL lets it see every commit without touching the writer).
 *
 *   const reader = storedMessageReader(file); ingest(chunk); const rows = reader.next();
 */
export function storedMessageReader(file: string): { next: () => MessageRowValues[]; close: () => void } {
  const db = new Database(file, { readonly: true });
  const select = db
    .prepare(`SELECT rowid, ${MESSAGE_COLUMNS.join(', ')} FROM messages WHERE rowid > ? ORDER BY rowid`)
    .raw();
  let lastRowid = 0;
  return {
    next: () => {
      const rows = select.all(lastRowid) as unknown[][];
      const last = rows.at(-1);
      if (last !== undefined) lastRowid = Number(last[0]);
      return rows.map((row) => row.slice(1));
    },
    close: () => db.close(),
  };
}

/**
 * The baseline: a plain table with the messages columns, filled with one prepared statement, one
 * transaction per `insert` call. Same file settings as StoreDatabase (WAL, synchronous=FULL, 32 MiB
 * cache), so both sides pay the same fsync per commit.
 *
 *   const raw = openRawTable(dir); const seconds = raw.insert(rows); raw.close();
 */
export function openRawTable(dir: string): {
  insert: (rows: readonly MessageRowValues[]) => number;
  close: () => void;
} {
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  db.exec(`CREATE TABLE messages (rowid INTEGER PRIMARY KEY, ${MESSAGE_COLUMNS.join(', ')})`);
  const insert = db.prepare(
    `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertAll = db.transaction((rows: readonly MessageRowValues[]) => {
    for (const row of rows) insert.run(...row);
  });
  return {
    insert: (rows) => {
      const started = performance.now();
      insertAll(rows);
      return (performance.now() - started) / 1000;
    },
    close: () => db.close(),
  };
}
