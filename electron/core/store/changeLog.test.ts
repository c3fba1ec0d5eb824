import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatId, SyncStatus } from '../../../shared/src/index.js';
import type { AccountStore } from './AccountStore.js';
import type { StoreChange } from './changeLog.js';
import { compareHlc } from './hlc.js';
import type { TempProfile } from './storeFixtures.js';
import { makeMessage, makeTempProfile, openTestStore } from './storeFixtures.js';

const CHAT = '4915550001@s.whatsapp.net' as ChatId;

const describeChange = (c: StoreChange): string => {
  switch (c.kind) {
    case 'chat':
      return `chat:${c.chat.id}`;
    case 'message':
      return `message:${c.message.id}`;
    case 'contact':
      return `contact:${c.contact.id}`;
    case 'media':
      return `media:${c.messageId}`;
    case 'syncStatus':
      return `sync:${c.status.phase}`;
    case 'removed':
      return `removed:${c.entity}:${c.id}`;
    case 'setting':
      return `setting:${c.key}`;
  }
};

describe('change sequence', () => {
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

  it('replays the latest state of everything changed after a seq, including deletions', async () => {
    const a = makeMessage();
    const b = makeMessage();
    const first = store.applyBatch([
      { type: 'message.upsert', message: a },
      { type: 'message.upsert', message: b },
    ]);
    expect(first.changes.map(describeChange)).toEqual([`message:${a.id}`, `message:${b.id}`, `chat:${CHAT}`]);
    const status: SyncStatus = { ...store.getSyncStatus(), phase: 'syncing', chunksReceived: 1 };
    store.applyBatch([
      { type: 'message.delete', chatId: CHAT, messageIds: [a.id] },
      { type: 'contact.upsert', contact: { jid: CHAT, names: [{ source: 'pushName', name: 'X' }] } },
      { type: 'sync.status', status },
    ]);
    store.close();
    store = await openTestStore(profile.accountDir);

    const since = store.changesSince(first.seq, 100);
    // Chat activity is refreshed once at the end of the batch, so the chat comes last.
    expect(since.changes.map(describeChange)).toEqual([
      `removed:message:${a.id}`,
      `contact:${CHAT}`,
      'sync:syncing',
      `chat:${CHAT}`,
    ]);
    expect(since.hasMore).toBe(false);
    expect(since.lastSeq).toBe(store.currentSeq());
    const seqs = since.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);

    const all = store.changesSince(0, 100).changes.map(describeChange);
    expect(all).toEqual([
      `message:${b.id}`,
      `removed:message:${a.id}`,
      `contact:${CHAT}`,
      'sync:syncing',
      `chat:${CHAT}`,
    ]);
    expect(store.getSyncStatus()).toEqual(status);
  });

  it('pages with a limit and reports whether more remain', () => {
    store.applyBatch(Array.from({ length: 5 }, () => ({ type: 'message.upsert' as const, message: makeMessage() })));
    const page = store.changesSince(0, 3);
    expect(page.changes).toHaveLength(3);
    expect(page.hasMore).toBe(true);
    const rest = store.changesSince(page.lastSeq, 10);
    expect(rest.changes).toHaveLength(3); // 2 messages + the chat
    expect(rest.hasMore).toBe(false);
  });

  it('drops a tombstone when the row comes back, and stamps rows with increasing HLCs', () => {
    const a = makeMessage();
    store.applyBatch([{ type: 'message.upsert', message: a }]);
    store.applyBatch([{ type: 'message.delete', chatId: CHAT, messageIds: [a.id] }]);
    const removedAt = store.currentSeq();
    store.applyBatch([{ type: 'message.upsert', message: a }]);
    const changes = store.changesSince(removedAt - 1, 10).changes.map(describeChange);
    expect(changes).not.toContain(`removed:message:${a.id}`);
    expect(changes).toContain(`message:${a.id}`);
  });

  it('emits nothing and advances nothing for a batch that failed', () => {
    const before = store.currentSeq();
    expect(() =>
      store.applyBatch([
        { type: 'message.upsert', message: makeMessage() },
        { type: 'lid.map', lid: 'x', pn: 'y', source: 'bad' },
      ]),
    ).toThrow();
    expect(store.currentSeq()).toBe(before);
    expect(store.changesSince(before, 10).changes).toEqual([]);
  });

  it('stamps successive removals with increasing HLCs', () => {
    const [a, b] = [makeMessage(), makeMessage()];
    if (a === undefined || b === undefined) throw new Error('fixture');
    store.applyBatch([a, b].map((message) => ({ type: 'message.upsert' as const, message })));
    const first = store.applyBatch([{ type: 'message.delete', chatId: CHAT, messageIds: [a.id] }]).changes[0];
    const second = store.applyBatch([{ type: 'message.delete', chatId: CHAT, messageIds: [b.id] }]).changes[0];
    if (first?.kind !== 'removed' || second?.kind !== 'removed') throw new Error('expected removals');
    expect(compareHlc(second.hlc, first.hlc)).toBe(1);
  });
  it('keeps the tombstone of a message deleted, re-created and deleted again in one batch', () => {
    const a = makeMessage();
    store.applyBatch([
      { type: 'message.upsert', message: a },
      { type: 'message.delete', chatId: CHAT, messageIds: [a.id] },
      { type: 'message.upsert', message: a },
      { type: 'message.delete', chatId: CHAT, messageIds: [a.id] },
    ]);
    expect(store.changesSince(0, 10).changes.map(describeChange)).toContain(`removed:message:${a.id}`);
  });
  it('never issues an older stamp after reopening with a wall clock that went back', async () => {
    const [a, b] = [makeMessage(), makeMessage()];
    if (a === undefined || b === undefined) throw new Error('fixture');
    store.close();
    store = await openTestStore(profile.accountDir, undefined, () => 5_000_000);
    store.applyBatch([a, b].map((message) => ({ type: 'message.upsert' as const, message })));
    const first = store.applyBatch([{ type: 'message.delete', chatId: CHAT, messageIds: [a.id] }]).changes[0];
    store.close();
    store = await openTestStore(profile.accountDir, undefined, () => 1_000);
    const second = store.applyBatch([{ type: 'message.delete', chatId: CHAT, messageIds: [b.id] }]).changes[0];
    if (first?.kind !== 'removed' || second?.kind !== 'removed') throw new Error('expected removals');
    expect(compareHlc(second.hlc, first.hlc)).toBe(1);
  });
});
