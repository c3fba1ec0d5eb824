import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/src/index.js';
import { chatIdOf, conversation, sendCdnHistoryChunk } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

const ANA = '15550002001@s.whatsapp.net';
const BOB = '15550002002@s.whatsapp.net';
const CAROL = '15550002003@s.whatsapp.net';

function syncStates(h: WorkerHarness): SyncStatus[] {
  return h.events().flatMap((e) => (e.type === 'sync.changed' ? [e.status] : []));
}

describe('AccountWorker: history sync', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('stores inline and CDN history, tracks progress to explicit complete, and applies a late chunk', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: {
          syncType: 'INITIAL_BOOTSTRAP',
          progress: 10,
          conversations: [conversation(ANA, 'A', 3)],
        },
      },
      tuning: { historyQuietMs: 30_000 },
    });
    const worker = await h.pairNewWorker();
    const first = await eventually(() => syncStates(h!).find((s) => s.chunksProcessed === 1));
    expect(first).toMatchObject({ phase: 'syncing', messagesImported: 3, lateChunks: 0 });

    // A RECENT chunk from the CDN; Baileys' buffer may deliver it with `chats: []`: chats come from messages.
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 60,
      conversations: [conversation(BOB, 'B', 2)],
    });
    await eventually(() => syncStates(h!).find((s) => s.chunksProcessed === 2));
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 2,
      progress: 100,
      conversations: [conversation(ANA, 'A2-', 1, 1_750_000_000)],
    });
    const complete = await eventually(() => syncStates(h!).find((s) => s.phase === 'complete'));
    expect(complete).toMatchObject({ completeSource: 'explicit', chunksProcessed: 3, lateChunks: 0, progress: 100 });

    // A chunk after "complete" is still applied, and counted as late.
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 3,
      progress: 100,
      conversations: [conversation(CAROL, 'C', 2)],
    });
    const late = await eventually(() => syncStates(h!).find((s) => s.lateChunks === 1));
    expect(late).toMatchObject({ phase: 'complete', chunksProcessed: 4, messagesImported: 8 });

    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 50, beforeActivity: null });
    expect(chats.map((c) => c.id).sort()).toEqual([ANA, BOB, CAROL].sort());
    const ana = await worker.pageMessages({
      accountId: ACCOUNT_ID,
      chatId: chatIdOf(ANA),
      beforeTimestamp: null,
      limit: 50,
    });
    expect(ana.messages).toHaveLength(4);
    expect((await worker.summary()).sync.phase).toBe('complete');
    // Every emitted batch was committed: catch-up from 0 replays the same archive.
    const caught = await worker.catchUp(0, 10_000);
    expect(caught.isComplete).toBe(true);
    const caughtMessages = caught.batches
      .flatMap((b) => b.events)
      .flatMap((e) => (e.type === 'messages.upserted' ? e.messages : []));
    expect(caughtMessages).toHaveLength(8);
  });

  it('infers completion after a quiet period when WhatsApp never says so', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 30, conversations: [conversation(ANA, 'Q', 2)] },
      },
      tuning: { historyQuietMs: 800 },
    });
    await h.pairNewWorker();
    const status = await eventually(() => syncStates(h!).find((s) => s.phase === 'complete'), 8_000);
    expect(status).toMatchObject({ completeSource: 'inferred', chunksProcessed: 1, messagesImported: 2 });
  });
});
