import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, ContactId, MessageId } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import { StoreCorruptError } from './errors.js';
import { DATABASE_FILE_NAME } from './storeDatabase.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMediaInfo, makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const CHAT = '4915550001@s.whatsapp.net' as ChatId;

describe('messages', () => {
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

  it('stores messages with raw bytes and creates the chat with its activity', () => {
    const old = makeMessage({ timestamp: 1000, body: { kind: 'text', text: 'first' } });
    const latest = makeMessage({ timestamp: 5000, body: { kind: 'text', text: 'latest' } });
    store.applyBatch([
      { type: 'message.upsert', message: latest, raw: new Uint8Array([9, 9]) },
      { type: 'message.upsert', message: old },
    ]);
    expect(store.getMessage(CHAT, latest.id)).toEqual({ ...latest, orderKey: expect.any(Number) as number });
    expect(Array.from(store.getRawMessage(CHAT, latest.id) ?? [])).toEqual([9, 9]);
    expect(store.getRawMessage(CHAT, old.id)).toBeUndefined();
    const chat = store.getChat(CHAT);
    expect(chat).toMatchObject({
      lastMessageAt: 5000,
      oldestMessageAt: 1000,
      preview: { text: 'latest', kind: 'text' },
    });
  });

  it('pages newest first on (timestamp, receive order) without gaps or repeats', () => {
    const messages = Array.from({ length: 25 }, (_, i) =>
      makeMessage({ id: `M${i.toString().padStart(3, '0')}` as MessageId, timestamp: 1000 + Math.floor(i / 3) * 10 }),
    );
    store.applyBatch(messages.map((message) => ({ type: 'message.upsert', message })));
    const seen: string[] = [];
    let page = store.pageMessages(CHAT, null, 7);
    seen.push(...page.messages.map((m) => m.id));
    while (page.nextCursor !== null) {
      page = store.pageMessages(CHAT, page.nextCursor, 7);
      seen.push(...page.messages.map((m) => m.id));
    }
    // Inserted in index order, so within one timestamp the higher index is newer.
    const expected = messages
      .map((m, i) => ({ m, i }))
      .sort((a, b) => b.m.timestamp - a.m.timestamp || b.i - a.i)
      .map(({ m }) => m.id);
    expect(seen).toEqual(expected);
    expect(page.hasMoreLocal).toBe(false);
    const byTimestamp = store.pageMessages(CHAT, 1020, 100);
    expect(byTimestamp.messages.every((m) => m.timestamp < 1020)).toBe(true);
    expect(byTimestamp.messages).toHaveLength(6);
  });

  it('never regresses a status and keeps reactions from both copies', () => {
    const message = makeMessage({ isFromMe: true, senderId: null, status: 'sent' });
    const alice = '4915550002@s.whatsapp.net' as ContactId;
    store.applyBatch([
      { type: 'message.upsert', message },
      { type: 'message.status', chatId: CHAT, messageId: message.id, status: 'read' },
      { type: 'message.react', chatId: CHAT, messageId: message.id, reaction: { senderId: alice, emoji: '👍', at: 5 } },
    ]);
    store.applyBatch([{ type: 'message.upsert', message: { ...message, status: 'delivered' } }]);
    const stored = store.getMessage(CHAT, message.id);
    expect(stored?.status).toBe('read');
    expect(stored?.reactions).toEqual([{ senderId: alice, emoji: '👍', at: 5 }]);
    store.applyBatch([
      { type: 'message.react', chatId: CHAT, messageId: message.id, reaction: { senderId: alice, emoji: '', at: 6 } },
    ]);
    expect(store.getMessage(CHAT, message.id)?.reactions).toEqual([]);
  });

  it('applies edits and keeps the newest edit over a history replay of the original', () => {
    const message = makeMessage({ body: { kind: 'text', text: 'typo' } });
    store.applyBatch([
      { type: 'message.upsert', message },
      { type: 'message.edit', chatId: CHAT, messageId: message.id, text: 'fixed', editedAt: 50 },
      { type: 'message.edit', chatId: CHAT, messageId: message.id, text: 'older edit', editedAt: 40 },
    ]);
    store.applyBatch([{ type: 'message.upsert', message }]);
    expect(store.getMessage(CHAT, message.id)).toMatchObject({ body: { kind: 'text', text: 'fixed' }, editedAt: 50 });
  });

  it('revokes for everyone: content, raw bytes and search entry are gone and stay gone', () => {
    const message = makeMessage({ body: { kind: 'text', text: 'regrettable' } });
    store.applyBatch([{ type: 'message.upsert', message, raw: new Uint8Array([1]) }]);
    store.applyBatch([{ type: 'message.revoke', chatId: CHAT, messageId: message.id }]);
    store.applyBatch([{ type: 'message.upsert', message, raw: new Uint8Array([1]) }]);
    expect(store.getMessage(CHAT, message.id)?.body).toEqual({ kind: 'deleted' });
    expect(store.getRawMessage(CHAT, message.id)).toBeUndefined();
    expect(store.search('regrettable')).toEqual([]);
    expect(store.getChat(CHAT)?.preview?.text).toBe('This message was deleted');
  });

  it('reports ops on unknown messages as skipped instead of failing the batch', () => {
    const result = store.applyBatch([
      { type: 'message.edit', chatId: CHAT, messageId: 'nope', text: 'x', editedAt: 1 },
      { type: 'message.upsert', message: makeMessage() },
    ]);
    expect(result.skipped).toEqual([{ index: 0, type: 'message.edit', reason: 'notFound' }]);
  });

  it('keeps media state and retry metadata per message and overlays it on the body', () => {
    const message = makeMessage({ body: { kind: 'media', media: makeMediaInfo(), caption: 'beach' } });
    store.applyBatch([{ type: 'message.upsert', message }]);
    const failed = { status: 'failed', failure: 'cdnGone', detail: 'expired', httpStatus: 410, at: 7 } as const;
    store.applyBatch([
      {
        type: 'media.state',
        update: {
          chatId: CHAT,
          messageId: message.id,
          state: { status: 'downloading', progress: null },
          download: { directPath: '/v/t62', mediaKey: 'AAA=' },
          isAttempt: true,
        },
      },
      { type: 'media.state', update: { chatId: CHAT, messageId: message.id, state: failed } },
    ]);
    const media = store.getMedia(CHAT, message.id);
    expect(media).toMatchObject({
      state: failed,
      download: { directPath: '/v/t62' },
      failureReason: 'cdnGone',
      attempts: 1,
    });
    const body = store.getMessage(CHAT, message.id)?.body;
    expect(body?.kind === 'media' && body.media.state).toEqual(failed);
    expect(store.listFailedMedia(10)).toHaveLength(1);
  });

  it('rolls back the whole batch when one op fails', () => {
    const good = makeMessage();
    expect(() =>
      store.applyBatch([
        { type: 'message.upsert', message: good },
        { type: 'lid.map', lid: 'not-a-lid', pn: 'also-not', source: 'test' },
      ]),
    ).toThrow(RangeError);
    expect(store.getMessage(CHAT, good.id)).toBeUndefined();
    expect(store.currentSeq()).toBe(0);
  });
  it('raises StoreCorruptError for a damaged message row instead of returning a half-object', async () => {
    const message = makeMessage();
    store.applyBatch([{ type: 'message.upsert', message }]);
    store.close();
    const db = new Database(path.join(profile.accountDir, DATABASE_FILE_NAME));
    db.prepare("UPDATE messages SET body_json = '{not json'").run();
    db.close();
    store = await openTestStore(profile.accountDir);
    expect(() => store.pageMessages(CHAT, null, 10)).toThrow(StoreCorruptError);
  });
  it('lists chats by latest activity, paging with beforeActivity', () => {
    const chats = ['1', '2', '3', '4'].map((n) => `49155500${n}@s.whatsapp.net` as ChatId);
    store.applyBatch(
      chats.map((chatId, i) => ({
        type: 'message.upsert' as const,
        message: makeMessage({ chatId, timestamp: 1000 * (i + 1) }),
      })),
    );
    store.applyBatch([{ type: 'chat.upsert', chat: { id: '120363000000000009@g.us', subject: 'No messages yet' } }]);
    const first = store.listChats(2);
    expect(first.map((c) => c.id)).toEqual([chats[3], chats[2]]);
    const second = store.listChats(10, first.at(-1)?.lastMessageAt ?? null);
    expect(second.map((c) => c.id)).toEqual([chats[1], chats[0], '120363000000000009@g.us']);
    expect(second.at(-1)).toMatchObject({ isGroup: true, subject: 'No messages yet', lastMessageAt: null });
  });
});
