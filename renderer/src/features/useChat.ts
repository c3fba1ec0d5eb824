import { useLiveQuery } from 'dexie-react-hooks';
import type { Chat } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import type { ChatRef } from '../state/uiStore.js';

export function useChat(ref: ChatRef | null): Chat | undefined {
  return useLiveQuery(
    () => (ref ? cacheDb.chats.get([ref.accountId, ref.chatId]) : undefined),
    [ref?.accountId, ref?.chatId],
  );
}
