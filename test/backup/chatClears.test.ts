import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatId } from '../../shared/src/index.js';
import { RecordApplier } from '../../electron/core/backup/applyRecords.js';
import { openArchiveReader, openArchiveWriter } from '../../electron/core/backup/archiveConnection.js';
import type { ExportCursor } from '../../electron/core/backup/recordExporter.js';
import { EMPTY_CURSOR, exportSince } from '../../electron/core/backup/recordExporter.js';
import { MergedView } from '../../electron/core/backup/MergedView.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { makeMessage, makeTempProfile, openTestStore } from '../../electron/core/store/storeFixtures.js';

/*
 * A chat deleted (or cleared) and re-created between two backups: the restore must drop the
 * messages from before the clear and keep those written after it. Backups here are the real
 * incremental exports merged the way a restore merges segments, applied by the real applier.
 */

const CHAT = '4915550001@s.whatsapp.net' as ChatId;

type Op = { t: 'message'; n: number } | { t: 'deleteChat' } | { t: 'recreateChat' } | { t: 'backup' };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }).map((n) => ({ t: 'message' as const, n })) },
  { weight: 1, arbitrary: fc.constant({ t: 'deleteChat' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'recreateChat' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'backup' as const }) },
);

/** Accumulates incremental exports like the segments of one backup. */
class FakeBackup {
  readonly view = MergedView.create();
  #cursor: ExportCursor = EMPTY_CURSOR;

  async run(accountDir: string): Promise<void> {
    const db = openArchiveReader(accountDir);
    try {
      const run = exportSince(db, this.#cursor);
      for await (const chunk of run.chunks) this.view.add(chunk.records);
      this.#cursor = run.next();
    } finally {
      db.close();
    }
  }

  async restoreInto(accountDir: string): Promise<void> {
    (await openTestStore(accountDir)).close();
    const db = openArchiveWriter(accountDir);
    try {
      const applier = new RecordApplier(db, (kind, key) => this.view.get(kind, key));
      for (const page of this.view.pages()) applier.apply(page);
    } finally {
      db.close();
    }
  }
}

function messageIds(store: AccountStore): string[] {
  return store
    .pageMessages(CHAT, null, 500)
    .messages.map((m) => m.id)
    .sort();
}

async function replay(ops: readonly Op[]): Promise<{ source: string[]; restored: string[] }> {
  const source = makeTempProfile();
  const target = makeTempProfile();
  const backup = new FakeBackup();
  const store = await openTestStore(source.accountDir);
  try {
    let version = 0;
    for (const step of ops) {
      switch (step.t) {
        case 'message':
          version += 1;
          store.applyBatch([
            {
              type: 'message.upsert',
              message: makeMessage({
                chatId: CHAT,
                id: `m${step.n}` as never,
                body: { kind: 'text', text: `v${version}` },
              }),
            },
          ]);
          break;
        case 'deleteChat':
          store.applyBatch([{ type: 'chat.delete', chatId: CHAT }]);
          break;
        case 'recreateChat':
          store.applyBatch([{ type: 'chat.upsert', chat: { id: CHAT, contactId: CHAT as never, isGroup: false } }]);
          break;
        case 'backup':
          await backup.run(source.accountDir);
          break;
      }
    }
    await backup.run(source.accountDir);
    fs.rmSync(target.accountDir, { recursive: true, force: true });
    fs.mkdirSync(target.accountDir);
    await backup.restoreInto(target.accountDir);
    const restored = await openTestStore(target.accountDir);
    try {
      return { source: messageIds(store), restored: messageIds(restored) };
    } finally {
      restored.close();
    }
  } finally {
    store.close();
    backup.view.dispose();
    source.cleanup();
    target.cleanup();
  }
}

describe('chat clears survive a re-creation between backups', () => {
  it('drops the messages from before the delete and keeps the ones after it', async () => {
    const result = await replay([
      { t: 'message', n: 1 },
      { t: 'message', n: 2 },
      { t: 'backup' },
      { t: 'deleteChat' },
      { t: 'recreateChat' },
      { t: 'message', n: 3 },
    ]);
    expect(result.source).toEqual(['m3']);
    expect(result.restored).toEqual(['m3']);
  });

  it('restores exactly the messages the source still has, for any order of writes, clears and backups', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const result = await replay(ops);
        expect(result.restored).toEqual(result.source);
      }),
      { numRuns: 60 },
    );
  });
});
