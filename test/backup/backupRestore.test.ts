import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalArchiveExport } from '../../electron/core/backup/canonicalArchiveExport.js';
import { classifyS3Error } from '../../electron/core/backup/classifyS3Error.js';
import { BackupBucket, createS3Client } from '../../electron/core/backup/backupBucket.js';
import { BackupEngine } from '../../electron/core/backup/BackupEngine.js';
import { listBackups } from '../../electron/core/backup/listBackups.js';
import { restoreBackup } from '../../electron/core/backup/restoreBackup.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeTempProfile, openTestStore, TEST_ACCOUNT, TEST_KEY } from '../../electron/core/store/storeFixtures.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import { DATABASE_FILE_NAME } from '../../electron/core/store/storeDatabase.js';
import type { Moto } from './motoServer.js';
import { startMoto } from './motoServer.js';
import {
  accountBucket,
  changeArchive,
  createBucket,
  deleteChat,
  makeConfig,
  makeEngine,
  seedArchive,
} from './backupHarness.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto.stop();
});

describe('backup and restore against moto', () => {
  let source: TempProfile;
  let target: TempProfile;
  let store: AccountStore;
  beforeEach(async () => {
    source = makeTempProfile();
    target = makeTempProfile();
    fs.rmSync(target.accountDir, { recursive: true });
    store = await openTestStore(source.accountDir);
  });
  afterEach(() => {
    store.close();
    source.cleanup();
    target.cleanup();
  });

  async function restoreInto(config: ReturnType<typeof makeConfig>, dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    return restoreBackup({
      bucket: accountBucket(config),
      encryption: config.encryption,
      accountId: TEST_ACCOUNT,
      accountDir: dir,
      keyProvider: staticKeyProvider(TEST_KEY),
    });
  }

  it('uploads only the delta on the second backup and restores byte-exact into an empty profile', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    const bucket = accountBucket(config);
    const engine = makeEngine(config, source.accountDir, bucket);
    seedArchive(store, 3_000);

    const first = await engine.runOnce();
    expect(first.isNoop).toBe(false);
    expect(first.records).toBeGreaterThan(3_000);
    const bytesAfterFirst = bucket.stats.putBytes;

    changeArchive(store, 30, 'delta');
    const second = await engine.runOnce();
    expect(second.fromSeq).toBe(first.toSeq);
    // 30 messages plus the chat and sender contact they touched: the delta, not the archive again.
    expect(second.records).toBeGreaterThanOrEqual(31);
    expect(second.records).toBeLessThanOrEqual(32);
    expect(second.uploadedBytes).toBeLessThan(first.uploadedBytes * 0.05);
    expect(bucket.stats.putBytes - bytesAfterFirst).toBeLessThan(first.uploadedBytes * 0.1);

    const third = await engine.runOnce();
    expect(third.isNoop).toBe(true);

    // Listing needs no key: it reads the manifests' clear headers under the prefix.
    const listing = await listBackups(new BackupBucket(createS3Client(config), config.bucket, config.prefix));
    expect(listing.map(({ lastModified: _, sizeBytes: __, ...rest }) => rest)).toEqual([
      // The manifest and two segments.
      { accountId: TEST_ACCOUNT, generation: 2, isPassphraseProtected: false, objectCount: 3 },
    ]);
    // Sizes come from the same listing: every object of the account, manifest included.
    const objects = await bucket.list('');
    expect(listing[0]?.sizeBytes).toBe(objects.reduce((sum, o) => sum + o.size, 0));

    const restored = await restoreInto(config, target.accountDir);
    expect(restored.orphaned).toBe(0);
    const expected = await canonicalArchiveExport(source.accountDir);
    expect(expected.length).toBeGreaterThan(3_000);
    expect(await canonicalArchiveExport(target.accountDir)).toEqual(expected);
  });

  it('indexes restored messages for search, so later edits and deletes keep the index sound', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    seedArchive(store, 60, 'findme');
    await makeEngine(config, source.accountDir, accountBucket(config)).runOnce();
    await restoreInto(config, target.accountDir);

    const restored = await openTestStore(target.accountDir);
    try {
      expect(restored.search('findme').length).toBeGreaterThan(0);
    } finally {
      restored.close();
    }
    // The store's triggers re-index on edit and un-index on delete: a row the index never saw would
    // fail FTS5's integrity check (SQLITE_CORRUPT_VTAB), as a live worker did after a restore.
    const db = new Database(path.join(target.accountDir, DATABASE_FILE_NAME));
    try {
      db.prepare("UPDATE messages SET search_text = 'edited after restore' WHERE id = 'findme1'").run();
      db.prepare("DELETE FROM messages WHERE id = 'findme2'").run();
      expect(() =>
        db.prepare("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')").run(),
      ).not.toThrow();
      const hits = db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'edited'").get() as {
        n: number;
      };
      expect(hits.n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('restores byte-exact after compaction, deleted chats and a passphrase', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint), {
      encryption: { mode: 'passphrase', passphrase: 'correct horse battery staple' },
      compactAfterSegments: 3,
    });
    const bucket = accountBucket(config);
    const engine = makeEngine(config, source.accountDir, bucket);
    seedArchive(store, 300);
    const compacted: boolean[] = [(await engine.runOnce()).isCompacted];
    for (let round = 0; round < 5; round += 1) {
      changeArchive(store, 5, `r${round}-`);
      if (round === 1) deleteChat(store, 'A');
      compacted.push((await engine.runOnce()).isCompacted);
    }
    // The 4th segment crosses the threshold (> 3): folded into a snapshot; two more follow.
    expect(compacted).toEqual([false, false, false, true, false, false]);
    const manifest = await engine.manifests.load();
    expect(manifest?.body.snapshot?.records).toBeGreaterThan(300);
    expect(manifest?.body.segments).toHaveLength(2);
    // Compacted segments are deleted once the snapshot is referenced.
    expect((await bucket.list('segments/')).length).toBe(2);

    await restoreInto(config, target.accountDir);
    expect(await canonicalArchiveExport(target.accountDir)).toEqual(await canonicalArchiveExport(source.accountDir));

    const wrong = makeConfig(moto.endpoint, config.bucket, {
      encryption: { mode: 'passphrase', passphrase: 'not the passphrase' },
    });
    const err = await restoreInto(wrong, path.join(target.dir, 'other', TEST_ACCOUNT)).catch((e: unknown) => e);
    expect(classifyS3Error(err).code).toBe('wrongKey');
  });

  it('merges a backup into a profile that already holds newer local changes', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    seedArchive(store, 100);
    await makeEngine(config, source.accountDir).runOnce();
    fs.mkdirSync(target.accountDir, { recursive: true });
    const local = await openTestStore(target.accountDir);
    changeArchive(local, 10, 'local-only');
    local.close();
    const result = await restoreInto(config, target.accountDir);
    expect(result.applied).toBeGreaterThan(100);
    const merged = await canonicalArchiveExport(target.accountDir);
    const fromBackup = await canonicalArchiveExport(source.accountDir);
    // Everything from the backup, plus the 10 local-only messages.
    for (const line of fromBackup.filter((l) => !l.includes('"kind":"chat"'))) expect(merged).toContain(line);
    expect(merged.filter((l) => l.includes('"kind":"message"') && l.includes('local-only')).length).toBe(10);
  });

  it('backs up media files only when the flag is on, stores identical files once, and restores them', async () => {
    const files = new Map<string, Uint8Array>();
    const mediaFiles = (into: Map<string, Uint8Array>) => ({
      read: (chat: string, id: string) => Promise.resolve(into.get(`${chat}/${id}`)),
      write: (chat: string, id: string, bytes: Uint8Array) => {
        into.set(`${chat}/${id}`, new Uint8Array(bytes));
        return Promise.resolve();
      },
    });
    seedArchive(store, 40); // media on messages 0, 10, 20, 30
    for (const [i, chat] of [
      [0, '4915550001@s.whatsapp.net'],
      [10, '4915550002@s.whatsapp.net'],
      [20, '120363000000000001@g.us'],
      [30, '4915550001@s.whatsapp.net'],
    ] as const) {
      files.set(
        `${chat}/seed${i}`,
        Buffer.from(i === 30 ? 'same bytes as 0' : i === 0 ? 'same bytes as 0' : `file ${i}`),
      );
    }
    const withoutFlag = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    const plain = accountBucket(withoutFlag);
    await new BackupEngine({
      config: withoutFlag,
      bucket: plain,
      accountId: TEST_ACCOUNT,
      accountDir: source.accountDir,
      mediaFiles: mediaFiles(files),
    }).runOnce();
    expect(await plain.list('media/')).toHaveLength(0);

    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint), { includeMediaFiles: true });
    const bucket = accountBucket(config);
    await new BackupEngine({
      config,
      bucket,
      accountId: TEST_ACCOUNT,
      accountDir: source.accountDir,
      mediaFiles: mediaFiles(files),
    }).runOnce();
    expect(await bucket.list('media/')).toHaveLength(3);

    const restoredFiles = new Map<string, Uint8Array>();
    fs.mkdirSync(target.accountDir, { recursive: true });
    const result = await restoreBackup({
      bucket,
      encryption: config.encryption,
      accountId: TEST_ACCOUNT,
      accountDir: target.accountDir,
      keyProvider: staticKeyProvider(TEST_KEY),
      mediaFiles: mediaFiles(restoredFiles),
    });
    expect(result.mediaFiles).toBe(4);
    const hex = (m: Map<string, Uint8Array>) => [...m].map(([k, v]) => [k, Buffer.from(v).toString('hex')]).sort();
    expect(hex(restoredFiles)).toEqual(hex(files));
    expect(await canonicalArchiveExport(target.accountDir)).toEqual(await canonicalArchiveExport(source.accountDir));
  });
});
