import { afterEach, describe, expect, it } from 'vitest';
import { conversation } from './support/history.js';
import { ACCOUNT_ID, sleep, WorkerHarness } from './support/workerHarness.js';

const ANA = '15550002001@s.whatsapp.net';

describe('AccountWorker: connection lifecycle', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('stops on 440 (opened elsewhere) without a reconnect loop, and takes over on request', async () => {
    h = await WorkerHarness.start();
    const worker = await h.pairNewWorker();
    // One socket at a time: asking to connect while open starts nothing.
    const connectionsWhileOpen = h.sim.stats.connections;
    await worker.takeOver();
    await sleep(300);
    expect(h.sim.stats.connections).toBe(connectionsWhileOpen);
    const closed = h.waitForConnection('closed');
    const connectionsBefore = h.sim.stats.connections;
    h.sim.faults.conflict();
    const state = await closed;
    expect(state).toMatchObject({ kind: 'closed', reason: 'openedElsewhere', statusCode: 440 });
    await sleep(3_000);
    expect(h.sim.stats.connections).toBe(connectionsBefore);
    expect((await worker.summary()).connection).toMatchObject({ kind: 'closed', reason: 'openedElsewhere' });

    const open = h.waitForConnection('open');
    await worker.takeOver();
    await open;
    expect(h.sim.stats.connections).toBe(connectionsBefore + 1);
  });

  it('stops on 401 (logged out on the phone) and keeps the archive', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'L', 2)] },
      },
    });
    const worker = await h.pairNewWorker();
    await h.waitForEvent((e) => e.type === 'sync.changed', 10_000, true);
    const closed = h.waitForConnection('closed');
    const connectionsBefore = h.sim.stats.connections;
    h.sim.faults.logout();
    expect(await closed).toMatchObject({ kind: 'closed', reason: 'loggedOut', statusCode: 401 });
    await sleep(1_500);
    expect(h.sim.stats.connections).toBe(connectionsBefore);
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).toEqual([ANA]);
  });

  it('relink clears the credentials (not the archive) and shows a fresh QR', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'R', 1)] },
      },
    });
    const worker = await h.pairNewWorker();
    await h.waitForEvent((e) => e.type === 'sync.changed', 10_000, true);
    const qr = h.waitForConnection('qr');
    await worker.relink();
    expect((await qr).kind).toBe('qr');
    expect((await worker.summary()).phoneNumber).toBeNull();
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats).toHaveLength(1);
  });

  it('logout unlinks the device on the phone, forgets the creds and keeps the archive', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'X', 1)] },
      },
    });
    const worker = await h.pairNewWorker();
    await h.waitForEvent((e) => e.type === 'sync.changed', 10_000, true);
    await worker.logout();
    expect(h.sim.device).toBeUndefined();
    const summary = await worker.summary();
    expect(summary.connection).toMatchObject({ kind: 'closed', reason: 'loggedOut' });
    expect(summary.phoneNumber).toBeNull();
    expect(await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null })).toHaveLength(1);
  });
});
