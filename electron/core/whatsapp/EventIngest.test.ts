import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from '../store/index.js';
import { makeTempProfile, openTestStore } from '../store/storeFixtures.js';
import type { TempProfile } from '../store/storeFixtures.js';
import { EventIngest } from './EventIngest.js';
import { makeCtx, makeWaMessage, PEER_LID, PEER_PN, SELF_PN } from './normalize/makeWaMessage.js';

describe('EventIngest.storedAs: what an undecryptable redelivery was already stored as', () => {
  let profile: TempProfile;
  let store: AccountStore;
  let ingest: EventIngest;
  let replays = 0;

  beforeEach(async () => {
    replays = 0;
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
    ingest = new EventIngest({
      store,
      sink: { persist: (ops) => void store.applyBatch(ops), onHistoryStatus: () => undefined },
      context: () => makeCtx(),
      log: pino({ level: 'silent' }),
      journalHistory: () => undefined,
      replayHistory: () => {
        replays += 1;
      },
    });
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('knows a message persisted before its receipt, under the key its redelivery carries', async () => {
    await ingest.beforeReceipt(makeWaMessage({ key: { id: '3EB0STORED' } }));
    // The redelivery fails to decrypt: Baileys only has the envelope's key (PN chat, LID alt).
    const redelivered = { remoteJid: PEER_PN, remoteJidAlt: PEER_LID, fromMe: false, id: '3EB0STORED' };
    expect(await ingest.storedAs(redelivered)).toBe('message');
    expect(await ingest.storedAs({ ...redelivered, id: '3EB0NEVERSEEN' })).toBeUndefined();
  });

  it('knows a journaled history notification and has the journal replayed, as Baileys skips it', async () => {
    store.journalHistoryChunk({
      id: '3EB0HISTORY',
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 50,
      receivedAt: 1,
      raw: new Uint8Array([1]),
    });
    expect(await ingest.storedAs({ remoteJid: SELF_PN, fromMe: true, id: '3EB0HISTORY' })).toBe('history-sync');
    // Baileys will not process the redelivery, so a chunk the crash left unapplied is replayed now.
    expect(replays).toBe(1);
  });
});
