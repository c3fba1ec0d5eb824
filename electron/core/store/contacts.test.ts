import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, ContactId, MessageId } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const PN = '4915550123@s.whatsapp.net';
const LID = '98765432101234@lid';
const GROUP = '120363000000000001@g.us' as ChatId;

describe('contacts and LID <-> phone number', () => {
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

  it('keeps every name with its source, in UI preference order', () => {
    store.applyBatch([
      {
        type: 'contact.upsert',
        contact: { jid: `${PN.replace('@', ':3@')}`, names: [{ source: 'pushName', name: 'Bobby' }] },
      },
      {
        type: 'contact.upsert',
        contact: {
          jid: PN,
          names: [
            { source: 'phoneBook', name: 'Bob Smith' },
            { source: 'alias', name: 'Bob (work)' },
          ],
        },
      },
    ]);
    expect(store.getContact(PN)?.names).toEqual([
      { source: 'alias', name: 'Bob (work)' },
      { source: 'phoneBook', name: 'Bob Smith' },
      { source: 'pushName', name: 'Bobby' },
    ]);
    store.applyBatch([{ type: 'contact.upsert', contact: { jid: PN, names: [{ source: 'alias', name: null }] } }]);
    expect(store.getContact(PN)?.names.map((n) => n.source)).toEqual(['phoneBook', 'pushName']);
    expect(store.getContact(PN)).toMatchObject({ id: PN, phoneNumber: '4915550123', lid: null });
  });

  it('reports no change (and stamps no seq) for an upsert that repeats what is stored', () => {
    const bobby = { jid: PN, names: [{ source: 'pushName', name: 'Bobby' }] } as const;
    const first = store.applyBatch([{ type: 'contact.upsert', contact: bobby }]);
    expect(first.changes.map((change) => change.kind)).toEqual(['contact']);
    const repeat = store.applyBatch([
      { type: 'contact.upsert', contact: bobby },
      { type: 'contact.upsert', contact: { jid: PN, names: [{ source: 'alias', name: null }] } },
    ]);
    expect(repeat.changes).toEqual([]);
    const renamed = store.applyBatch([
      { type: 'contact.upsert', contact: { jid: PN, names: [{ source: 'pushName', name: 'Bob' }] } },
    ]);
    expect(renamed.changes.map((change) => change.kind)).toEqual(['contact']);
    expect(renamed.seq).toBeGreaterThan(first.seq);
    expect(store.getContact(PN)?.names).toEqual([{ source: 'pushName', name: 'Bob' }]);
  });

  it('files messages from the LID and the PN of one person in one chat and one contact', () => {
    store.applyBatch([
      { type: 'contact.upsert', contact: { jid: LID, names: [{ source: 'pushName', name: 'Lid Name' }] } },
      {
        type: 'message.upsert',
        message: makeMessage({
          chatId: LID as ChatId,
          senderId: LID as ContactId,
          id: 'L1' as MessageId,
          timestamp: 100,
        }),
      },
      {
        type: 'message.upsert',
        message: makeMessage({ chatId: GROUP, senderId: LID as ContactId, id: 'G1' as MessageId, timestamp: 150 }),
      },
      { type: 'chat.upsert', chat: { id: LID, unreadCount: 2 } },
      { type: 'contact.upsert', contact: { jid: PN, names: [{ source: 'phoneBook', name: 'Bob' }] } },
      {
        type: 'message.upsert',
        message: makeMessage({
          chatId: PN as ChatId,
          senderId: PN as ContactId,
          id: 'P1' as MessageId,
          timestamp: 200,
        }),
      },
    ]);
    const result = store.recordLidMapping(LID, PN, 'test');
    store.applyBatch([
      {
        type: 'message.upsert',
        message: makeMessage({
          chatId: LID as ChatId,
          senderId: LID as ContactId,
          id: 'L2' as MessageId,
          timestamp: 300,
        }),
      },
    ]);

    expect(store.resolveContactId(LID)).toBe(PN);
    expect(store.resolveContactId(`${LID.replace('@', ':7@')}`)).toBe(PN);
    expect(
      store
        .listChats(10)
        .map((c) => c.id)
        .sort(),
    ).toEqual([GROUP, PN].sort());
    expect(store.pageMessages(PN, null, 10).messages.map((m) => m.id)).toEqual(['L2', 'P1', 'L1']);
    expect(store.pageMessages(LID, null, 10).messages.map((m) => m.id)).toEqual(['L2', 'P1', 'L1']);
    expect(store.getMessage(GROUP, 'G1')?.senderId).toBe(PN);
    expect(store.getChat(PN)).toMatchObject({
      contactId: PN,
      unreadCount: 2,
      lastMessageAt: 300,
      oldestMessageAt: 100,
    });
    expect(store.listContacts(10).map((c) => c.id)).toEqual([PN]);
    expect(store.getContact(LID)).toMatchObject({ id: PN, lid: LID, phoneNumber: '4915550123' });
    expect(store.getContact(LID)?.names).toEqual([
      { source: 'phoneBook', name: 'Bob' },
      { source: 'pushName', name: 'Lid Name' },
    ]);
    const removed = result.changes
      .filter((c) => c.kind === 'removed')
      .map((c) => (c.kind === 'removed' ? `${c.entity}:${c.id}` : ''));
    expect(removed.sort()).toEqual([`chat:${LID}`, `contact:${LID}`, 'message:L1'].sort());
  });

  it('resolves a LID mapped in the same batch as its messages', () => {
    store.applyBatch([
      { type: 'lid.map', lid: LID, pn: PN, source: 'history' },
      { type: 'message.upsert', message: makeMessage({ chatId: LID as ChatId, senderId: LID as ContactId }) },
    ]);
    expect(store.listChats(10).map((c) => c.id)).toEqual([PN]);
  });

  it('records the same mapping twice as a no-op', () => {
    store.recordLidMapping(LID, PN, 'a');
    const seq = store.currentSeq();
    expect(store.recordLidMapping(LID, PN, 'b').changes).toEqual([]);
    expect(store.currentSeq()).toBe(seq);
  });
});
