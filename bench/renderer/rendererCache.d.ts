// What the bench page uses of renderer/src/cache (see rendererCache.js). A hand-kept mirror of
// the real signatures: if they change, the bench page fails when it runs.
import { Dexie, type Table } from 'dexie';
import type { AccountId, Chat, ChatId, EventBatch, Message, MessageId } from '../../shared/src/index.js';

export declare class InboxDb extends Dexie {
  chats: Table<Chat, [AccountId, ChatId]>;
  messages: Table<Message, [AccountId, ChatId, MessageId]>;
  constructor(name?: string);
}

export declare function ingestBatches(
  db: InboxDb,
  batches: readonly EventBatch[],
): Promise<{ readonly appliedCount: number }>;
