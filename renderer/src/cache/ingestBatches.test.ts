// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageId } from '../../../shared/src/index.js';
import { ACCOUNT_A, batchFixture, chatFixture, messageFixture } from '../testing/factories.js';
import { InboxDb, MESSAGE_ORDER_INDEX, RECENT_WINDOW_PER_CHAT } from './db.js';
import { ingestBatches } from './ingestBatches.js';

let db: InboxDb;
let dbCounter = 0;

beforeEach(async () => {
  db = new InboxDb(`ingest-test-${dbCounter++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('ingestBatches', () => {
  it('applies batches in order and records the last seq per stream', async () => {
    await ingestBatches(db, [
      batchFixture(1, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 1 })] }]),
      batchFixture(2, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 5 })] }]),
      batchFixture(1, [{ type: 'accounts.changed', accounts: [] }], null),
    ]);
    expect((await db.chats.toArray()).map((chat) => chat.unreadCount)).toEqual([5]);
    expect(await db.meta.get(ACCOUNT_A)).toEqual({ stream: ACCOUNT_A, lastSeq: 2 });
    // accounts.changed is a session snapshot: it applies without moving the app stream.
    expect(await db.meta.get('app')).toBeUndefined();
  });

  it('skips batches whose seq was already applied', async () => {
    await ingestBatches(db, [batchFixture(1, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 3 })] }])]);
    const outcome = await ingestBatches(db, [
      batchFixture(1, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 99 })] }]),
    ]);
    expect(outcome.appliedCount).toBe(0);
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(3);
  });

  it('applies increasing, non-contiguous seqs (the store stamps every row) and skips older ones', async () => {
    const outcome = await ingestBatches(db, [
      batchFixture(10, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 1 })] }]),
      batchFixture(25, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 3 })] }]),
      batchFixture(20, [{ type: 'chats.upserted', chats: [chatFixture({ unreadCount: 99 })] }]),
    ]);
    expect(outcome.appliedCount).toBe(2);
    expect((await db.chats.toArray())[0]?.unreadCount).toBe(3);
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(25);
  });

  it('applies batches of session events whatever their seq, without moving the stream', async () => {
    await ingestBatches(db, [batchFixture(7, [{ type: 'chats.upserted', chats: [chatFixture()] }])]);
    const outcome = await ingestBatches(db, [
      batchFixture(0, [
        { type: 'connection.changed', accountId: ACCOUNT_A, state: { kind: 'qr', qr: 'x', expiresAt: 1 } },
      ]),
      batchFixture(0, [{ type: 'connection.changed', accountId: ACCOUNT_A, state: { kind: 'open' } }]),
    ]);
    expect(outcome.sessionEvents.map((e) => e.type === 'connection.changed' && e.state.kind)).toEqual(['qr', 'open']);
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(7);
  });

  it('returns session events without storing them', async () => {
    const outcome = await ingestBatches(db, [
      batchFixture(1, [{ type: 'connection.changed', accountId: ACCOUNT_A, state: { kind: 'open' } }]),
    ]);
    expect(outcome.sessionEvents).toEqual([
      { type: 'connection.changed', accountId: ACCOUNT_A, state: { kind: 'open' } },
    ]);
  });

  it('keeps only the recent window of messages per chat', async () => {
    const messages = Array.from({ length: RECENT_WINDOW_PER_CHAT + 20 }, (_, i) =>
      messageFixture({ id: `m${i}` as MessageId, timestamp: 1000 + i }),
    );
    await ingestBatches(db, [batchFixture(1, [{ type: 'messages.upserted', messages }])]);
    const kept = await db.messages.orderBy(MESSAGE_ORDER_INDEX).toArray();
    expect(kept).toHaveLength(RECENT_WINDOW_PER_CHAT);
    expect(kept[0]?.id).toBe('m20');
  });

  it('updates the media state of a cached message', async () => {
    const media = {
      kind: 'image' as const,
      mimeType: 'image/jpeg',
      fileName: null,
      sizeBytes: 10,
      durationSeconds: null,
      width: 10,
      height: 10,
      thumbnailDataUrl: null,
      state: { status: 'remote' as const },
    };
    await ingestBatches(db, [
      batchFixture(1, [
        { type: 'messages.upserted', messages: [messageFixture({ body: { kind: 'media', media, caption: null } })] },
      ]),
      batchFixture(2, [
        {
          type: 'media.changed',
          accountId: ACCOUNT_A,
          chatId: messageFixture().chatId,
          messageId: messageFixture().id,
          state: { status: 'ready', url: '/media/1' },
        },
      ]),
    ]);
    const stored = await db.messages.toArray();
    expect(stored[0]?.body.kind === 'media' && stored[0].body.media.state).toEqual({
      status: 'ready',
      url: '/media/1',
    });
  });

  it('drops an account on cache.reset and reports it for reload', async () => {
    await ingestBatches(db, [
      batchFixture(1, [
        { type: 'chats.upserted', chats: [chatFixture()] },
        { type: 'messages.upserted', messages: [messageFixture()] },
      ]),
    ]);
    const outcome = await ingestBatches(db, [batchFixture(2, [{ type: 'cache.reset', accountId: ACCOUNT_A }])]);
    expect(outcome.resets).toEqual([ACCOUNT_A]);
    expect(await db.chats.count()).toBe(0);
    expect(await db.messages.count()).toBe(0);
    expect((await db.meta.get(ACCOUNT_A))?.lastSeq).toBe(2);
  });

  it('removes chats with their messages', async () => {
    await ingestBatches(db, [
      batchFixture(1, [
        { type: 'chats.upserted', chats: [chatFixture()] },
        { type: 'messages.upserted', messages: [messageFixture()] },
      ]),
      batchFixture(2, [{ type: 'chats.removed', accountId: ACCOUNT_A, chatIds: [chatFixture().id] }]),
    ]);
    expect(await db.chats.count()).toBe(0);
    expect(await db.messages.count()).toBe(0);
  });
});
