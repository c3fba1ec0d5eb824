import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupConfig } from '../../electron/core/backup/BackupConfig.js';
import { mergeRecordSets, parseRecordLine, recordId, recordLine } from '../../electron/core/backup/backupRecord.js';
import { canonicalArchiveExport } from '../../electron/core/backup/canonicalArchiveExport.js';
import { compactBackup } from '../../electron/core/backup/compactBackup.js';
import { restoreBackup } from '../../electron/core/backup/restoreBackup.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeTempProfile, openTestStore, TEST_ACCOUNT, TEST_KEY } from '../../electron/core/store/storeFixtures.js';
import { accountBucket, changeArchive, createBucket, makeConfig, makeEngine, seedArchive } from './backupHarness.js';
import type { Moto } from './motoServer.js';
import { startMoto } from './motoServer.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto.stop();
});

/** What restoring both devices' backups must give: their archives merged record by record. */
async function expectedUnion(dirs: readonly string[]): Promise<string[]> {
  let merged = new Map<string, ReturnType<typeof parseRecordLine>>();
  for (const dir of dirs) {
    merged = mergeRecordSets(merged.values(), (await canonicalArchiveExport(dir)).map(parseRecordLine));
  }
  return [...merged.values()].sort((a, b) => (recordId(a) < recordId(b) ? -1 : 1)).map(recordLine);
}

describe('two devices backing up one account', () => {
  let a: TempProfile;
  let b: TempProfile;
  let c: TempProfile;
  let storeA: AccountStore;
  let storeB: AccountStore;
  beforeEach(async () => {
    [a, b, c] = [makeTempProfile(), makeTempProfile(), makeTempProfile()];
    fs.rmSync(c.accountDir, { recursive: true });
    storeA = await openTestStore(a.accountDir);
    storeB = await openTestStore(b.accountDir);
  });
  afterEach(() => {
    storeA.close();
    storeB.close();
    for (const p of [a, b, c]) p.cleanup();
  });

  async function restoreAll(config: BackupConfig, dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    await restoreBackup({
      bucket: accountBucket(config),
      encryption: config.encryption,
      accountId: TEST_ACCOUNT,
      accountDir: dir,
      keyProvider: staticKeyProvider(TEST_KEY),
    });
  }

  it('a stale writer hits 412, re-reads, merges the other device segments and loses nothing', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    const bucketA = accountBucket(config);
    const bucketB = accountBucket(config);
    const engineA = makeEngine(config, a.accountDir, bucketA);
    const engineB = makeEngine(config, b.accountDir, bucketB);
    seedArchive(storeA, 200, 'a');
    seedArchive(storeB, 200, 'b');
    // Both read generation 0 first, so whichever writes second holds a stale ETag.
    await engineA.manifests.current();
    await engineB.manifests.current();

    const [ra, rb] = await Promise.all([engineA.runOnce(), engineB.runOnce()]);
    expect(ra.conflicts + rb.conflicts).toBe(1);
    expect(bucketA.stats.preconditionFailures + bucketB.stats.preconditionFailures).toBe(1);

    const manifest = await engineA.manifests.load();
    expect(manifest?.generation).toBe(2);
    expect(new Set(manifest?.body.segments.map((s) => s.device)).size).toBe(2);
    expect(Object.keys(manifest?.body.devices ?? {})).toHaveLength(2);

    // Round two, sequential: A's cached ETag is now stale again after B's write.
    changeArchive(storeA, 7, 'a2-');
    changeArchive(storeB, 9, 'b2-');
    await engineB.runOnce();
    const again = await engineA.runOnce();
    expect(again.conflicts).toBe(1);

    await restoreAll(config, c.accountDir);
    const restored = await canonicalArchiveExport(c.accountDir);
    expect(restored).toEqual(await expectedUnion([a.accountDir, b.accountDir]));
    expect(restored.filter((l) => l.includes('"kind":"message"') && l.includes('"deleted":false')).length).toBe(
      2 * 199 + 7 + 9,
    );
  });

  it('two first backups racing to create the manifest (passphrase) both land', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint), {
      encryption: { mode: 'passphrase', passphrase: 'shared passphrase for both' },
    });
    seedArchive(storeA, 50, 'a');
    seedArchive(storeB, 50, 'b');
    const engineA = makeEngine(config, a.accountDir);
    const engineB = makeEngine(config, b.accountDir);
    await Promise.all([engineA.runOnce(), engineB.runOnce()]);
    await restoreAll(config, path.join(c.dir, 'r', TEST_ACCOUNT));
    expect(await canonicalArchiveExport(path.join(c.dir, 'r', TEST_ACCOUNT))).toEqual(
      await expectedUnion([a.accountDir, b.accountDir]),
    );
  });

  it('two devices compacting at once: one snapshot wins, the other is dropped, nothing is lost', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    const engineA = makeEngine(config, a.accountDir);
    const engineB = makeEngine(config, b.accountDir);
    for (let round = 0; round < 3; round += 1) {
      changeArchive(storeA, 5, `a${round}-`);
      changeArchive(storeB, 5, `b${round}-`);
      await engineA.runOnce();
      await engineB.runOnce();
    }
    await engineA.manifests.load();
    await engineB.manifests.load();
    const outcomes = await Promise.all(
      [engineA, engineB].map((e) =>
        compactBackup({ bucket: accountBucket(config), manifests: e.manifests, now: Date.now }),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const manifest = await engineA.manifests.load();
    expect(manifest?.body.segments).toHaveLength(0);
    // The loser deleted its snapshot: only the winner's parts remain.
    const parts = await accountBucket(config).list('snapshots/');
    expect(parts.map((p) => p.name)).toEqual(manifest?.body.snapshot?.parts.map((p) => p.name));
    await restoreAll(config, c.accountDir);
    expect(await canonicalArchiveExport(c.accountDir)).toEqual(await expectedUnion([a.accountDir, b.accountDir]));
  });
});
