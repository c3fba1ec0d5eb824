import { openArchiveReader } from './archiveConnection.js';
import type { BackupRecord } from './backupRecord.js';
import { recordId, recordLine } from './backupRecord.js';
import { EMPTY_CURSOR, exportSince } from './recordExporter.js';

/**
 * Every archive record of a store as sorted canonical lines: two stores hold the same archive
 * exactly when these are equal. Local positions (seq, rowid) are not part of it. For tests,
 * the bench and support diagnostics; holds the whole archive in memory.
 */
export async function canonicalArchiveExport(accountDir: string, nativeBinding?: string): Promise<string[]> {
  const db = openArchiveReader(accountDir, nativeBinding);
  try {
    const records: BackupRecord[] = [];
    for await (const chunk of exportSince(db, EMPTY_CURSOR).chunks) records.push(...chunk.records);
    records.sort((a, b) => (recordId(a) < recordId(b) ? -1 : recordId(a) > recordId(b) ? 1 : 0));
    return records.map(recordLine);
  } finally {
    db.close();
  }
}
