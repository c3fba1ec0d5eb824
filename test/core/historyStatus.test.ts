import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/src/index.js';
import { chatIdOf, conversation, sendCdnHistoryChunk } from './support/history.js';
import { ACCOUNT_ID, eventually, WorkerHarness } from './support/workerHarness.js';

const ANA = '15550002001@s.whatsapp.net';
const BOB = '15550002002@s.whatsapp.net';
const CAROL = '15550002003@s.whatsapp.net';
const QUIET_MS = 2_500;

type Stamped = Readonly<{ status: SyncStatus; emittedAt: number }>;

function syncStates(h: WorkerHarness): Stamped[] {
  return h.batches.flatMap((b) =>
    b.events.flatMap((e) => (e.type === 'sync.changed' ? [{ status: e.status, emittedAt: b.emittedAt }] : [])),
  );
}

describe('AccountWorker: history that does not arrive as announced', () => {
  let h: WorkerHarness | undefined;
  afterEach(async () => {
    await h?.teardown();
    h = undefined;
  });

  it('a chunk that never arrives: "syncing" until the quiet period infers complete; it counts as late if it turns up', async () => {
    h = await WorkerHarness.start({
      sim: {
        initialHistory: { syncType: 'INITIAL_BOOTSTRAP', progress: 10, conversations: [conversation(ANA, 'A', 2)] },
      },
      tuning: { historyQuietMs: QUIET_MS },
    });
    const worker = await h.pairNewWorker();
    await eventually(() => syncStates(h!).find((s) => s.status.chunksProcessed === 1));
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 40,
      conversations: [conversation(BOB, 'B', 2)],
    });
    // Chunk 2 is lost on the phone's side; chunk 3 still comes, but nothing ever says 100.
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 3,
      progress: 90,
      conversations: [conversation(ANA, 'A3-', 1, 1_770_000_000)],
    });
    const third = await eventually(() => syncStates(h!).find((s) => s.status.chunksProcessed === 3));
    expect(third.status).toMatchObject({ phase: 'syncing', progress: 90, completeSource: null, messagesImported: 5 });

    const done = await eventually(() => syncStates(h!).find((s) => s.status.phase === 'complete'), QUIET_MS + 10_000);
    expect(done.status).toMatchObject({ completeSource: 'inferred', chunksProcessed: 3, lateChunks: 0, progress: 90 });
    // Honest: not complete before a full quiet period after the last chunk.
    expect(done.emittedAt - (third.status.lastChunkAt ?? 0)).toBeGreaterThanOrEqual(QUIET_MS - 50);
    expect(
      syncStates(h)
        .filter((s) => s.emittedAt < done.emittedAt)
        .every((s) => s.status.phase !== 'complete'),
    ).toBe(true);
    expect((await worker.summary()).sync).toMatchObject({ phase: 'complete', completeSource: 'inferred' });

    // The lost chunk turns up after all: applied, counted as late, the phase stays complete.
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 2,
      progress: 60,
      conversations: [conversation(CAROL, 'C', 3)],
    });
    const late = await eventually(() => syncStates(h!).find((s) => s.status.lateChunks === 1));
    expect(late.status).toMatchObject({
      phase: 'complete',
      completeSource: 'inferred',
      chunksProcessed: 4,
      messagesImported: 8,
    });
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id).sort()).toEqual([ANA, BOB, CAROL].sort());
  });

  it('a LID-addressed history chat lands in the PN chat, also from a later chunk whose chats list is empty', async () => {
    h = await WorkerHarness.start({ sim: { initialHistory: false }, tuning: { historyQuietMs: QUIET_MS } });
    const ana = h.sim.addContact({ pushName: 'Ana' });
    const worker = await h.pairNewWorker();
    const mapping = [{ pnJid: ana.pnJid, lidJid: ana.lidJid }];
    await h.sim.sendHistoryInline({
      syncType: 'INITIAL_BOOTSTRAP',
      progress: 30,
      conversations: [conversation(ana.lidJid, 'L', 2)],
      phoneNumberToLidMappings: mapping,
    });
    await eventually(() => syncStates(h!).find((s) => s.status.chunksProcessed === 1));
    // Baileys' history cache already emitted this chat: the next chunk brings its messages only.
    await sendCdnHistoryChunk(h, {
      syncType: 'RECENT',
      chunkOrder: 1,
      progress: 100,
      conversations: [conversation(ana.lidJid, 'L2-', 2, 1_770_000_000)],
    });
    await eventually(() => syncStates(h!).find((s) => s.status.phase === 'complete'));
    const live = await ana.sendText('and now live', { addressing: 'lid' });

    const page = await eventually(async () => {
      const p = await worker.pageMessages({
        accountId: ACCOUNT_ID,
        chatId: chatIdOf(ana.pnJid),
        beforeTimestamp: null,
        limit: 20,
      });
      return p.messages.length === 5 ? p : undefined;
    });
    expect(page.messages.map((m) => m.id)).toContain(`${ana.pnJid}|${ana.pnJid}|${live}`);
    expect(page.messages.every((m) => m.chatId === ana.pnJid)).toBe(true);
    expect(page.messages.filter((m) => !m.isFromMe).every((m) => m.senderId === ana.pnJid)).toBe(true);
    const chats = await worker.listChats({ accountId: ACCOUNT_ID, limit: 10, beforeActivity: null });
    expect(chats.map((c) => c.id)).toEqual([ana.pnJid]);
    expect(chats[0]?.preview?.text).toBe('and now live');
  });
});
