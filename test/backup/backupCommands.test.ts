import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, BackupStatus, BridgeEvent } from '../../shared/src/index.js';
import { canonicalArchiveExport } from '../../electron/core/backup/canonicalArchiveExport.js';
import { createS3Client } from '../../electron/core/backup/backupBucket.js';
import type { AccountStore } from '../../electron/core/store/AccountStore.js';
import { openTestStore, TEST_ACCOUNT } from '../../electron/core/store/storeFixtures.js';
import { changeArchive, createBucket, makeConfig, seedArchive } from './backupHarness.js';
import type { ServiceProfile } from './backupServiceHarness.js';
import { openServiceProfile, waitForEvent } from './backupServiceHarness.js';
import type { Moto } from './motoServer.js';
import { freePort, startMoto } from './motoServer.js';

/*
 * The whole user path through the bridge commands against a real S3 (moto): configure, test the
 * connection (and its precise failures), back up now, watch the status event, list, restore into
 * a fresh profile, and restore over an existing account.
 */

const PASSPHRASE = 'a long enough passphrase';
let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto.stop();
});

function connectionFor(endpoint: string, bucket: string) {
  return {
    bucket,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    accessKeyId: 'testing',
    secretAccessKey: 'testing',
  };
}

type StatusEvent = Extract<BridgeEvent, { type: 'backup.statusChanged' }>;
const statusWhere =
  (accountId: AccountId, ok: (s: BackupStatus) => boolean) =>
  (e: BridgeEvent): e is StatusEvent =>
    e.type === 'backup.statusChanged' && e.accountId === accountId && ok(e.status);

