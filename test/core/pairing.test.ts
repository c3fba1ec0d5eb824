import { afterEach, describe, expect, it } from 'vitest';
import { AccountStore, staticKeyProvider } from '../../electron/core/store/index.js';
import { ACCOUNT_ID, WorkerHarness } from './support/workerHarness.js';

describe('AccountWorker: pairing and login', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('pairs by QR, persists creds, and logs in again after a restart without a QR', async () => {
    h = await WorkerHarness.start();
    const worker = await h.pairNewWorker();
    const qr = h.connectionStates().find((s) => s.kind === 'qr');
    expect(qr?.kind === 'qr' && qr.expiresAt - Date.now()).toBeGreaterThan(50_000);
    // The 515 restart after pairing was handled by the worker itself.
    expect(h.connectionStates().some((s) => s.kind === 'closed' && s.reason === 'restartRequired')).toBe(true);
    const summary = await worker.summary();
    expect(summary.connection.kind).toBe('open');
    expect(summary.phoneNumber).toBe(h.sim.account.pn);
    await worker.stop();
    h.worker = undefined;

    // The creds row is in the store (encrypted), not just in memory.
    const reader = await AccountStore.open(h.accountDir, {
      keyProvider: staticKeyProvider(new Uint8Array(32).fill(9)),
      accountId: ACCOUNT_ID,
    });
    expect(reader.readCreds()).toBeDefined();
    reader.close();

    const before = h.batches.length;
    const connectionsBefore = h.sim.stats.connections;
    await h.startWorker();
    await h.waitForConnection('open', 15_000);
    const after = h.batches.slice(before).flatMap((b) => b.events);
    expect(after.some((e) => e.type === 'connection.changed' && e.state.kind === 'qr')).toBe(false);
    expect(h.sim.stats.connections - connectionsBefore).toBe(1);
  });

  it('refuses to start on a damaged creds row instead of re-pairing over it', async () => {
    h = await WorkerHarness.start();
    const worker = await h.pairNewWorker();
    await worker.stop();
    h.worker = undefined;
    const store = await AccountStore.open(h.accountDir, {
      keyProvider: staticKeyProvider(new Uint8Array(32).fill(9)),
      accountId: ACCOUNT_ID,
    });
    store.writeCreds(new TextEncoder().encode('{not json'));
    store.close();
    await expect(h.startWorker()).rejects.toThrow(/auth data|creds/);
    h.worker = undefined;
  });
});
