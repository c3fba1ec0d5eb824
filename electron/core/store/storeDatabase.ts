import Database from 'better-sqlite3';
import path from 'node:path';
import { StoreClosedError } from './errors.js';

export const DATABASE_FILE_NAME = 'account.sqlite';

/**
 * Usage: `const sdb = StoreDatabase.open(dir)`; `sdb.stmt(sql)` returns a prepared statement
 * compiled once per connection; `sdb.transaction(fn)` runs fn in one SQLite transaction.
 *
 * Durability: `synchronous=FULL` for the whole connection (SQLite sets it per connection, not per
 * table). In WAL mode NORMAL keeps the file consistent but can lose the last commits on power
 * loss. Two things here cannot afford that: delivered messages (the server stops redelivering
 * once we ack, and we ack after commit) and Signal ratchet state (a session advanced on the
 * wire but rolled back on disk cannot decrypt the next message). Writes are batched, so the
 * extra fsync per commit costs little per row.
 */
export class StoreDatabase {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#runInTransaction = db.transaction((fn: () => unknown) => fn());
  }

  static open(dir: string, options: { nativeBinding?: string } = {}): StoreDatabase {
    const file = path.join(dir, DATABASE_FILE_NAME);
    const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // History ingest touches five b-trees plus the FTS index per message; a 32 MiB page cache
      // keeps their hot pages resident (the default 2 MiB thrashes on 10k-message batches).
      db.pragma('cache_size = -32768');
      db.pragma('temp_store = MEMORY');
      // Keep the WAL from growing without bound after a large history import.
      db.pragma('journal_size_limit = 67108864');
    } catch (err) {
      db.close();
      throw err;
    }
    return new StoreDatabase(db);
  }

  get raw(): Database.Database {
    if (!this.#db.open) throw new StoreClosedError('account store is closed');
    return this.#db;
  }

  get isOpen(): boolean {
    return this.#db.open;
  }

  stmt(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.raw.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Re-entrant: a call made while a transaction is open joins it, so an error anywhere rolls
   * back the whole outer unit (no half-applied nested step survives). BEGIN IMMEDIATE takes the
   * write lock up front, so a read-then-write transaction never fails to upgrade.
   */
  transaction<T>(fn: () => T): T {
    const db = this.raw;
    if (db.inTransaction) return fn();
    return this.#runInTransaction.immediate(fn) as T;
  }

  close(): void {
    if (!this.#db.open) return;
    this.#statements.clear();
    try {
      // Fold the WAL back so the archive is one file at rest.
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.#db.close();
    }
  }
}
