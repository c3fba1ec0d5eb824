import type {
  AccountId,
  BridgeEvent,
  Chat,
  ChatId,
  Contact,
  EventBatch,
  Message,
  MessageId,
} from '../../../../shared/src/index.js';
import type { StoreChange } from '../../store/index.js';
import { missingCaseError } from '../../util/missingCaseError.js';

/**
 * Store changes (already committed) → bridge events, grouped by kind, in one batch stamped with the
 * store's change sequence. `extra` carries session events (connection, command outcomes) that ride
 * along with the batch.
 */
export function eventBatchOf(
  accountId: AccountId,
  seq: number,
  changes: readonly StoreChange[],
  extra: readonly BridgeEvent[] = [],
): EventBatch {
  const chats: Chat[] = [];
  const messages: Message[] = [];
  const contacts: Contact[] = [];
  const events: BridgeEvent[] = [];
  const removedChats: ChatId[] = [];
  const removedMessages = new Map<ChatId, MessageId[]>();
  for (const change of changes) {
    switch (change.kind) {
      case 'chat':
        chats.push(change.chat);
        break;
      case 'message':
        messages.push(change.message);
        break;
      case 'contact':
        contacts.push(change.contact);
        break;
      case 'media':
        events.push({
          type: 'media.changed',
          accountId,
          chatId: change.chatId,
          messageId: change.messageId,
          state: change.state,
        });
        break;
      case 'syncStatus':
        events.push({ type: 'sync.changed', accountId, status: change.status });
        break;
      case 'setting':
        // No renderer event for settings yet (their commands answer with the new state); the
        // batch still carries the seq, which is what tells the backup scheduler something changed.
        break;
      case 'removed':
        if (change.entity === 'chat') removedChats.push(change.id as ChatId);
        if (change.entity === 'message' && change.chatId !== null) {
          const list = removedMessages.get(change.chatId) ?? [];
          list.push(change.id as MessageId);
          removedMessages.set(change.chatId, list);
        }
        break;
      default:
        throw missingCaseError(change);
    }
  }
  const head: BridgeEvent[] = [];
  if (contacts.length > 0) head.push({ type: 'contacts.upserted', accountId, contacts });
  if (chats.length > 0) head.push({ type: 'chats.upserted', chats });
  if (messages.length > 0) head.push({ type: 'messages.upserted', messages });
  for (const [chatId, messageIds] of removedMessages)
    head.push({ type: 'messages.removed', accountId, chatId, messageIds });
  if (removedChats.length > 0) head.push({ type: 'chats.removed', accountId, chatIds: removedChats });
  return { accountId, seq, events: [...head, ...events, ...extra] };
}
