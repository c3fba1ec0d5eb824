import { describe, expect, it } from 'vitest';
import { chatPatchOf } from './normalizeHistorySync.js';

const PEER = '4915550001@s.whatsapp.net';

// The chat-list fields of app-state updates as Baileys' processSyncAction emits them (chats.update).
describe('chatPatchOf: app-state chat updates', () => {
  it.each([
    ['marked unread on the phone', { unreadCount: -1 }, { isMarkedUnread: true }, ['unreadCount']],
    ['read on the phone', { unreadCount: 0 }, { unreadCount: 0, isMarkedUnread: false }, []],
    ['unpinned', { pinned: null }, { pinnedAt: null }, []],
    ['unmuted', { muteEndTime: null }, { mutedUntil: null }, []],
    ['pinned (seconds)', { pinned: 1_700_000_000 }, { pinnedAt: 1_700_000_000_000 }, []],
    ['an unrelated update', { archived: true }, { isArchived: true }, ['pinnedAt', 'mutedUntil', 'isMarkedUnread']],
  ] as const)('%s', (_what, update, expected, absent) => {
    const patch = chatPatchOf({ id: PEER, ...update }, PEER);
    expect(patch).toMatchObject(expected);
    for (const field of absent) expect(patch).not.toHaveProperty(field);
  });

  it('lets markedAsUnread from a history conversation win over its unread count', () => {
    const patch = chatPatchOf({ id: PEER, unreadCount: 0, markedAsUnread: true }, PEER);
    expect(patch).toMatchObject({ unreadCount: 0, isMarkedUnread: true });
  });
});
