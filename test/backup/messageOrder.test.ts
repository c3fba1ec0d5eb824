import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, MessageId } from '../../shared/src/index.js';
import { RecordApplier } from '../../electron/core/backup/applyRecords.js';
import { openArchiveReader, openArchiveWriter } from '../../electron/core/backup/archiveConnection.js';
import type { BackupRecord } from '../../electron/core/backup/backupRecord.js';
import { EMPTY_CURSOR, exportSince } from '../../electron/core/backup/recordExporter.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from '../../electron/core/store/storeFixtures.js';

/*
 * The receive order of messages (orderKey) survives a backup: exported with the row, applied to
 * new rows, never moved for a row the target already has, derived for records of older builds.
 */

const CHAT = '4915550001@s.whatsapp.net' as ChatId;
const SECOND = 1_700_000_000_000;

async function exportAll(dir: string): Promise<BackupRecord[]> {
  const db = openArchiveReader(dir);
  try {
    const run = exportSince(db, EMPTY_CURSOR);
    const records: BackupRecord[] = [];
    for await (const chunk of run.chunks) records.push(...chunk.records);
    return records;
  } finally {
    db.close();
  }
}

async function applyInto(dir: string, records: readonly BackupRecord[]): Promise<void> {
  (await openTestStore(dir)).close();
  const db = openArchiveWriter(dir);
  try {
    new RecordApplier(db, () => undefined).apply(records);
  } finally {
    db.close();
  }
}

async function timeline(dir: string): Promise<Array<{ id: string; orderKey: number }>> {
  const store = await openTestStore(dir);
  try {
    return store.pageMessages(CHAT, null, 50).messages.map(({ id, orderKey }) => ({ id, orderKey }));
  } finally {
    store.close();
  }
}

describe('backup of the message receive order', () => {
  let source: TempProfile;
  let target: TempProfile;
  beforeEach(async () => {
    source = makeTempProfile();
    target = makeTempProfile();
    const store = await openTestStore(source.accountDir);
    // Ids sort against the send order; the status update makes Z9 last in the export's seq order.
    for (const id of ['Z9', 'M5', 'A1'])
      store.applyBatch([{ type: 'message.upsert', message: makeMessage({ id: id as MessageId, timestamp: SECOND }) }]);
    store.applyBatch([{ type: 'message.status', chatId: CHAT, messageId: 'Z9', status: 'read' }]);
    store.close();
  });
  afterEach(() => {
    source.cleanup();
    target.cleanup();
  });

  it('restores the order into an empty profile, and later messages order after it', async () => {
    await applyInto(target.accountDir, await exportAll(source.accountDir));
    const restored = await timeline(target.accountDir);
    expect(restored).toEqual(await timeline(source.accountDir));
    expect(restored.map((m) => m.id)).toEqual(['A1', 'M5', 'Z9']);

    const store = await openTestStore(target.accountDir);
    try {
      store.applyBatch([
        { type: 'message.upsert', message: makeMessage({ id: 'B0' as MessageId, timestamp: SECOND }) },
      ]);
      expect(store.pageMessages(CHAT, null, 50).messages.map((m) => m.id)).toEqual(['B0', 'A1', 'M5', 'Z9']);
    } finally {
      store.close();
    }
  });

  it('derives a place for records of a build without orderKey instead of failing the restore', async () => {
    const legacy = (await exportAll(source.accountDir)).map((record) => {
      if (record.kind !== 'message') return record;
      const { order_key: _dropped, ...value } = record.value as Record<string, unknown>;
      return { ...record, value };
    });
    await applyInto(target.accountDir, legacy);
    const restored = await timeline(target.accountDir);
    expect(restored.map((m) => m.id).sort()).toEqual(['A1', 'M5', 'Z9']);
    expect(new Set(restored.map((m) => m.orderKey)).size).toBe(3);
  });

  it('keeps the place of a message the target already holds', async () => {
    const store = await openTestStore(target.accountDir);
    // Something stored first, so the target's Z9 sits at another key than the source's.
    store.applyBatch([{ type: 'message.upsert', message: makeMessage({ id: 'X0' as MessageId, timestamp: 1 }) }]);
    store.applyBatch([{ type: 'message.upsert', message: makeMessage({ id: 'Z9' as MessageId, timestamp: SECOND }) }]);
    store.close();
    const before = (await timeline(target.accountDir)).find((m) => m.id === 'Z9')?.orderKey;
    expect(before).not.toBe((await timeline(source.accountDir)).find((m) => m.id === 'Z9')?.orderKey);
    // Z9 changes on the source after the target stored it: the backed-up copy is newer and wins.
    const origin = await openTestStore(source.accountDir);
    origin.applyBatch([{ type: 'message.status', chatId: CHAT, messageId: 'Z9', status: 'played' }]);
    origin.close();
    await applyInto(target.accountDir, await exportAll(source.accountDir));
    const merged = await openTestStore(target.accountDir);
    try {
      expect(merged.getMessage(CHAT, 'Z9')).toMatchObject({ status: 'played', orderKey: before });
    } finally {
      merged.close();
    }
  });
});
