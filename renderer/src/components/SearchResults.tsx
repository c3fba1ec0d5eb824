import type { Message } from '../../../shared/src/index.js';
import { useChatList } from '../features/useChatList.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { useMessageSearch } from '../features/useMessageSearch.js';
import { formatChatTime } from '../format/time.js';
import { useUi } from '../state/uiStore.js';
import { Avatar } from './Avatar.js';
import { chatTitle } from './chatTitle.js';
import { messageSummary } from './messageSummary.js';

/** Chats whose name matches (from the cache) and messages whose text matches (from main). */
export function SearchResults({ query, contacts }: { readonly query: string; readonly contacts: ContactDirectory }) {
  const filter = useUi((state) => state.accountFilter);
  const selectChat = useUi((state) => state.selectChat);
  const active = useChatList(filter, false).chats;
  const archived = useChatList(filter, true).chats;
  const needle = query.toLocaleLowerCase();
  const chatHits = [...active, ...archived].filter((chat) =>
    chatTitle(chat, contacts).toLocaleLowerCase().includes(needle),
  );
  const { results, isSearching } = useMessageSearch(query, filter);
  const chatOf = (message: Message) =>
    [...active, ...archived].find((chat) => chat.accountId === message.accountId && chat.id === message.chatId);

  return (
    <div className="search-results" data-testid="search-results">
      <h2 className="section-title">Chats</h2>
      {chatHits.length === 0 && <p className="muted search-empty">No chats named “{query}”.</p>}
      {chatHits.map((chat) => {
        const title = chatTitle(chat, contacts);
        return (
          <button
            key={`${chat.accountId}/${chat.id}`}
            type="button"
            className="search-hit"
            onClick={() => selectChat({ accountId: chat.accountId, chatId: chat.id })}
            data-testid="search-chat-hit"
          >
            <Avatar id={chat.contactId} name={title} isGroup={chat.isGroup} size="sm" />
            <span className="search-hit-title">{title}</span>
          </button>
        );
      })}
      <h2 className="section-title">Messages</h2>
      {isSearching && <p className="muted search-empty">Searching…</p>}
      {!isSearching && results.length === 0 && <p className="muted search-empty">No messages contain “{query}”.</p>}
      {results.map((message) => {
        const chat = chatOf(message);
        const title = chat ? chatTitle(chat, contacts) : 'Chat';
        return (
          <button
            key={`${message.accountId}/${message.id}`}
            type="button"
            className="search-hit search-hit-message"
            onClick={() => selectChat({ accountId: message.accountId, chatId: message.chatId })}
            data-testid="search-message-hit"
          >
            <span className="search-hit-top">
              <span className="search-hit-title">{title}</span>
              <span className="chat-row-time">{formatChatTime(message.timestamp)}</span>
            </span>
            <span className="search-hit-text">
              <Highlighted text={messageSummary(message)} needle={needle} />
            </span>
          </button>
        );
      })}
    </div>
  );
}

function Highlighted({ text, needle }: { readonly text: string; readonly needle: string }) {
  const index = text.toLocaleLowerCase().indexOf(needle);
  if (index < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, index)}
      <mark>{text.slice(index, index + needle.length)}</mark>
      {text.slice(index + needle.length)}
    </>
  );
}
