import { useLiveQuery } from 'dexie-react-hooks';
import { cacheDb } from '../cache/cacheDb.js';

/** Unread chats per account (muted and archived chats do not count), for rail badges. */
export function useUnreadByAccount(): ReadonlyMap<string, number> {
  return (
    useLiveQuery(async () => {
      const counts = new Map<string, number>();
      const now = Date.now();
      await cacheDb.chats.each((chat) => {
        const isMuted = chat.mutedUntil !== null && chat.mutedUntil > now;
        if (chat.isArchived || isMuted || (chat.unreadCount === 0 && !chat.isMarkedUnread)) return;
        counts.set(chat.accountId, (counts.get(chat.accountId) ?? 0) + 1);
      });
      return counts;
    }, []) ?? new Map()
  );
}
