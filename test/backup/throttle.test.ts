import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountBackup } from '../../electron/core/backup/createAccountBackup.js';
import { openTestStore, makeTempProfile, TEST_ACCOUNT } from '../../electron/core/store/storeFixtures.js';
import { changeArchive, createBucket, FAST_RETRY, makeConfig, seedArchive } from './backupHarness.js';
import type { Moto } from './motoServer.js';
import { startMoto } from './motoServer.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto.stop();
});

const WINDOW_MS = 1_000;

describe('throttled backups on the real clock', () => {
  it('turns 25 batches inside one window into one backup, and a later batch into one more', async () => {
    const profile = makeTempProfile();
    const store = await openTestStore(profile.accountDir);
    const config = makeConfig(moto.endpoint, await createBucket(moto.endpoint), { windowMs: WINDOW_MS });
    const backup = createAccountBackup({
      config,
      accountId: TEST_ACCOUNT,
      accountDir: profile.accountDir,
      currentSeq: () => store.currentSeq(),
      retry: FAST_RETRY,
    });
    try {
      seedArchive(store, 50);
      backup.scheduler.notifyChanged();
      for (let i = 0; i < 25; i += 1) {
        changeArchive(store, 2, `burst${i}-`);
        backup.scheduler.notifyChanged();
      }
      expect(backup.scheduler.status.state).toBe('scheduled');
      expect(backup.bucket.stats.puts).toBe(0);
      await waitFor(() => backup.scheduler.status.successfulRuns === 1);
      await sleep(WINDOW_MS * 1.5); // nothing changed: no further backup
      expect(backup.scheduler.status.successfulRuns).toBe(1);
      // One segment and two manifest writes (create + commit) for all 26 batches.
      expect(backup.bucket.stats.puts - backup.bucket.stats.manifestPuts).toBe(1);
      expect(backup.bucket.stats.manifestPuts).toBe(2);

      changeArchive(store, 3, 'later-');
      backup.scheduler.notifyChanged();
      await waitFor(() => backup.scheduler.status.successfulRuns === 2);
      expect(backup.scheduler.status.pendingChanges).toBe(0);
      expect(backup.bucket.stats.puts - backup.bucket.stats.manifestPuts).toBe(2);
    } finally {
      await backup.dispose();
      store.close();
      profile.cleanup();
    }
  });
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(20);
  }
}
