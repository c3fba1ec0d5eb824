import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/src/index.js';
import { AccountStore, staticKeyProvider } from '../../electron/core/store/index.js';
import { QRError } from '../sim/pairing.js';
import { ACCOUNT_ID, sleep, WorkerHarness } from './support/workerHarness.js';

// Long enough for several reconnects at the test backoff (200 ms base, 1 s cap) if the policy looped.
const NO_LOOP_WINDOW_MS = 3_000;

describe('AccountWorker: refuses a server or a pairing it cannot trust', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it.each([
    ['untrustedRoot', /intermediate certificate signature invalid/],
    ['leafKeyMismatch', /does not match the server static key/],
    ['expired', /outside its validity period/],
  ] as const)('a chain in cert mode %s: no session, a clear reason, no reconnect loop', async (certMode, message) => {
    h = await WorkerHarness.start({ sim: { certMode } });
    const closed = h.waitForConnection('closed', 15_000);
    const worker = await h.startWorker();
    const state = await closed;
    expect(state).toMatchObject({ kind: 'closed', reason: 'untrustedServer', statusCode: 400 });
    expect(state.kind === 'closed' && state.message).toMatch(message);
    const connections = h.sim.stats.connections;
    await sleep(NO_LOOP_WINDOW_MS);
    expect(h.sim.stats.connections).toBe(connections);
    expect(kinds(h.connectionStates())).toEqual(['connecting', 'closed']);
    expect(h.sim.device).toBeUndefined();
    const summary = await worker.summary();
    expect(summary.connection).toMatchObject({ kind: 'closed', reason: 'untrustedServer' });
    expect(summary.phoneNumber).toBeNull();
  });

  it('a pairing with a forged account signature: nothing saved as paired, no loop, pairing again works', async () => {
    h = await WorkerHarness.start();
    const qr = h.waitForConnection('qr');
    const worker = await h.startWorker();
    const shown = await qr;
    if (shown.kind !== 'qr') throw new Error('unreachable');
    const closed = h.waitForConnection('closed');
    await expect(h.sim.phone.scanQR(shown.qr, { signatureMode: 'forged' })).rejects.toThrow(QRError);
    const state = await closed;
    expect(state).toMatchObject({ kind: 'closed', reason: 'pairingRejected' });
    expect(state.kind === 'closed' && state.message).toMatch(/Failed to verify account signature/);
    const connections = h.sim.stats.connections;
    await sleep(NO_LOOP_WINDOW_MS);
    expect(h.sim.stats.connections).toBe(connections);
    expect(h.connectionStates().some((s) => s.kind === 'open')).toBe(false);
    expect(h.sim.device).toBeUndefined();
    expect((await worker.summary()).phoneNumber).toBeNull();
    // What is on disk matters for the next start: creds without an identity, so it shows a QR again.
    await worker.stop();
    h.worker = undefined;
    expect(await storedIdentity(h.accountDir)).toBeUndefined();

    // "Get a new code": a fresh worker shows a QR, and an honest phone pairs it.
    const again = await h.pairNewWorker();
    expect((await again.summary()).phoneNumber).toBe(h.sim.account.pn);
  });
});

function kinds(states: readonly ConnectionState[]): string[] {
  return states.map((s) => s.kind);
}

/** `creds.me.id` as stored (the row is JSON once decrypted), read through a second store handle. */
async function storedIdentity(accountDir: string): Promise<string | undefined> {
  const store = await AccountStore.open(accountDir, {
    keyProvider: staticKeyProvider(new Uint8Array(32).fill(9)),
    accountId: ACCOUNT_ID,
  });
  try {
    const bytes = store.readCreds();
    expect(bytes).toBeDefined(); // fresh creds are saved at start; only the identity must be missing
    const creds = JSON.parse(new TextDecoder().decode(bytes)) as { me?: { id?: string } };
    return creds.me?.id;
  } finally {
    store.close();
  }
}
