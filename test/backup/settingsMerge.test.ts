import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordApplier } from '../../electron/core/backup/applyRecords.js';
import { openArchiveReader, openArchiveWriter } from '../../electron/core/backup/archiveConnection.js';
import type { BackupRecord } from '../../electron/core/backup/backupRecord.js';
import { mergeRecordSets, recordId, recordLine } from '../../electron/core/backup/backupRecord.js';
import type { ExportCursor } from '../../electron/core/backup/recordExporter.js';
import { EMPTY_CURSOR, exportSince } from '../../electron/core/backup/recordExporter.js';
import type { EventBatch } from '../../shared/src/index.js';
import { commitBatch } from '../../electron/core/session/worker/commitBatch.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeTempProfile, openTestStore } from '../../electron/core/store/storeFixtures.js';

/*
 * Settings written on two devices, exported incrementally (as segments), then applied by the
 * real applier into fresh stores in different orders and with repeats: every order must give the
 * same settings, equal to merging the records by HLC (newest wins, deletions included).
 */

type Op =
  | { t: 'set'; device: 0 | 1; value: number }
  | { t: 'delete'; device: 0 | 1 }
  | { t: 'tick'; ms: number }
  | { t: 'backup' };
const device = fc.constantFrom<0 | 1>(0, 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('set' as const), device, value: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), device }) },
  // Zero ticks make both devices stamp in the same millisecond: the counter and node decide.
  { weight: 2, arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ t: 'backup' as const }) },
);

async function exportSegment(
  dir: string,
  cursor: ExportCursor,
): Promise<{ records: BackupRecord[]; next: ExportCursor }> {
  const db = openArchiveReader(dir);
  try {
    const run = exportSince(db, cursor);
    const records: BackupRecord[] = [];
    for await (const chunk of run.chunks) records.push(...chunk.records);
    return { records, next: run.next() };
  } finally {
    db.close();
  }
}

async function settingLines(dir: string): Promise<string[]> {
  const { records } = await exportSegment(dir, EMPTY_CURSOR);
  return records
    .filter((r) => r.kind === 'setting')
    .sort((a, b) => (recordId(a) < recordId(b) ? -1 : 1))
    .map(recordLine);
}

async function applyInto(dir: string, segments: readonly BackupRecord[][]): Promise<void> {
  (await openTestStore(dir)).close();
  const db = openArchiveWriter(dir);
  try {
    const applier = new RecordApplier(db, () => undefined);
    for (const segment of segments) applier.apply(segment);
    expect(applier.counts.rejected).toBe(0);
  } finally {
    db.close();
  }
}

async function replay(ops: readonly Op[], order: readonly number[]): Promise<void> {
  const profiles: TempProfile[] = [makeTempProfile(), makeTempProfile(), makeTempProfile(), makeTempProfile()];
  let nowMs = 1_800_000_000_000;
  const stores: AccountStore[] = [];
  try {
    for (const p of profiles.slice(0, 2)) stores.push(await openTestStore(p.accountDir, undefined, () => nowMs));
    const cursors: ExportCursor[] = [EMPTY_CURSOR, EMPTY_CURSOR];
    const segments: BackupRecord[][] = [];
    const backup = async () => {
      for (const i of [0, 1]) {
        const { records, next } = await exportSegment(profiles[i]?.accountDir ?? '', cursors[i] ?? EMPTY_CURSOR);
        cursors[i] = next;
        if (records.length > 0) segments.push(records);
      }
    };
    for (const step of ops) {
      if (step.t === 'set') stores[step.device]?.setSetting({ key: 'mediaCacheLimitBytes', value: step.value * 1_000 });
      if (step.t === 'delete') stores[step.device]?.deleteSetting('mediaCacheLimitBytes');
      if (step.t === 'tick') nowMs += step.ms;
      if (step.t === 'backup') await backup();
    }
    await backup();
    for (const s of stores.splice(0)) s.close();

    const expected = [...mergeRecordSets(segments.flat(), []).values()].map(recordLine).sort();
    // The two devices' own final states merged: what the segments must add up to.
    const finals = [
      ...mergeRecordSets(
        (await settingLines(profiles[0]?.accountDir ?? '')).map((l) => JSON.parse(l) as BackupRecord),
        (await settingLines(profiles[1]?.accountDir ?? '')).map((l) => JSON.parse(l) as BackupRecord),
      ).values(),
    ].map(recordLine);
    expect(expected).toEqual(finals.sort());

    const shuffled = order.map((i) => segments[i % Math.max(1, segments.length)]).filter((s) => s !== undefined);
    await applyInto(profiles[2]?.accountDir ?? '', segments);
    // Another order, with repeats (a segment read twice, e.g. after a retried compaction).
    await applyInto(profiles[3]?.accountDir ?? '', [...shuffled, ...[...segments].reverse()]);
    expect(await settingLines(profiles[2]?.accountDir ?? '')).toEqual(expected);
    expect(await settingLines(profiles[3]?.accountDir ?? '')).toEqual(expected);
  } finally {
    for (const s of stores) s.close();
    for (const p of profiles) p.cleanup();
  }
}

describe('settings records merged by the real applier', () => {
  it('converge to the newest stamp (deletions included) in any apply order, with repeats', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat({ max: 20 }), { maxLength: 8 }),
        (ops, order) => replay(ops, order),
      ),
      { numRuns: 25 },
    );
  });
});

describe('a setting committed by a worker', () => {
  it('is emitted as a sequenced batch, which is what wakes the backup scheduler', async () => {
    const profile = makeTempProfile();
    const store = await openTestStore(profile.accountDir);
    try {
      const emitted: EventBatch[] = [];
      const result = commitBatch(store, (batch) => emitted.push(batch), [
        { type: 'setting.set', setting: { key: 'mediaCacheLimitBytes', value: 5_000 } },
      ]);
      expect(emitted).toEqual([{ accountId: store.accountId, seq: result.seq, events: [] }]);
      expect(result.seq).toBe(store.currentSeq());
      // …and the backup's next export (seq above its cursor) holds exactly that record.
      const { records } = await exportSegment(profile.accountDir, { ...EMPTY_CURSOR, seq: result.seq - 1 });
      expect(records.map((r) => [r.kind, r.key, r.deleted, r.value])).toEqual([
        ['setting', 'mediaCacheLimitBytes', false, { key: 'mediaCacheLimitBytes', value_json: '5000' }],
      ]);
    } finally {
      store.close();
      profile.cleanup();
    }
  });
});
