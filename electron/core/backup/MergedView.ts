import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupRecord } from './backupRecord.js';
import { mergeRecords, parseRecordLine, RECORD_KINDS, recordId, recordLine } from './backupRecord.js';

/**
 * Usage: `const view = MergedView.create(); view.add(records)…; for (const page of view.pages()) …; view.dispose()`.
 *
 * The merged state of a whole backup (snapshot + every device's segments), one winner per
 * record by `mergeRecords`. It lives in a temporary SQLite file rather than a Map, so compacting
 * or restoring a 100k-message archive holds one page of records in memory, not all of them.
 */
export class MergedView {
  readonly #dir: string;
  readonly #db: Database.Database;
  readonly #select: Database.Statement;
  readonly #upsert: Database.Statement;

  private constructor(dir: string, nativeBinding?: string) {
    this.#dir = dir;
    this.#db = new Database(path.join(dir, 'merge.sqlite'), nativeBinding === undefined ? {} : { nativeBinding });
    // Scratch data: losing it on a crash costs a re-download, so skip the fsyncs.
    this.#db.pragma('journal_mode = OFF');
    this.#db.pragma('synchronous = OFF');
    this.#db.exec(
      'CREATE TABLE rec (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, key TEXT NOT NULL, line TEXT NOT NULL)',
    );
    this.#db.exec('CREATE INDEX rec_order ON rec (rank, key)');
    this.#select = this.#db.prepare('SELECT line FROM rec WHERE id = ?');
    this.#upsert = this.#db.prepare(
      'INSERT INTO rec (id, rank, key, line) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET line = excluded.line',
    );
  }

  static create(nativeBinding?: string): MergedView {
    return new MergedView(fs.mkdtempSync(path.join(os.tmpdir(), 'wa-backup-merge-')), nativeBinding);
  }

  add(records: readonly BackupRecord[]): void {
    this.#db.transaction(() => {
      for (const record of records) {
        const id = recordId(record);
        const held = this.#select.get(id) as { line: string } | undefined;
        const winner = held === undefined ? record : mergeRecords(parseRecordLine(held.line), record);
        if (held !== undefined && winner !== record) continue;
        this.#upsert.run(id, RECORD_KINDS.indexOf(record.kind), record.key, recordLine(winner));
      }
    })();
  }

  get(kind: BackupRecord['kind'], key: string): BackupRecord | undefined {
    const held = this.#select.get(recordId({ kind, key })) as { line: string } | undefined;
    return held === undefined ? undefined : parseRecordLine(held.line);
  }

  count(): number {
    return (this.#db.prepare('SELECT COUNT(*) AS n FROM rec').get() as { n: number }).n;
  }

  /** In kind order (parents before children: contacts, chats, messages, media…) then key. */
  *pages(pageSize = 2_000): Generator<BackupRecord[]> {
    const page = this.#db.prepare(
      'SELECT rank, key, line FROM rec WHERE (rank, key) > (?, ?) ORDER BY rank, key LIMIT ?',
    );
    let after: [number, string] = [-1, ''];
    for (;;) {
      const rows = page.all(after[0], after[1], pageSize) as { rank: number; key: string; line: string }[];
      if (rows.length === 0) return;
      const last = rows.at(-1);
      if (last !== undefined) after = [last.rank, last.key];
      yield rows.map((r) => parseRecordLine(r.line));
    }
  }

  dispose(): void {
    this.#db.close();
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }
}
