import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, ContactId, MessageDraft, MessageId } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import type { StoreOp } from './batchOps.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const CHAT = '4915550001@s.whatsapp.net' as ChatId;
const SENDER = '4915550002@s.whatsapp.net' as ContactId;

/** A history chunk as the worker applies it: names, the chat, then its messages. */
function chunkOps(messages: readonly MessageDraft[], raw: (m: MessageDraft) => Uint8Array): StoreOp[] {
  return [
    { type: 'contact.upsert', contact: { jid: SENDER, names: [{ source: 'pushName', name: 'Ann' }] } },
    { type: 'chat.upsert', chat: { id: CHAT, unreadCount: 1 } },
    ...messages.map((message): StoreOp => ({ type: 'message.upsert', message, raw: raw(message) })),
  ];
}

describe('history chunk replay', () => {
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

  it('applies the same chunk twice (a journal replay after a crash) without duplicating anything', () => {
    const messages = Array.from({ length: 5 }, (_, i) =>
      makeMessage({
        id: `H${i}` as MessageId,
        senderId: i % 2 === 0 ? SENDER : null,
        isFromMe: i % 2 === 1,
        status: i % 2 === 1 ? 'delivered' : 'received',
        timestamp: 1000 + i,
        body: { kind: 'text', text: `dinner plan ${i}` },
      }),
    );
    const first = store.applyBatch(chunkOps(messages, (m) => new Uint8Array([Number(m.id.slice(1))])));
    // The replayed copy of one message has since been read: the status moves forward, nothing else changes.
    const replay = messages.map((m) => (m.id === 'H1' ? { ...m, status: 'read' as const } : m));
    const second = store.applyBatch(chunkOps(replay, () => new Uint8Array([7, 7])));

    const page = store.pageMessages(CHAT, null, 50).messages;
    expect(page.map((m) => m.id).sort()).toEqual(['H0', 'H1', 'H2', 'H3', 'H4']);
    expect(store.getMessage(CHAT, 'H1')?.status).toBe('read');
    expect(store.search('dinner')).toHaveLength(5);
    // The replay rewrote the rows (new seq, newer raw copy), so a catching-up window sees them again.
    expect(Array.from(store.getRawMessage(CHAT, 'H3') ?? [])).toEqual([7, 7]);
    expect(second.seq).toBeGreaterThan(first.seq);
    const replayed = second.changes.flatMap((c) => (c.kind === 'message' ? [c.message.id] : []));
    expect(replayed.sort()).toEqual(['H0', 'H1', 'H2', 'H3', 'H4']);
    expect(store.getContact(SENDER)?.names).toEqual([{ source: 'pushName', name: 'Ann' }]);
  });

  it('clears the tombstone of a deleted chat that history brings back, and only that one', () => {
    const other = '4915550003@s.whatsapp.net' as ChatId;
    store.applyBatch([
      { type: 'message.upsert', message: makeMessage({ id: 'A' as MessageId }) },
      { type: 'message.upsert', message: makeMessage({ id: 'B' as MessageId, chatId: other }) },
    ]);
    store.applyBatch([{ type: 'chat.delete', chatId: CHAT }]);
    store.applyBatch([{ type: 'chat.delete', chatId: other }]);
    const beforeReplay = store.currentSeq();
    store.applyBatch([{ type: 'message.upsert', message: makeMessage({ id: 'C' as MessageId }) }]);
    const removedChats = store
      .changesSince(0, 100)
      .changes.flatMap((c) => (c.kind === 'removed' && c.entity === 'chat' ? [c.id] : []));
    expect(removedChats).toEqual([other]);
    expect(store.getChat(CHAT)).toBeDefined();
    expect(store.currentSeq()).toBeGreaterThan(beforeReplay);
  });

  it('stores a message that arrives already revoked without its raw bytes or a search entry', () => {
    const revoked = makeMessage({ id: 'R1' as MessageId, body: { kind: 'deleted' } });
    store.applyBatch([{ type: 'message.upsert', message: revoked, raw: new Uint8Array([1, 2, 3]) }]);
    expect(store.getMessage(CHAT, 'R1')?.body).toEqual({ kind: 'deleted' });
    expect(store.getRawMessage(CHAT, 'R1')).toBeUndefined();
  });

  it('reports a new contact once per batch, with the names written in that batch', () => {
    const result = store.applyBatch([
      { type: 'contact.upsert', contact: { jid: SENDER, names: [{ source: 'pushName', name: 'Ann' }] } },
    ]);
    const contacts = result.changes.flatMap((c) => (c.kind === 'contact' ? [c.contact] : []));
    expect(contacts).toEqual([
      expect.objectContaining({ id: SENDER, phoneNumber: '4915550002', names: [{ source: 'pushName', name: 'Ann' }] }),
    ]);
    expect(store.getContact(SENDER)).toEqual(contacts[0]);
  });
});
