import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackupConfig } from '../../electron/core/backup/BackupConfig.js';
import { canonicalArchiveExport } from '../../electron/core/backup/canonicalArchiveExport.js';
import { restoreBackup } from '../../electron/core/backup/restoreBackup.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeTempProfile, openTestStore, TEST_ACCOUNT, TEST_KEY } from '../../electron/core/store/storeFixtures.js';
import { accountBucket, createBucket, makeConfig, makeEngine, seedArchive } from './backupHarness.js';
import type { Moto } from './motoServer.js';
import { startMoto } from './motoServer.js';

/*
 * Settings travel with the archive: set on one profile, they arrive by restore on a fresh one;
 * set on two profiles backing up the same account, every restore converges to the newest value
 * (by HLC), and a newer deletion wins over an older value.
 */

const MB = 1024 * 1024;

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto.stop();
});

describe('settings in the S3 backup', () => {
  let a: TempProfile;
  let b: TempProfile;
  let fresh: TempProfile;
  const open: AccountStore[] = [];
  beforeEach(() => {
    [a, b, fresh] = [makeTempProfile(), makeTempProfile(), makeTempProfile()];
    fs.rmSync(fresh.accountDir, { recursive: true });
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    for (const p of [a, b, fresh]) p.cleanup();
  });

  /** Opens a store whose clock reads `offsetMs` past real time, so stamps order as the test says. */
  async function storeAt(dir: string, offsetMs: number): Promise<AccountStore> {
    const store = await openTestStore(dir, undefined, () => Date.now() + offsetMs);
    open.push(store);
    return store;
  }

  function close(store: AccountStore): void {
    store.close();
    open.splice(open.indexOf(store), 1);
  }

  async function restoreInto(config: BackupConfig, dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    return restoreBackup({
      bucket: accountBucket(config),
      encryption: config.encryption,
      accountId: TEST_ACCOUNT,
      accountDir: dir,
      keyProvider: staticKeyProvider(TEST_KEY),
    });
  }

  async function limitIn(dir: string): Promise<number | undefined> {
    const store = await openTestStore(dir);
    try {
      return store.getSetting('mediaCacheLimitBytes');
    } finally {
      store.close();
    }
  }

  it('a setting changed on one profile arrives by restore on a fresh profile', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    const storeA = await storeAt(a.accountDir, 0);
    seedArchive(storeA, 20);
    storeA.setSetting({ key: 'mediaCacheLimitBytes', value: 100 * MB });
    const engine = makeEngine(config, a.accountDir);
    await engine.runOnce();

    // A change after the first backup travels in the next (incremental) segment.
    storeA.setSetting({ key: 'mediaCacheLimitBytes', value: 300 * MB });
    const second = await engine.runOnce();
    expect(second.isNoop).toBe(false);
    expect(second.records).toBe(1);

    const restored = await restoreInto(config, fresh.accountDir);
    expect(restored.rejected).toBe(0);
    expect(await limitIn(fresh.accountDir)).toBe(300 * MB);
    expect(await canonicalArchiveExport(fresh.accountDir)).toEqual(await canonicalArchiveExport(a.accountDir));
  });

  it('two writers changing the same setting converge to the newest, and a newer deletion wins', async () => {
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint));
    // B's clock runs a minute ahead of A's: B's write is the newer one although A writes after it.
    const storeB = await storeAt(b.accountDir, 60_000);
    const storeA = await storeAt(a.accountDir, 0);
    storeB.setSetting({ key: 'mediaCacheLimitBytes', value: 200 * MB });
    storeA.setSetting({ key: 'mediaCacheLimitBytes', value: 100 * MB });
    const engineA = makeEngine(config, a.accountDir);
    const engineB = makeEngine(config, b.accountDir);
    // Both read the manifest first: one of them commits against a stale ETag and must merge.
    await engineA.manifests.current();
    await engineB.manifests.current();
    const [ra, rb] = await Promise.all([engineA.runOnce(), engineB.runOnce()]);
    expect(ra.conflicts + rb.conflicts).toBe(1);

    await restoreInto(config, fresh.accountDir);
    expect(await limitIn(fresh.accountDir)).toBe(200 * MB);
    // Restoring onto A (store closed, as the service does) replaces its older value…
    close(storeA);
    const ontoA = await restoreInto(config, a.accountDir);
    expect(ontoA.rejected).toBe(0);
    expect(await limitIn(a.accountDir)).toBe(200 * MB);
    // …and restoring onto B keeps its own value, which is the newest.
    close(storeB);
    const ontoB = await restoreInto(config, b.accountDir);
    expect(ontoB.stale).toBeGreaterThanOrEqual(1);
    expect(await limitIn(b.accountDir)).toBe(200 * MB);

    // A, now two minutes ahead, deletes the setting (back to the default): newer than B's value.
    const laterA = await storeAt(a.accountDir, 120_000);
    laterA.deleteSetting('mediaCacheLimitBytes');
    close(laterA);
    await makeEngine(config, a.accountDir).runOnce();
    await restoreInto(config, b.accountDir);
    expect(await limitIn(b.accountDir)).toBeUndefined();
    const other = makeTempProfile();
    try {
      fs.rmSync(other.accountDir, { recursive: true });
      await restoreInto(config, other.accountDir);
      expect(await limitIn(other.accountDir)).toBeUndefined();
      // The marker itself travelled, so a later restore elsewhere cannot resurrect B's value.
      const lines = await canonicalArchiveExport(other.accountDir);
      expect(lines.filter((l) => l.includes('"kind":"setting"'))).toEqual([
        expect.stringContaining('"deleted":true') as unknown as string,
      ]);
    } finally {
      other.cleanup();
    }
  });
});
