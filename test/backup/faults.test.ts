import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import net from 'node:net';
import type { BackupConfig } from '../../electron/core/backup/BackupConfig.js';
import { createS3Client } from '../../electron/core/backup/backupBucket.js';
import type { BackupStatus } from '../../electron/core/backup/BackupScheduler.js';
import { canonicalArchiveExport } from '../../electron/core/backup/canonicalArchiveExport.js';
import { classifyS3Error } from '../../electron/core/backup/classifyS3Error.js';
import { createAccountBackup } from '../../electron/core/backup/createAccountBackup.js';
import { restoreBackup } from '../../electron/core/backup/restoreBackup.js';
import { testConnection } from '../../electron/core/backup/testConnection.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { staticKeyProvider } from '../../electron/core/store/keyProvider.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeTempProfile, openTestStore, TEST_ACCOUNT, TEST_KEY } from '../../electron/core/store/storeFixtures.js';
import type { FaultProxy } from './faultProxy.js';
import { startFaultProxy } from './faultProxy.js';
import { accountBucket, changeArchive, createBucket, FAST_RETRY, makeConfig, seedArchive } from './backupHarness.js';
import type { Moto } from './motoServer.js';
import { freePort, startMoto } from './motoServer.js';

let moto: Moto;
let proxy: FaultProxy;
beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
});
afterAll(async () => {
  await proxy.close();
  await moto.stop();
});

describe('S3 faults during a backup', () => {
  let profile: TempProfile;
  let store: AccountStore;
  let statuses: BackupStatus[];
  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
    seedArchive(store, 500);
    statuses = [];
    proxy.setRule(() => 'pass');
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  async function setup() {
    const bucketName = await createBucket(moto.endpoint);
    const config = makeConfig(proxy.endpoint, bucketName, { windowMs: 60_000, requestTimeoutMs: 2_000 });
    const backup = createAccountBackup({
      config,
      accountId: TEST_ACCOUNT,
      accountDir: profile.accountDir,
      currentSeq: () => store.currentSeq(),
      onStatus: (s) => statuses.push(s),
      retry: FAST_RETRY,
    });
    return { config, backup };
  }

  async function expectRestoresExactly(config: BackupConfig): Promise<void> {
    const target = makeTempProfile();
    try {
      fs.rmSync(target.accountDir, { recursive: true });
      fs.mkdirSync(target.accountDir);
      await restoreBackup({
        bucket: accountBucket({ ...config, endpoint: moto.endpoint }),
        encryption: config.encryption,
        accountId: TEST_ACCOUNT,
        accountDir: target.accountDir,
        keyProvider: staticKeyProvider(TEST_KEY),
      });
      expect(await canonicalArchiveExport(target.accountDir)).toEqual(await canonicalArchiveExport(profile.accountDir));
    } finally {
      target.cleanup();
    }
  }

  it.each([
    { status: 503 as const, code: 'throttled' },
    { status: 500 as const, code: 'serverError' },
  ])('retries through $status answers with visible status, then completes', async ({ status, code }) => {
    const { config, backup } = await setup();
    proxy.setRule((_req, i) => (i < 3 ? { status } : 'pass'));
    await backup.scheduler.runNow();
    expect(backup.bucket.stats.retries).toBe(3);
    expect(statuses.some((s) => s.state === 'retrying' && s.lastError?.code === code)).toBe(true);
    expect(backup.scheduler.status).toMatchObject({ state: 'idle', lastError: null, pendingChanges: 0 });
    await expectRestoresExactly(config);
    await backup.dispose();
  });

  it('retries an upload whose connection is cut mid-body', async () => {
    const { config, backup } = await setup();
    let cuts = 0;
    proxy.setRule((req) => {
      if (req.method === 'PUT' && (req.url ?? '').includes('/segments/') && cuts === 0) {
        cuts += 1;
        return 'cut';
      }
      return 'pass';
    });
    await backup.scheduler.runNow();
    expect(cuts).toBe(1);
    expect(statuses.some((s) => s.state === 'retrying' && s.lastError?.code === 'connectionDropped')).toBe(true);
    expect(backup.scheduler.status.state).toBe('idle');
    await expectRestoresExactly(config);
    await backup.dispose();
  });

  it('fails visibly when S3 stays down, keeps local data and the cursor, and catches up later', async () => {
    const { config, backup } = await setup();
    await backup.scheduler.runNow();
    changeArchive(store, 20, 'while-down-');
    const before = await canonicalArchiveExport(profile.accountDir);
    proxy.setRule(() => ({ status: 503 }));
    await backup.scheduler.runNow();
    expect(backup.scheduler.status.state).toBe('failed');
    expect(backup.scheduler.status.lastError?.code).toBe('throttled');
    expect(backup.scheduler.status.lastError?.message).toMatch(/slow down/i);
    expect(backup.scheduler.status.pendingChanges).toBeGreaterThan(0);
    expect(await canonicalArchiveExport(profile.accountDir)).toEqual(before);

    proxy.setRule(() => 'pass');
    await backup.scheduler.runNow();
    expect(backup.scheduler.status).toMatchObject({ state: 'idle', lastError: null, pendingChanges: 0 });
    await expectRestoresExactly(config);
    await backup.dispose();
  });
});

describe('test connection classifies real failures', () => {
  it('reports a missing bucket, an unreachable endpoint and a timeout', async () => {
    const missing = await testConnection(
      accountBucket(makeConfig(moto.endpoint, 'no-such-bucket-here'), { ...FAST_RETRY, maxAttempts: 1 }),
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'noSuchBucket' } });

    const closedPort = await freePort();
    const unreachable = await testConnection(
      accountBucket(makeConfig(`http://127.0.0.1:${closedPort}`, 'bucket'), { ...FAST_RETRY, maxAttempts: 1 }),
    );
    expect(unreachable).toMatchObject({ ok: false, error: { code: 'endpointUnreachable' } });

    // Accepts connections and never answers.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    const slow = await testConnection(
      accountBucket(makeConfig(`http://127.0.0.1:${port}`, 'bucket', { requestTimeoutMs: 300 }), {
        ...FAST_RETRY,
        maxAttempts: 1,
      }),
    );
    for (const s of sockets) s.destroy();
    silent.close();
    expect(slow).toMatchObject({ ok: false, error: { code: 'timeout' } });

    const ok = await testConnection(accountBucket(makeConfig(moto.endpoint, await createBucket(moto.endpoint))));
    expect(ok).toEqual({ ok: true });
  });

  it('reports bad credentials from a moto that enforces authentication', async () => {
    // The first request is free (it creates the bucket); every later one needs a known IAM key.
    const strict = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: '1' });
    try {
      const client = createS3Client(makeConfig(strict.endpoint, 'strict-bucket'));
      await client.send(new CreateBucketCommand({ Bucket: 'strict-bucket' }));
      client.destroy();
      const result = await testConnection(
        accountBucket(makeConfig(strict.endpoint, 'strict-bucket'), { ...FAST_RETRY, maxAttempts: 1 }),
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'badCredentials' } });
    } finally {
      await strict.stop();
    }
  });

  it('classifies AccessDenied (moto grants everything to any key, so the error is crafted)', () => {
    const err = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(classifyS3Error(err).code).toBe('accessDenied');
  });
});
