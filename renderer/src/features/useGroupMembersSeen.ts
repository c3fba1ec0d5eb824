import { useLiveQuery } from 'dexie-react-hooks';
import type { ContactId } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import { chatMessages } from '../cache/db.js';
import type { ChatRef } from '../state/uiStore.js';

const EMPTY: readonly ContactId[] = [];

/**
 * Members of a group who wrote in the cached recent window, most active first. The contract has
 * no participant list yet, so this is "seen", not "all members".
 */
export function useGroupMembersSeen(ref: ChatRef): readonly ContactId[] {
  return (
    useLiveQuery(async () => {
      const counts = new Map<ContactId, number>();
      await chatMessages(cacheDb, ref.accountId, ref.chatId).each((message) => {
        if (message.senderId && !message.isFromMe)
          counts.set(message.senderId, (counts.get(message.senderId) ?? 0) + 1);
      });
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    }, [ref.accountId, ref.chatId]) ?? EMPTY
  );
}
