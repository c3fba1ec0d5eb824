import { useLiveQuery } from 'dexie-react-hooks';
import type { Chat } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { AccountFilter } from '../state/uiStore.js';

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
  const all = useLiveQuery(
    () => (filter === 'all' ? cacheDb.chats.toArray() : cacheDb.chats.where('accountId').equals(filter).toArray()),
    [filter],
  );
  if (!all) return { chats: [], archivedCount: 0, isLoading: true };
  const chats = all.filter((chat) => chat.isArchived === isShowingArchived).sort(compareChats);
  const archivedCount = all.filter((chat) => chat.isArchived).length;
  return { chats, archivedCount, isLoading: false };
}
