import { useEffect } from 'react';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useChat } from '../features/useChat.js';
import { useContacts } from '../features/useContacts.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { useSession } from '../state/sessionStore.js';
import type { ChatRef } from '../state/uiStore.js';
import { Avatar } from './Avatar.js';
import { chatTitle } from './chatTitle.js';
import { Composer } from './Composer.js';
import { describeConnection } from './connectionWords.js';
import { Timeline } from './Timeline.js';

/** One open chat: header, timeline, composer. Keyed by chat so per-chat state resets on switch. */
export function Conversation({ chatRef }: { readonly chatRef: ChatRef }) {
  const chat = useChat(chatRef);
  const contacts = useContacts(chatRef.accountId);
  const account = useSession((state) => state.accounts.find((a) => a.id === chatRef.accountId));
  const connection = useSession((state) => state.connections[chatRef.accountId]);
  const hasUnread = chat ? chat.unreadCount > 0 || chat.isMarkedUnread : false;

  // Opening a chat reads it, like on the phone.
  useEffect(() => {
    if (hasUnread) drop(call('chats.modify', { ...chatRef, action: { type: 'markRead' } }));
  }, [hasUnread, chatRef]);

  if (!chat) return <main className="main-pane main-empty muted">Loading chat…</main>;
  const title = chatTitle(chat, contacts);
  const contact = contacts.get(chat.accountId, chat.contactId);
  const subtitle = chat.isGroup ? 'Group' : contact?.phoneNumber ? formatPhoneNumber(contact.phoneNumber) : '';
  const isOffline = connection?.kind !== 'open';

  return (
    <main className="main-pane conversation" aria-label={`Conversation with ${title}`} data-testid="conversation">
      <header className="pane-header conversation-header">
        <Avatar id={chat.contactId} name={title} isGroup={chat.isGroup} />
        <div className="conversation-title">
          <h2>{title}</h2>
          <span className="muted">
            {subtitle}
            {account && ` · via ${account.label}`}
          </span>
        </div>
      </header>
      {isOffline && (
        <div className="offline-strip" role="status">
          {account?.label}: {describeConnection(connection).title} — messages you send wait until it reconnects.
        </div>
      )}
      <Timeline chat={chat} contacts={contacts} />
      <Composer chatRef={chatRef} title={title} />
    </main>
  );
}
