import type { AccountId } from '../../../shared/src/index.js';
import type { ChangeLog, StoreChange } from './changeLog.js';
import type { ContactResolver } from './contactResolver.js';
import type { HybridLogicalClock } from './hlc.js';
import type { StoreDatabase } from './storeDatabase.js';

/** Everything a write step needs, created once per batch transaction. */
export type WriteContext = Readonly<{
  db: StoreDatabase;
  changeLog: ChangeLog;
  clock: HybridLogicalClock;
  resolver: ContactResolver;
  accountId: AccountId;
  nowMs: number;
  /** Chats whose messages changed: their activity (last/oldest, preview) is refreshed once at the end. */
  touchedChats: Set<string>;
  changes: ChangeCollector;
}>;

/**
 * Keeps the last change per entity in a batch: a chat touched by 500 messages is reported once,
 * with its final state and seq.
 */
export class ChangeCollector {
  readonly #byKey = new Map<string, StoreChange>();

  add(key: string, change: StoreChange): void {
    // Insertion order does not matter (list() sorts by seq): replacing in place is enough.
    this.#byKey.set(key, change);
  }

  list(): StoreChange[] {
    return [...this.#byKey.values()].sort((a, b) => a.seq - b.seq);
  }
}

export function changeKey(change: StoreChange): string {
  switch (change.kind) {
    case 'chat':
      return `chat:${change.chat.id}`;
    case 'message':
      return `message:${change.message.chatId}\u001f${change.message.id}`;
    case 'contact':
      return `contact:${change.contact.id}`;
    case 'media':
      return `media:${change.chatId}\u001f${change.messageId}`;
    case 'syncStatus':
      return 'syncStatus';
    case 'setting':
      return `setting:${change.key}`;
    case 'removed':
      // A removal replaces the entity's earlier upsert in the same batch.
      return change.entity === 'message' || change.entity === 'media'
        ? `${change.entity}:${change.chatId ?? ''}\u001f${change.id}`
        : `${change.entity}:${change.id}`;
  }
}
