import { afterEach, describe, expect, it } from 'vitest';
import { getBinaryNodeChild } from '@whiskeysockets/baileys';
import type { BinaryNode, SignalKeyStore } from '@whiskeysockets/baileys';
import type { AccountStore } from '../../electron/core/store/index.js';
import { makeTempProfile, openTestStore } from '../../electron/core/store/storeFixtures.js';
import type { TempProfile } from '../../electron/core/store/storeFixtures.js';
import { makeSqliteAuthState } from '../../electron/core/whatsapp/sqliteAuthState.js';
import { Simulator } from '../sim/simulator.js';
import { closeClient, pairAndConnect } from '../sim/testing/connectClient.js';
import type { Client } from '../sim/testing/connectClient.js';
import { UpsertLog } from '../sim/testing/events.js';
import type { MemoryAuth } from '../sim/testing/memoryAuth.js';
import { quietLibsignal } from '../sim/testing/quietLibsignal.js';

quietLibsignal();

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The pre-key id a retry receipt offers in its <keys> (3-byte big-endian), if it carries keys. */
function offeredPreKeyId(receipt: BinaryNode): number | undefined {
  const id = getBinaryNodeChild(getBinaryNodeChild(getBinaryNodeChild(receipt, 'keys'), 'key'), 'id')?.content;
  return id instanceof Uint8Array ? Buffer.from(id).readUIntBE(0, id.length) : undefined;
}

/**
 * The real Baileys socket against the simulator, over our SQLite auth state. Stock rc14 sends a retry
 * receipt that offers a fresh pre-key BEFORE the key transaction holding its private half commits
 * (messages-recv.js sendRetryRequest); the project's patch sends it after the commit. A lost commit (a disk error, or a kill on stock Baileys) is simulated by discarding
 * the next minted pre-key; the creds row (saved on creds.update, before the commit) is kept.
 */
describe('pre-keys offered in retry receipts (SQLite auth state)', () => {
  let sim: Simulator | undefined;
  let client: Client | undefined;
  let store: AccountStore | undefined;
  let profile: TempProfile | undefined;
  afterEach(async () => {
    if (client) await Promise.race([closeClient(client), sleep(1000)]);
    await sim?.stop();
    store?.close();
    profile?.cleanup();
    client = sim = store = profile = undefined;
  });

  it('a pre-key lost between the retry receipt and its commit costs one more retry, not the message', async () => {
    sim = await Simulator.start();
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
    const sqlite = makeSqliteAuthState(store);
    let isDiscardArmed = false;
    const discarded: string[] = [];
    const keys: SignalKeyStore = {
      get: (type, ids) => sqlite.state.keys.get(type, ids),
      set: (data) => {
        const preKeys = data['pre-key'];
        const minted = Object.entries(preKeys ?? {}).filter(([, v]) => v !== null && v !== undefined);
        if (isDiscardArmed && minted.length > 0) {
          isDiscardArmed = false;
          discarded.push(...minted.map(([id]) => id));
          const { 'pre-key': _dropped, ...rest } = data;
          return sqlite.state.keys.set(rest);
        }
        return sqlite.state.keys.set(data);
      },
    };
    const auth: MemoryAuth = {
      state: { creds: sqlite.state.creds, keys },
      // WaConnection's creds.update listener.
      saveCreds: (update) => {
        Object.assign(sqlite.state.creds, update);
        sqlite.saveCreds();
      },
      keys,
    };
    client = await pairAndConnect(sim, auth);
    const deadline = Date.now() + 10_000;
    while (!(sqlite.state.creds.accountSyncCounter > 0) && Date.now() < deadline) await sleep(20);
    const upserts = new UpsertLog(client.sock);
    const hal = sim.addContact({ pushName: 'Hal' });
    await upserts.byId(await hal.send({ kind: 'text', text: 'session up' }));

    isDiscardArmed = true;
    // Two corrupted copies: the second retry receipt carries keys (a freshly minted pre-key).
    const id = await hal.send({ kind: 'text', text: 'after the lost pre-key' }, { corrupt: 2 });
    const msg = await upserts.waitFor(
      (m) => m.key.id === id && m.message?.conversation === 'after the lost pre-key',
      15_000,
    );
    expect(msg.key.fromMe).toBe(false);

    const offered = sim.observed
      .receiptsFor(id)
      .filter((r) => r.attrs.type === 'retry')
      .map(offeredPreKeyId)
      .filter((k): k is number => k !== undefined);
    // The peer was handed the discarded pre-key, failed on it, and the next retry offered a new id.
    expect(discarded).toHaveLength(1);
    expect(offered[0]).toBe(Number(discarded[0]));
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(new Set(offered).size).toBe(offered.length);
    expect(store.getKeys('pre-key', [discarded[0]!])[discarded[0]!]).toBeUndefined();

    // After a restart the counter is past every id offered: none is minted again with a new pair.
    const reopened = makeSqliteAuthState(store);
    expect(reopened.state.creds.nextPreKeyId).toBeGreaterThan(Math.max(...offered));
  });
});
