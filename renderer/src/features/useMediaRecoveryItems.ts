import { useLiveQuery } from 'dexie-react-hooks';
import type { AccountId, Chat, Message } from '../../../shared/src/index.js';
import { cacheDb } from '../cache/cacheDb.js';
import { isInFlight, isRecoverable, mediaStateOf } from '../components/media/mediaRecovery.js';

export type MediaRecoveryItem = { readonly message: Message; readonly chat: Chat | undefined };

/**
 * Media of one account that failed, is being recovered, or is tracked by a "Retry all" run, from
 * the cached recent window, newest first. Live: media.changed events move items along.
 */
export function useMediaRecoveryItems(
  accountId: AccountId,
  trackedIds: ReadonlySet<string>,
): readonly MediaRecoveryItem[] | undefined {
  const trackedKey = [...trackedIds].sort().join(',');
  return useLiveQuery(async () => {
    const messages = await cacheDb.messages
      .where('accountId')
      .equals(accountId)
      .filter((message) => {
        const state = mediaStateOf(message);
        return state !== null && (isRecoverable(state) || isInFlight(state) || trackedIds.has(message.id));
      })
      .toArray();
    const chats = await cacheDb.chats.where('accountId').equals(accountId).toArray();
    const chatById = new Map(chats.map((chat) => [chat.id, chat]));
    return messages
      .sort((a, b) => b.timestamp - a.timestamp)
      .map((message) => ({ message, chat: chatById.get(message.chatId) }));
  }, [accountId, trackedKey]);
}
