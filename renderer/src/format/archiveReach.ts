import type { Chat } from '../../../shared/src/index.js';

const archiveDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/** "Archive reaches back to 3 March 2024" and friends, from what main says it holds locally. */
export function describeArchiveReach(chat: Pick<Chat, 'oldestMessageAt' | 'isHistoryExhausted'>): string {
  if (chat.oldestMessageAt === null || !Number.isFinite(chat.oldestMessageAt)) return 'No messages archived yet';
  const date = archiveDate.format(chat.oldestMessageAt);
  return chat.isHistoryExhausted ? `Complete history since ${date}` : `Archive reaches back to ${date}`;
}
