import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/src/index.js';
import { BridgeError } from '../../electron/core/bridge/BridgeError.js';
import { conversation } from './support/history.js';
import { eventually, WorkerHarness } from './support/workerHarness.js';

const ANA = '5511999990001@s.whatsapp.net';

describe('AccountWorker: linking with a phone-number pairing code', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('issues a code while the QR shows; the phone types it, the account opens and history arrives', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 100, conversations: [conversation(ANA, 'P', 3)] },
      },
    });
    const qr = h.waitForConnection('qr', 20_000);
    const worker = await h.startWorker();
    await qr;
    const issuedAt = Date.now();
    const issued = await worker.requestPairingCode(h.sim.account.pn);
    expect(issued.code).toMatch(/^[1-9A-HJ-NP-TV-Z]{8}$/);
    // The socket's whole pairing window: six QR refs, 60 s + 5 × 20 s from its first QR.
    expect(issued.expiresAt - issuedAt).toBeGreaterThan(150_000);
    expect(issued.expiresAt - issuedAt).toBeLessThanOrEqual(160_000);

    const opened = h.waitForConnection('open', 30_000);
    const paired = await h.sim.phone.enterPairingCode(issued.code);
    expect(paired.deviceJid).toBe(`${h.sim.account.pn}:1@s.whatsapp.net`);
    await opened;
    const summary = await worker.summary();
    expect(summary.connection.kind).toBe('open');
    expect(summary.phoneNumber).toBe(h.sim.account.pn);

    const imported = await eventually(async () => {
      const chats = await worker.listChats({ accountId: summary.id, limit: 10, beforeActivity: null });
      return chats.some((c) => c.id === ANA) && chats;
    }, 15_000);
    expect(imported.map((c) => c.id)).toContain(ANA);
    const page = await worker.pageMessages({
      accountId: summary.id,
      chatId: ANA as never,
      beforeTimestamp: null,
      limit: 10,
    });
    expect(page.messages).toHaveLength(3);

    // Linked: there is no QR any more, so no code either.
    await expect(worker.requestPairingCode(h.sim.account.pn)).rejects.toSatisfy(
      (err: unknown) => err instanceof BridgeError && err.code === 'CONFLICT',
    );
  });

  it('a code the socket never used is forgotten when the QR window ends: the next socket shows a QR, not a 401', async () => {
    // Six 400 ms QR refs: Baileys closes the unpaired socket with 408 after about 2.4 s.
    h = await WorkerHarness.start({ sim: { initialHistory: false } });
    const firstQr = h.waitForConnection('qr', 20_000);
    const worker = await h.startWorker({
      socketOverrides: {
        waWebSocketUrl: h.sim.wsUrl,
        fetchDispatcher: h.cdn.dispatcher,
        uploadAgent: h.cdn.httpsAgent,
        defaultQueryTimeoutMs: 5000,
        qrTimeoutMs: 400,
      },
    });
    await firstQr;
    const issued = await worker.requestPairingCode(h.sim.account.pn);
    expect(issued.code).toHaveLength(8);
    const closed = await eventually(
      () => h!.connectionStates().find((s): s is Extract<ConnectionState, { kind: 'closed' }> => s.kind === 'closed'),
      15_000,
    );
    // Before the fix the half-written creds made this read as a paired account losing its link.
    expect(closed.statusCode).toBe(408);
    expect(closed.reason).not.toBe('loggedOut');

    const statesBefore = h.connectionStates().length;
    const nextQr = h.waitForConnection('qr', 20_000);
    // Same creds, no reset: the user asks for a new code (an expired QR window waits for them).
    if (closed.reason === 'qrExpired') await worker.takeOver();
    await nextQr;
    const after = h.connectionStates().slice(statesBefore);
    expect(after.some((s) => s.kind === 'closed' && s.reason === 'loggedOut')).toBe(false);
    // And the new socket (a fresh 2.4 s window) can be linked with a new code.
    const again = await worker.requestPairingCode(h.sim.account.pn);
    const opened = h.waitForConnection('open', 30_000);
    await h.sim.phone.enterPairingCode(again.code);
    await opened;
  });

  it('refuses a code while the account is not waiting to be linked', async () => {
    h = await WorkerHarness.start({ sim: { initialHistory: false } });
    const worker = await h.pairNewWorker();
    await expect(worker.requestPairingCode(h.sim.account.pn)).rejects.toThrow(/not waiting to be linked/);
  });
});
