import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { Chat } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { AccountFilter } from '../state/uiStore.js';
import { createStructuralSharer } from '../util/structuralSharer.js';

/** Pinned chats first (most recently pinned on top), then by last activity. */
export function compareChats(a: Chat, b: Chat): number {
  if ((a.pinnedAt !== null) !== (b.pinnedAt !== null)) return a.pinnedAt !== null ? -1 : 1;
  if (a.pinnedAt !== null && b.pinnedAt !== null && a.pinnedAt !== b.pinnedAt) return b.pinnedAt - a.pinnedAt;
  return (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0);
}

export type ChatListData = {
  readonly chats: readonly Chat[];
  readonly archivedCount: number;
  readonly isLoading: boolean;
};

export function useChatList(filter: AccountFilter, isShowingArchived: boolean): ChatListData {
  // Unchanged chats keep their identity across re-runs, so memoized rows skip rendering.
  const share = useMemo(
    () => createStructuralSharer<Chat>((chat) => `${chat.accountId}/${chat.id}`),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one sharer per account filter
    [filter],
  );
  const all = useLiveQuery(
    async () =>
      share(
        await (filter === 'all' ? cacheDb.chats.toArray() : cacheDb.chats.where('accountId').equals(filter).toArray()),
      ),
    [filter, share],
  );
  return useMemo(() => {
    if (!all) return { chats: [], archivedCount: 0, isLoading: true };
    const chats = all.filter((chat) => chat.isArchived === isShowingArchived).sort(compareChats);
    const archivedCount = all.filter((chat) => chat.isArchived).length;
    return { chats, archivedCount, isLoading: false };
  }, [all, isShowingArchived]);
}
