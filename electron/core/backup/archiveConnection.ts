import Database from 'better-sqlite3';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../store/storeDatabase.js';

/*
 * The AccountStore keeps its connection private and has no "export records with stamps" or
 * "merge records by HLC" API yet, so the backup opens its own connection to the same file.
 * WAL lets this reader run beside the store's writer without blocking it; every chunk read is
 * its own short implicit transaction, so the writer is never held up for a whole backup.
 */

export type ArchiveDb = Database.Database;

/** A reader beside a live store: `query_only` makes any accidental write fail loudly. */
export function openArchiveReader(accountDir: string, nativeBinding?: string): ArchiveDb {
  const db = new Database(path.join(accountDir, DATABASE_FILE_NAME), {
    fileMustExist: true,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  return db;
}

/**
 * A writer for restore. The store must be closed while it runs: the store's HLC clock and LID
 * cache live in memory and would not see the merged rows (see docs/backup.md).
 */
export function openArchiveWriter(accountDir: string, nativeBinding?: string): ArchiveDb {
  const db = new Database(path.join(accountDir, DATABASE_FILE_NAME), {
    fileMustExist: true,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function readArchiveMeta(db: ArchiveDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function readArchiveSeq(db: ArchiveDb): number {
  return Number(readArchiveMeta(db, 'seq') ?? '0');
}
