import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import { DATABASE_FILE_NAME } from '../../electron/core/store/storeDatabase.js';
import type { MessageRowValues } from './rawInsert.js';
import { MESSAGE_COLUMNS } from './rawInsert.js';
import { BENCH_ACCOUNT } from './tempStore.js';

const SEARCH_TEXT = MESSAGE_COLUMNS.indexOf('search_text');

/**
 * Not a baseline: the floor under the app path. The same message rows, with the plainest code, into
 * a fresh file with the store's own schema (its four message indexes and the FTS5 index, which the
 * app fills in the same statement order), one transaction per `insert` call. What this loses to the
 * plain table is the schema's cost, which no amount of JavaScript work in the app path can win back.
 *
 *   const floor = await openSchemaTable(dir); const seconds = floor.insert(rows); floor.close();
 */
export async function openSchemaTable(dir: string): Promise<{
  insert: (rows: readonly MessageRowValues[]) => number;
  close: () => void;
}> {
  const accountDir = path.join(dir, 'schema-floor', BENCH_ACCOUNT);
  fs.mkdirSync(accountDir, { recursive: true });
  // Opening through the store creates the schema exactly as the app has it.
  const store = await AccountStore.open(accountDir, { keyProvider: staticKeyProvider(new Uint8Array(32).fill(1)) });
  store.close();
  const db = new Database(path.join(accountDir, DATABASE_FILE_NAME));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  const insert = db.prepare(
    `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map(() => '?').join(', ')})`,
  );
  const index = db.prepare('INSERT INTO messages_fts (rowid, search_text) VALUES (?, ?)');
  const insertAll = db.transaction((rows: readonly MessageRowValues[]) => {
    for (const row of rows) {
      const { lastInsertRowid } = insert.run(...row);
      const text = row[SEARCH_TEXT];
      if (text !== null && text !== undefined) index.run(lastInsertRowid, text);
    }
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
