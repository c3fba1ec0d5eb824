import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Chat } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { useUi } from '../state/uiStore.js';
import { ChatRow } from './ChatRow.js';
import { CHAT_STEP_EVENT } from './useKeyboardShortcuts.js';
import { useNow } from './useNow.js';

const ROW_HEIGHT_PX = 72;
const MINUTE_MS = 60_000;

type ChatListProps = {
  readonly chats: readonly Chat[];
  readonly contacts: ContactDirectory;
  readonly isLoading: boolean;
  readonly showAccount: boolean;
  /** Why the list is empty, when there is a better reason than "no chats yet". */
  readonly emptyHint?: string;
};

/** Virtualized chat list; also answers Alt+↑/↓ since only it knows the visible order. */
export function ChatList({ chats, contacts, isLoading, showAccount, emptyHint }: ChatListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useUi((state) => state.selectedChat);
  const selectChat = useUi((state) => state.selectChat);
  const now = useNow(MINUTE_MS);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented; this component is not memoized by the compiler
  const virtualizer = useVirtualizer({
    count: chats.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    getItemKey: (index) => {
      const chat = chats[index];
      return chat ? `${chat.accountId}/${chat.id}` : index;
    },
  });

  const selectedIndex = selected
    ? chats.findIndex((chat) => chat.accountId === selected.accountId && chat.id === selected.chatId)
    : -1;
  useEffect(() => {
    const onStep = (event: Event) => {
      const step = (event as CustomEvent<number>).detail;
      const next = chats[Math.min(chats.length - 1, Math.max(0, selectedIndex + step))];
      if (!next) return;
      selectChat({ accountId: next.accountId, chatId: next.id });
      virtualizer.scrollToIndex(chats.indexOf(next), { align: 'auto' });
    };
    window.addEventListener(CHAT_STEP_EVENT, onStep);
    return () => window.removeEventListener(CHAT_STEP_EVENT, onStep);
  }, [chats, selectedIndex, selectChat, virtualizer]);

  if (!isLoading && chats.length === 0) {
    return (
      <div className="chatlist-empty muted">
        <p>No chats here yet.</p>
        <p>{emptyHint ?? 'Chats appear as soon as your phone sends its history.'}</p>
      </div>
    );
  }

  return (
    <div className="chatlist-scroll" ref={scrollRef} role="listbox" aria-label="Chat list" data-testid="chat-list">
      <div className="virtual-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const chat = chats[item.index];
          if (!chat) return null;
          return (
            <div
              key={item.key}
              className="virtual-row"
              style={{ transform: `translateY(${item.start}px)`, height: item.size }}
            >
              <ChatRow
                chat={chat}
                contacts={contacts}
                isSelected={item.index === selectedIndex}
                showAccount={showAccount}
                now={now}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
