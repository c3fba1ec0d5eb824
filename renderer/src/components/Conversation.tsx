import { useEffect, useState } from 'react';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useChat } from '../features/useChat.js';
import { useContacts } from '../features/useContacts.js';
import { formatPhoneNumber } from '../names/bestName.js';
import { useSession } from '../state/sessionStore.js';
import { type ChatRef, useUi } from '../state/uiStore.js';
import { AttachmentDialog } from './attachments/AttachmentDialog.js';
import { useFileDrop } from './attachments/useFileDrop.js';
import { ContactPanel } from './contact/ContactPanel.js';
import { Avatar } from './Avatar.js';
import { chatTitle } from './chatTitle.js';
import { Composer } from './Composer.js';
import { describeConnection } from './connectionWords.js';
import { Icon } from './Icon.js';
import { Timeline } from './Timeline.js';

/** One open chat: header, timeline, composer. Keyed by chat so per-chat state resets on switch. */
export function Conversation({ chatRef }: { readonly chatRef: ChatRef }) {
  const chat = useChat(chatRef);
  const contacts = useContacts(chatRef.accountId);
  const account = useSession((state) => state.accounts.find((a) => a.id === chatRef.accountId));
  const connection = useSession((state) => state.connections[chatRef.accountId]);
  const hasUnread = chat ? chat.unreadCount > 0 || chat.isMarkedUnread : false;
  const isPanelOpen = useUi((state) => state.isContactPanelOpen);
  const setPanelOpen = useUi((state) => state.setContactPanelOpen);
  const [file, setFile] = useState<File | null>(null);
  const fileDrop = useFileDrop(setFile);

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
      <div className={`conversation-column${fileDrop.isOver ? ' is-drop-target' : ''}`} {...fileDrop.handlers}>
        <header className="pane-header conversation-header">
          <button
            type="button"
            className="conversation-header-button"
            onClick={() => setPanelOpen(!isPanelOpen)}
            aria-expanded={isPanelOpen}
            aria-label={`${chat.isGroup ? 'Group' : 'Contact'} info: ${title}`}
            data-testid="conversation-header"
          >
            <Avatar id={chat.contactId} name={title} isGroup={chat.isGroup} />
            <div className="conversation-title">
              <h2>{title}</h2>
              <span className="muted">
                {subtitle}
                {account && ` · via ${account.label}`}
              </span>
            </div>
          </button>
        </header>
        {isOffline && (
          <div className="offline-strip" role="status">
            {/* Waiting for a QR scan with chats on screen: a restored backup not yet paired. */}
            {connection?.kind === 'qr'
              ? `${account?.label ?? 'This account'}: archive — pair to reconnect. It is read-only until then.`
              : `${account ? `${account.label}: ${describeConnection(connection).title}` : 'Not connected to the app'} — messages you send wait until it reconnects.`}
          </div>
        )}
        <Timeline chat={chat} contacts={contacts} />
        {/* An unpaired archive (a restored backup) is read-only: nothing could be sent from it. */}
        {connection?.kind !== 'qr' && <Composer chatRef={chatRef} title={title} onFile={setFile} />}
        {fileDrop.isOver && (
          <div className="drop-overlay" aria-hidden="true">
            <Icon name="attach" size={40} />
            <span>Drop to send to {title}</span>
          </div>
        )}
      </div>
      {isPanelOpen && <ContactPanel chat={chat} title={title} onClose={() => setPanelOpen(false)} />}
      {file && <AttachmentDialog file={file} chatRef={chatRef} title={title} onClose={() => setFile(null)} />}
    </main>
  );
}
