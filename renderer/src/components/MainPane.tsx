import { useState } from 'react';
import { useSession } from '../state/sessionStore.js';
import { chatKey, useUi } from '../state/uiStore.js';
import { AddAccountDialog } from './AddAccountDialog.js';
import { Conversation } from './Conversation.js';
import { Icon } from './Icon.js';
import { PairingView } from './PairingView.js';

/** Right side: the open conversation, the pairing/connection view of an account, or a welcome. */
export function MainPane() {
  const selected = useUi((state) => state.selectedChat);
  const filter = useUi((state) => state.accountFilter);
  const connection = useSession((state) => (filter === 'all' ? undefined : state.connections[filter]));
  const hasAccounts = useSession((state) => state.accounts.length > 0);
  const [isAdding, setAdding] = useState(false);
  if (selected) return <Conversation key={chatKey(selected)} chatRef={selected} />;
  if (filter !== 'all' && connection?.kind !== 'open') return <PairingView accountId={filter} />;
  return (
    <main className="main-pane main-empty" data-testid="no-chat-selected">
      <div className="welcome">
        <div className="welcome-icon">
          <Icon name="chats" size={56} />
        </div>
        <h2>WA Inbox</h2>
        {hasAccounts ? (
          <p className="muted">Pick a chat to start reading. All your WhatsApp accounts, in one window.</p>
        ) : (
          <>
            <p className="muted">Link your first WhatsApp account to get started. You can add more later.</p>
            <button
              type="button"
              className="button button-primary button-large"
              onClick={() => setAdding(true)}
              data-testid="add-first-account"
            >
              Add account
            </button>
            {isAdding && <AddAccountDialog onClose={() => setAdding(false)} />}
          </>
        )}
        <p className="muted welcome-keys">
          <kbd>Ctrl</kbd> <kbd>K</kbd> search · <kbd>Alt</kbd> <kbd>N</kbd> new chat · <kbd>?</kbd> all shortcuts
        </p>
        <p className="welcome-lock muted">
          <Icon name="lock" size={14} /> Your messages are end-to-end encrypted and stay on this computer.
        </p>
      </div>
    </main>
  );
}
