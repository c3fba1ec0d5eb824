import { useUi } from '../state/uiStore.js';
import { Icon } from './Icon.js';
import { SEARCH_INPUT_ID } from './useKeyboardShortcuts.js';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

export function SearchBox() {
  const query = useUi((state) => state.searchQuery);
  const setQuery = useUi((state) => state.setSearchQuery);
  return (
    <div className="search-box">
      <Icon name="search" size={18} className="search-icon" />
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="search-input"
        placeholder={`Search chats and messages (${IS_MAC ? '⌘' : 'Ctrl+'}K)`}
        aria-label="Search chats and messages"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="chat-search"
      />
      {query && (
        <button
          type="button"
          className="icon-button search-clear"
          aria-label="Clear search"
          onClick={() => setQuery('')}
        >
          <Icon name="close" size={16} />
        </button>
      )}
    </div>
  );
}
