import type { Chat } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';

/** Group subject, or the 1:1 contact's best name. */
export function chatTitle(chat: Chat, contacts: ContactDirectory): string {
  if (chat.isGroup) return chat.subject?.trim() || 'Unnamed group';
  return contacts.nameOf(chat.accountId, chat.contactId, 'Unknown contact');
}
