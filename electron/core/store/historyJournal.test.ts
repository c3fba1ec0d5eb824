import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountStore } from './AccountStore.js';
import type { HistoryChunkInput } from './historyJournal.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const makeChunk = (overrides: Partial<HistoryChunkInput> = {}): HistoryChunkInput => ({
  id: 'chunk-1',
  syncType: 'INITIAL_BOOTSTRAP',
  chunkOrder: 1,
  progress: 10,
  receivedAt: 1_000,
  raw: new Uint8Array([1, 2, 3]),
  ...overrides,
});

describe('history journal and outbox survive a crash', () => {
  let profile: TempProfile;
  let store: AccountStore;
  beforeEach(async () => {
    profile = makeTempProfile();
    store = await openTestStore(profile.accountDir);
  });
  afterEach(() => {
    store.close();
    profile.cleanup();
  });

  it('re-offers a chunk journaled but never marked processed after reopening', async () => {
    expect(store.journalHistoryChunk(makeChunk())).toBe(true);
    expect(store.journalHistoryChunk(makeChunk())).toBe(false);
    store.journalHistoryChunk(makeChunk({ id: 'chunk-2', chunkOrder: 2, receivedAt: 2_000 }));
    store.applyBatch([
      { type: 'message.upsert', message: makeMessage() },
      { type: 'history.processed', chunkId: 'chunk-1', messageCount: 1, chatCount: 1 },
    ]);
    store.close(); // "crash" before chunk-2 was processed
    store = await openTestStore(profile.accountDir);
    const pending = store.pendingHistoryChunks();
    expect(pending.map((c) => c.id)).toEqual(['chunk-2']);
    expect(Array.from(pending[0]?.raw ?? [])).toEqual([1, 2, 3]);
    expect(store.listHistoryJournal(10).find((c) => c.id === 'chunk-1')).toMatchObject({
      messageCount: 1,
      chatCount: 1,
    });
  });

  it('leaves the chunk pending when the batch that processed it rolled back', () => {
    store.journalHistoryChunk(makeChunk());
    expect(() =>
      store.applyBatch([
        { type: 'history.processed', chunkId: 'chunk-1', messageCount: 1, chatCount: 0 },
        { type: 'lid.map', lid: 'bad', pn: 'bad', source: 'x' },
      ]),
    ).toThrow();
    expect(store.pendingHistoryChunks()).toHaveLength(1);
  });

  it('keeps outbox commands and their client message id across a reopen', async () => {
    store.outbox.enqueue({ id: 'cmd-1', lane: 'serial', name: 'messages.sendText', payload: { text: 'hi' } });
    store.outbox.enqueue({ id: 'cmd-2', lane: 'media', name: 'media.download', payload: { messageId: 'x' } });
    expect(store.outbox.ensureClientMessageId('cmd-1', '3EB0AAAA')).toBe('3EB0AAAA');
    const claimed = store.outbox.claimNext('serial');
    expect(claimed).toMatchObject({ id: 'cmd-1', state: 'running', attempts: 1 });
    store.close(); // crash while sending
    store = await openTestStore(profile.accountDir);
    expect(store.outbox.requeueInterrupted()).toBe(1);
    expect(store.outbox.ensureClientMessageId('cmd-1', '3EB0BBBB')).toBe('3EB0AAAA');
    const again = store.outbox.claimNext('serial');
    expect(again).toMatchObject({ id: 'cmd-1', attempts: 2, clientMessageId: '3EB0AAAA', payload: { text: 'hi' } });
    store.outbox.fail('cmd-1', 'not connected', 10_000_000_000_000);
    expect(store.outbox.claimNext('serial')).toBeUndefined();
    store.outbox.complete('cmd-1');
    expect(store.outbox.list().map((e) => e.id)).toEqual(['cmd-2']);
    store.outbox.fail('cmd-2', 'gone', null);
    expect(store.outbox.get('cmd-2')).toMatchObject({ state: 'failed', error: 'gone' });
  });
});
