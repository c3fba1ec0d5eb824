// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { ChatId } from '../../../shared/src/index.js';
import { chatFixture } from '../testing/factories.js';
import { compareChats } from './useChatList.js';

describe('compareChats', () => {
  it('puts pinned chats first, then sorts by last activity', () => {
    const chats = [
      chatFixture({ id: 'old' as ChatId, lastMessageAt: 1 }),
      chatFixture({ id: 'new' as ChatId, lastMessageAt: 9 }),
      chatFixture({ id: 'pinned-early' as ChatId, lastMessageAt: 0, pinnedAt: 5 }),
      chatFixture({ id: 'pinned-late' as ChatId, lastMessageAt: 0, pinnedAt: 7 }),
    ];
    expect(chats.sort(compareChats).map((chat) => chat.id)).toEqual(['pinned-late', 'pinned-early', 'new', 'old']);
  });
});
