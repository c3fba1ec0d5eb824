import { useState } from 'react';
import type { Chat } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useChatList } from '../../features/useChatList.js';
import { useContacts } from '../../features/useContacts.js';
import type { MessageRef } from '../../state/uiStore.js';
import { Avatar } from '../Avatar.js';
import { chatTitle } from '../chatTitle.js';
import { Dialog } from '../dialog/Dialog.js';

const MAX_SHOWN = 60;

/** Pick a chat of the same account to forward the message to (`messages.forward`). */
export function ForwardDialog({ message, onClose }: { readonly message: MessageRef; readonly onClose: () => void }) {
  const { chats } = useChatList(message.accountId, false);
  const contacts = useContacts(message.accountId);
  const [query, setQuery] = useState('');
  const [busyChatId, setBusyChatId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const needle = query.trim().toLowerCase();
  const titled = chats.map((chat) => ({ chat, title: chatTitle(chat, contacts) }));
  const shown = (needle ? titled.filter(({ title }) => title.toLowerCase().includes(needle)) : titled).slice(
    0,
    MAX_SHOWN,
  );

  const forwardTo = (chat: Chat) => {
    setBusyChatId(chat.id);
    setError(null);
    drop(
      call('messages.forward', { ...message, toChatId: chat.id }).then((result) => {
        setBusyChatId(null);
        if (result.ok) onClose();
        else setError(`The message could not be forwarded: ${result.error.message}`);
      }),
    );
  };

  return (
    <Dialog title="Forward message to…" onClose={onClose} size="md" testId="forward-dialog">
      <input
        className="text-input"
        type="search"
        value={query}
        placeholder="Search chats"
        aria-label="Search chats"
        onChange={(event) => setQuery(event.target.value)}
        data-autofocus
        data-testid="forward-search"
      />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <ul className="picker-list" aria-label="Chats">
        {shown.map(({ chat, title }) => (
          <li key={chat.id}>
            <button
              type="button"
              className="picker-row"
              disabled={busyChatId !== null}
              onClick={() => forwardTo(chat)}
              data-testid="forward-target"
            >
              <Avatar id={chat.contactId} name={title} size="sm" isGroup={chat.isGroup} />
              <span className="picker-title">{title}</span>
              {busyChatId === chat.id && <span className="spinner spinner-sm" aria-label="Forwarding" />}
            </button>
          </li>
        ))}
        {shown.length === 0 && <li className="muted picker-empty">No chat matches “{query}”.</li>}
      </ul>
    </Dialog>
  );
}
