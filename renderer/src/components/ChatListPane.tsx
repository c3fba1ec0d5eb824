import { useState } from 'react';
import { useChatList } from '../features/useChatList.js';
import { useContacts } from '../features/useContacts.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { AccountSubtitle } from './AccountHeading.js';
import { AccountMenu } from './AccountMenu.js';
import { ChatList } from './ChatList.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { Icon } from './Icon.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';
import { SyncBanner } from './SyncBanner.js';

/** The middle column: title, search, banners, then the chat list (or search results). */
export function ChatListPane() {
  const filter = useUi((state) => state.accountFilter);
  const isShowingArchived = useUi((state) => state.isShowingArchived);
  const setShowingArchived = useUi((state) => state.setShowingArchived);
  const query = useUi((state) => state.searchQuery.trim());
  const hasOpenChat = useUi((state) => state.selectedChat !== null);
  const accounts = useSession((state) => state.accounts);
  const isUnpaired = useSession(
    (state) => filter !== 'all' && state.accounts.find((account) => account.id === filter)?.phoneNumber === null,
  );
  const { chats, archivedCount, isLoading } = useChatList(filter, isShowingArchived);
  const contacts = useContacts(filter);
  const visibleAccounts = filter === 'all' ? accounts : accounts.filter((account) => account.id === filter);
  const openOverlay = useUi((state) => state.openOverlay);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const title = filter === 'all' ? 'All chats' : (accounts.find((account) => account.id === filter)?.label ?? 'Chats');

  return (
    <section className="chatlist-pane" aria-label="Chats">
      <header className="pane-header chatlist-header">
        {isShowingArchived ? (
          <button
            type="button"
            className="icon-button"
            aria-label="Back to chats"
            onClick={() => setShowingArchived(false)}
          >
            <Icon name="back" />
          </button>
        ) : null}
        <div className="pane-heading">
          <h1 className="pane-title">{isShowingArchived ? 'Archived' : title}</h1>
          {!isShowingArchived && <AccountSubtitle filter={filter} />}
        </div>
        <div className="pane-header-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="New chat (Alt+N)"
            title="New chat (Alt+N)"
            onClick={() => openOverlay({ kind: 'newChat' })}
            data-testid="new-chat"
          >
            <Icon name="newChat" />
          </button>
          {filter !== 'all' && (
            <button
              type="button"
              className="icon-button"
              aria-label="Account menu"
              aria-haspopup="menu"
              title="Account menu"
              onClick={(event) => {
                const rect = event.currentTarget.getBoundingClientRect();
                setMenuAt({ x: rect.right - 240, y: rect.bottom + 4 });
              }}
              data-testid="account-menu-button"
            >
              <Icon name="more" />
            </button>
          )}
        </div>
        {menuAt && filter !== 'all' && (
          <AccountMenu accountId={filter} position={menuAt} onClose={() => setMenuAt(null)} />
        )}
      </header>
      <SearchBox />
      {(filter === 'all' || hasOpenChat) &&
        visibleAccounts.map((account) => (
          <ConnectionBanner key={account.id} accountId={account.id} isCompact={filter === 'all'} />
        ))}
      {visibleAccounts.map((account) => (
        <SyncBanner key={account.id} accountId={account.id} showLabel={filter === 'all'} />
      ))}
      {query ? (
        <SearchResults query={query} contacts={contacts} />
      ) : (
        <>
          {!isShowingArchived && archivedCount > 0 && (
            <button
              type="button"
              className="archived-row"
              onClick={() => setShowingArchived(true)}
              data-testid="archived-row"
            >
              <Icon name="archive" />
              <span>Archived</span>
              <span className="archived-count">{archivedCount}</span>
            </button>
          )}
          <ChatList
            chats={chats}
            contacts={contacts}
            isLoading={isLoading}
            showAccount={filter === 'all' && accounts.length > 1}
            emptyHint={isUnpaired ? 'Link this account with your phone to see its chats.' : undefined}
          />
        </>
      )}
    </section>
  );
}
