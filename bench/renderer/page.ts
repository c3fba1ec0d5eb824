/*
 * The bench page, bundled by esbuild and run in Chromium. It builds the fixture batches itself (no
 * 20k-message structured clone through CDP) and exposes `window.cacheBench.paired`: the renderer's
 * real `ingestBatches` and a raw Dexie `bulkPut` of the same rows, side by side.
 */
import type { AccountId, Chat, ChatId, ContactId, EventBatch, Message } from '../../shared/src/index.js';
import { InboxDb, ingestBatches } from './rendererCache.js';
import { makeMessages } from '../fixtures.js';

export type CacheBenchShape = Readonly<{ messages: number; chats: number; perBatch: number }>;
export type CacheBenchTimes = Readonly<{ appMs: number; rawMs: number }>;
export type CacheBench = Readonly<{
  /**
   * Both sides on their own fresh database, batch by batch in turn (so load swings hit both alike):
   * the app applies each batch through ingestBatches (one call, one transaction), the baseline
   * bulkPuts the same chats and messages in one transaction per batch.
   */
  paired: (shape: CacheBenchShape, isAppFirst: boolean) => Promise<CacheBenchTimes>;
}>;

const ACCOUNT = 'bench' as AccountId;
let runs = 0;

/** What main emits per persisted history chunk: the chunk's chats (with activity) and its messages. */
function batchesOf(shape: CacheBenchShape): EventBatch[] {
  const messages = makeMessages(shape.messages, shape.chats, ACCOUNT);
  const batches: EventBatch[] = [];
  for (let i = 0; i < messages.length; i += shape.perBatch) {
    const slice = messages.slice(i, i + shape.perBatch);
    batches.push({
      accountId: ACCOUNT,
      seq: batches.length + 1,
      events: [
        { type: 'chats.upserted', chats: chatsOf(slice) },
        { type: 'messages.upserted', messages: slice },
      ],
    });
  }
  return batches;
}

function chatsOf(messages: readonly Message[]): Chat[] {
  const newest = new Map<ChatId, Message>();
  for (const m of messages) newest.set(m.chatId, m); // fixtures are in time order
  return [...newest.values()].map((m) => ({
    accountId: ACCOUNT,
    id: m.chatId,
    contactId: m.chatId as string as ContactId,
    isGroup: false,
    subject: null,
    lastMessageAt: m.timestamp,
    preview: { senderId: m.senderId, isFromMe: m.isFromMe, text: 'message', kind: 'text' },
    unreadCount: 0,
    isMarkedUnread: false,
    pinnedAt: null,
    isArchived: false,
    mutedUntil: null,
    oldestMessageAt: null,
    isHistoryExhausted: false,
  }));
}

async function freshDb(): Promise<InboxDb> {
  runs += 1;
  const db = new InboxDb(`bench-${runs}`);
  await db.open();
  return db;
}

async function finish(db: InboxDb): Promise<void> {
  db.close();
  await db.delete();
}

async function appBatch(db: InboxDb, batch: EventBatch): Promise<number> {
  const started = performance.now();
  await ingestBatches(db, [batch]);
  return performance.now() - started;
}

async function rawBatch(db: InboxDb, batch: EventBatch): Promise<number> {
  const started = performance.now();
  await db.transaction('rw', [db.chats, db.messages], async () => {
    for (const event of batch.events) {
      if (event.type === 'chats.upserted') await db.chats.bulkPut(event.chats);
      if (event.type === 'messages.upserted') await db.messages.bulkPut(event.messages);
    }
  });
  return performance.now() - started;
}

const cacheBench: CacheBench = {
  paired: async (shape, isAppFirst) => {
    const batches = batchesOf(shape);
    const appDb = await freshDb();
    const rawDb = await freshDb();
    let appMs = 0;
    let rawMs = 0;
    for (const batch of batches) {
      if (isAppFirst) appMs += await appBatch(appDb, batch);
      rawMs += await rawBatch(rawDb, batch);
      if (!isAppFirst) appMs += await appBatch(appDb, batch);
    }
    const stored = await appDb.messages.count();
    if (stored !== shape.messages) throw new Error(`ingestBatches stored ${stored} of ${shape.messages} messages`);
    await finish(appDb);
    await finish(rawDb);
    return { appMs, rawMs };
  },
};

(window as unknown as { cacheBench: CacheBench }).cacheBench = cacheBench;
