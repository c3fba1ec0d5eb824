import { afterEach, describe, expect, it } from 'vitest';
import { sleep, WorkerHarness } from './support/workerHarness.js';

// Short QR refs on both sides: the simulator's ref schedule and Baileys' display timer (qrTimeout).
const QR_TTL_MS = 400;
const QR_REFS = 3;
const NO_LOOP_WINDOW_MS = 3_000;

describe('AccountWorker: QR codes running out vs a lost link', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('stops with "QR code expired" once every ref ran out unscanned, and relink shows a new code', async () => {
    h = await WorkerHarness.start({
      sim: { qr: { firstRefTtlMs: QR_TTL_MS, nextRefTtlMs: QR_TTL_MS, refCount: QR_REFS } },
      socket: { qrTimeoutMs: QR_TTL_MS },
    });
    const closed = h.waitForConnection('closed', 15_000);
    const worker = await h.startWorker();
    const state = await closed;
    expect(state).toMatchObject({ kind: 'closed', reason: 'qrExpired', statusCode: 408 });
    const qrs = h.connectionStates().filter((s) => s.kind === 'qr');
    expect(qrs).toHaveLength(QR_REFS);
    // Each code says when it runs out, so the view can count down to it.
    for (const qr of qrs) expect(qr.kind === 'qr' && qr.expiresAt).toBeGreaterThan(0);
    const connections = h.sim.stats.connections;
    await sleep(NO_LOOP_WINDOW_MS);
    expect(h.sim.stats.connections).toBe(connections);
    expect((await worker.summary()).connection).toMatchObject({ kind: 'closed', reason: 'qrExpired' });

    // "Get a new code" is accounts.relink: a new socket, a new first code, and it pairs.
    const fresh = h.waitForConnection('qr');
    const open = h.waitForConnection('open', 20_000);
    await worker.relink();
    const next = await fresh;
    if (next.kind !== 'qr') throw new Error('unreachable');
    expect(qrs.map((s) => (s.kind === 'qr' ? s.qr : ''))).not.toContain(next.qr);
    await h.sim.phone.scanQR(next.qr);
    await open;
    expect((await worker.summary()).phoneNumber).toBe(h.sim.account.pn);
  });

  it('a 408 on a paired account (keep-alive lost) is transient: backoff, then open again', async () => {
    h = await WorkerHarness.start({ socket: { keepAliveIntervalMs: 500 } });
    const worker = await h.pairNewWorker();
    const closed = h.waitForConnection('closed', 20_000);
    h.sim.faults.silencePings();
    const state = await closed;
    h.sim.faults.silencePings(false);
    expect(state).toMatchObject({ kind: 'closed', reason: 'transient', statusCode: 408 });
    expect(state.kind === 'closed' && state.retryAt).toBeGreaterThan(0);
    await h.waitForConnection('open', 20_000);
    expect((await worker.summary()).connection.kind).toBe('open');
    // Logged in again with the saved creds: no QR after the pairing one.
    expect(h.connectionStates().filter((s) => s.kind === 'qr')).toHaveLength(1);
  });
});
