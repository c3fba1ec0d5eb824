import { z } from 'zod';
import { canonicalJson, mergeRecord } from '../store/mergeRecord.js';

/**
 * What a backup holds, one line per record. `kind` names the archive table the record comes
 * from; `key` is its identity within that kind. A deletion marker is a record too
 * (`deleted: true`), so a newer delete beats an older write from another device.
 */
export const RECORD_KINDS = [
  'contact',
  'chat',
  'chatCleared',
  'message',
  'media',
  'lid',
  'journal',
  'setting',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type BackupRecord = Readonly<{
  kind: RecordKind;
  key: string;
  hlc: string;
  deleted: boolean;
  value: unknown;
}>;

/** Identity of a record across backups: the same kind+key from two devices is one record. */
export function recordId(record: Pick<BackupRecord, 'kind' | 'key'>): string {
  return `${record.kind}\u001e${record.key}`;
}

/**
 * Last writer wins by HLC, ties broken by canonical content (the store's `mergeRecord`), so the
 * result is a max over a total order: commutative, associative and idempotent. Records of
 * different identity cannot be merged; that is a caller bug, not data.
 */
export function mergeRecords(a: BackupRecord, b: BackupRecord): BackupRecord {
  if (a.kind !== b.kind || a.key !== b.key) throw new RangeError('mergeRecords: records of different identity');
  const av = { hlc: a.hlc, isDeleted: a.deleted, value: a.value };
  const bv = { hlc: b.hlc, isDeleted: b.deleted, value: b.value };
  return mergeRecord(av, bv) === av ? a : b;
}

/** Merges whole record sets (e.g. two devices' archives): per identity, `mergeRecords`. */
export function mergeRecordSets(a: Iterable<BackupRecord>, b: Iterable<BackupRecord>): Map<string, BackupRecord> {
  const out = new Map<string, BackupRecord>();
  for (const set of [a, b]) {
    for (const record of set) {
      const id = recordId(record);
      const held = out.get(id);
      out.set(id, held === undefined ? record : mergeRecords(held, record));
    }
  }
  return out;
}

/** One JSON line with a fixed field order and sorted value keys: equal records, equal bytes. */
export function recordLine(record: BackupRecord): string {
  return canonicalJson({
    kind: record.kind,
    key: record.key,
    hlc: record.hlc,
    deleted: record.deleted,
    value: record.value,
  });
}

const BackupRecordSchema = z.object({
  kind: z.enum(RECORD_KINDS),
  key: z.string().min(1),
  hlc: z.string().min(1),
  deleted: z.boolean(),
  value: z.unknown(),
});

/** Parses one line of a decrypted segment; a bad line means a corrupt or forged segment. */
export function parseRecordLine(line: string): BackupRecord {
  const parsed = BackupRecordSchema.safeParse(JSON.parse(line));
  if (!parsed.success) throw new SyntaxError('backup record has the wrong shape');
  return parsed.data;
}