describe('backup through the bridge commands against moto', () => {
  let source: ServiceProfile;
  let fresh: ServiceProfile;
  let store: AccountStore;
  beforeEach(async () => {
    source = await openServiceProfile([TEST_ACCOUNT]);
    fresh = await openServiceProfile([]);
    store = await openTestStore(source.accountDir(TEST_ACCOUNT));
  });
  afterEach(async () => {
    store.close();
    await source.close();
    await fresh.close();
  });

  /** What a worker does after each commit: announce the batch (the service follows the hub). */
  function announceCommit(): void {
    source.hub.publish({
      accountId: TEST_ACCOUNT,
      seq: store.currentSeq(),
      events: [{ type: 'chats.upserted', chats: [] }],
    });
  }

  it('reports precise connection errors: no such bucket, unreachable endpoint, bad credentials', async () => {
    const bucket = await createBucket(moto.endpoint);
    expect(await source.send('backup.testConnection', { connection: connectionFor(moto.endpoint, bucket) })).toEqual(
      expect.objectContaining({ ok: true, value: { ok: true } }),
    );
    expect(
      await source.send('backup.testConnection', { connection: connectionFor(moto.endpoint, 'missing-bucket') }),
    ).toMatchObject({ ok: true, value: { ok: false, error: { code: 'noSuchBucket' } } });
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await source.send('backup.testConnection', { connection: connectionFor(closed, bucket) });
    expect(unreachable).toMatchObject({ ok: true, value: { ok: false, error: { code: 'endpointUnreachable' } } });
    expect(JSON.stringify(unreachable)).toContain('cannot be reached');

    // moto checks signatures only once auth is switched on (after its first unauthenticated call).
    const strict = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: '1' });
    try {
      const client = createS3Client(makeConfig(strict.endpoint, 'strict-bucket'));
      await client.send(new CreateBucketCommand({ Bucket: 'strict-bucket' }));
      client.destroy();
      const wrong = await source.send('backup.testConnection', {
        connection: { ...connectionFor(strict.endpoint, 'strict-bucket'), accessKeyId: 'AKIANOBODY' },
      });
      expect(wrong).toMatchObject({ ok: true, value: { ok: false, error: { code: 'badCredentials' } } });
    } finally {
      await strict.stop();
    }
  });

  it('backs up now, reports it, lists it, and restores it into a fresh profile as a new account', async () => {
    const bucket = await createBucket(moto.endpoint);
    seedArchive(store, 300);
    const configured = await source.send('backup.configure', {
      connection: connectionFor(moto.endpoint, bucket),
      key: { mode: 'passphrase', passphrase: PASSPHRASE },
    });
    expect(configured).toMatchObject({ ok: true });
    announceCommit();
    await waitForEvent(
      source,
      statusWhere(TEST_ACCOUNT, (s) => s.pendingChanges > 0),
    );

    expect(await source.send('backup.runNow', { accountId: TEST_ACCOUNT })).toMatchObject({ ok: true });
    const done = await waitForEvent(
      source,
      statusWhere(TEST_ACCOUNT, (s) => s.lastSuccessAt !== null),
    );
    expect(done.status).toMatchObject({ isRunning: false, lastError: null, pendingChanges: 0 });
    expect(source.events.some((e) => e.type === 'backup.statusChanged' && e.status.isRunning)).toBe(true);

    const listed = await source.send('backup.list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: { backups: [{ accountId: TEST_ACCOUNT, localLabel: 'Work', isPassphraseProtected: true }] },
    });
    const listing = (listed as { value: { backups: { sizeBytes: number; objectCount: number }[] } }).value.backups[0];
    expect(listing?.sizeBytes).toBeGreaterThan(1_000);
    expect(listing?.objectCount).toBeGreaterThanOrEqual(2);

    // A new computer: same bucket, the passphrase typed again, nothing local.
    await fresh.send('backup.configure', {
      connection: connectionFor(moto.endpoint, bucket),
      key: { mode: 'passphrase', passphrase: PASSPHRASE },
    });
    const wrongKey = await fresh.send('backup.restore', {
      accountId: TEST_ACCOUNT,
      key: { mode: 'passphrase', passphrase: 'not the passphrase' },
    });
    expect(wrongKey).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(JSON.stringify(wrongKey)).toContain('wrong passphrase');
    expect(fresh.accounts).toHaveLength(0);

    const restored = await fresh.send('backup.restore', { accountId: TEST_ACCOUNT, key: { mode: 'configured' } });
    expect(restored).toMatchObject({ ok: true, value: { accountId: TEST_ACCOUNT, isNewAccount: true } });
    expect(fresh.accounts.map((a) => a.id)).toEqual([TEST_ACCOUNT]);
    // The merged rows reach the windows as ordinary change batches, before the account is listed.
    await waitForEvent(
      fresh,
      (e): e is Extract<BridgeEvent, { type: 'accounts.changed' }> => e.type === 'accounts.changed',
    );
    const restoredBatches = fresh.batches.filter((b) => b.accountId === TEST_ACCOUNT && b.seq > 0);
    const messages = restoredBatches.flatMap((b) =>
      b.events.flatMap((e) => (e.type === 'messages.upserted' ? e.messages : [])),
    );
    const chats = restoredBatches.flatMap((b) => b.events.flatMap((e) => (e.type === 'chats.upserted' ? e.chats : [])));
    expect(new Set(chats.map((c) => c.id)).size).toBe(3);
    expect(new Set(messages.map((m) => m.id)).size).toBe(299); // seedArchive(300) deletes one
    const seqs = restoredBatches.map((b) => b.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const listedAt = fresh.batches.findIndex((b) => b.events.some((e) => e.type === 'accounts.changed'));
    expect(fresh.batches.findIndex((b) => b.accountId === TEST_ACCOUNT)).toBeLessThan(listedAt);
    expect(await canonicalArchiveExport(fresh.accountDir(TEST_ACCOUNT))).toEqual(
      await canonicalArchiveExport(source.accountDir(TEST_ACCOUNT)),
    );
  });

  it('restores over an existing account with its worker stopped, keeping newer local messages', async () => {
    const bucket = await createBucket(moto.endpoint);
    seedArchive(store, 60);
    const configured = await source.send('backup.configure', {
      connection: connectionFor(moto.endpoint, bucket),
      key: { mode: 'generateKey' },
    });
    if (!configured.ok) throw new Error(configured.error.message);
    const generatedKey = (configured.value as { generatedKey: string }).generatedKey;
    announceCommit();
    await source.send('backup.runNow', { accountId: null });
    await waitForEvent(
      source,
      statusWhere(TEST_ACCOUNT, (s) => s.lastSuccessAt !== null),
    );

    // The same account on a second computer, which received messages the backup lacks.
    await fresh.close();
    fresh = await openServiceProfile([TEST_ACCOUNT]);
    const local = await openTestStore(fresh.accountDir(TEST_ACCOUNT));
    changeArchive(local, 5, 'local');
    local.close();
    expect(await fresh.send('backup.restore', { accountId: TEST_ACCOUNT, key: { mode: 'configured' } })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    // The user types in the key they wrote down when it was generated.
    await fresh.send('backup.configure', {
      connection: connectionFor(moto.endpoint, bucket),
      key: { mode: 'key', key: generatedKey },
    });
    const restored = await fresh.send('backup.restore', { accountId: TEST_ACCOUNT, key: { mode: 'configured' } });
    expect(restored).toMatchObject({ ok: true, value: { isNewAccount: false } });
    expect(fresh.stoppedFor).toEqual([TEST_ACCOUNT]);

    const merged = await openTestStore(fresh.accountDir(TEST_ACCOUNT));
    try {
      const chatB = '4915550002@s.whatsapp.net';
      expect(merged.getMessage(chatB, 'local0')).toBeDefined();
      expect(merged.getMessage(chatB, 'seed1')).toBeDefined();
    } finally {
      merged.close();
    }
  });
});
