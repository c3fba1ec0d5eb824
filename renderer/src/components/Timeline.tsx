import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Chat, Message } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { useTimelineMessages } from '../features/useTimelineMessages.js';
import { describeArchiveReach } from '../format/archiveReach.js';
import { formatDaySeparator, isSameDay } from '../format/time.js';
import { MessageBubble } from './MessageBubble.js';

const LOAD_OLDER_THRESHOLD_PX = 400;
const STICK_TO_BOTTOM_PX = 120;

type Row =
  | { readonly kind: 'day'; readonly key: string; readonly label: string }
  | { readonly kind: 'message'; readonly key: string; readonly message: Message; readonly isFirstOfRun: boolean };

/** Day separators between days; a "run" is consecutive messages from one sender (tail + name once). */
export function buildRows(messages: readonly Message[], now = Date.now()): Row[] {
  const rows: Row[] = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const isNewDay = !previous || !isSameDay(previous.timestamp, message.timestamp);
    if (isNewDay)
      rows.push({ kind: 'day', key: `day-${message.timestamp}`, label: formatDaySeparator(message.timestamp, now) });
    const isFirstOfRun = isNewDay || previous?.isFromMe !== message.isFromMe || previous.senderId !== message.senderId;
    rows.push({ kind: 'message', key: message.id, message, isFirstOfRun });
    previous = message;
  }
  return rows;
}

/**
 * Virtualized, anchored at the bottom. Scrolling near the top loads an older page from main; the
 * distance from the bottom is kept across the prepend so the reader's place does not jump.
 */
export function Timeline({ chat, contacts }: { readonly chat: Chat; readonly contacts: ContactDirectory }) {
  const { messages, isLoadingOlder, hasMoreLocal, loadOlder } = useTimelineMessages({
    accountId: chat.accountId,
    chatId: chat.id,
  });
  const rows = buildRows(messages);
  const scrollRef = useRef<HTMLDivElement>(null);
  const spacerRef = useRef<HTMLDivElement>(null);
  const lastScrollTop = useRef(0);
  const anchor = useRef<{
    firstKey: string | undefined;
    lastKey: string | undefined;
    fromBottom: number;
    isAtBottom: boolean;
  }>({
    firstKey: undefined,
    lastKey: undefined,
    fromBottom: 0,
    isAtBottom: true,
  });
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is used as documented; this component is not memoized by the compiler
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'day' ? 44 : 64),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 10,
    paddingStart: 12,
    paddingEnd: 12,
  });

  // After rows change: prepend keeps distance from bottom, append sticks to bottom if we were there.
  const firstKey = rows[0]?.key;
  const lastKey = rows[rows.length - 1]?.key;
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || rows.length === 0) return;
    const before = anchor.current;
    const last = rows[rows.length - 1];
    const isOwnNewMessage = before.lastKey !== lastKey && last?.kind === 'message' && last.message.isFromMe;
    if (before.firstKey === undefined || before.isAtBottom || isOwnNewMessage) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    } else if (before.firstKey !== firstKey && before.lastKey === lastKey) {
      element.scrollTop = virtualizer.getTotalSize() - element.clientHeight - before.fromBottom;
    }
    anchor.current = { ...anchor.current, firstKey, lastKey };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the edges of the list move
  }, [firstKey, lastKey]);

  // The composer growing (reply chip, edit chip, long draft) shrinks the timeline, and new rows
  // grow the content once they are measured (estimates are 64 px): a reader at the bottom stays
  // at the bottom through both.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => {
      if (anchor.current.isAtBottom) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    if (spacerRef.current) observer.observe(spacerRef.current);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const fromBottom = element.scrollHeight - element.scrollTop - element.clientHeight;
    // Only the reader scrolling up lets go of the bottom. Content growing underneath (a burst of
    // messages being measured) also moves fromBottom, and used to drop the reader there for good.
    const isScrollingUp = element.scrollTop < lastScrollTop.current;
    lastScrollTop.current = element.scrollTop;
    const isAtBottom = fromBottom < STICK_TO_BOTTOM_PX || (anchor.current.isAtBottom && !isScrollingUp);
    anchor.current = { ...anchor.current, fromBottom, isAtBottom };
    // At the bottom, the ResizeObserver pins the view; the virtualizer's own correction for rows
    // measured above the fold (smaller than estimated) would scroll up and let go of the bottom.
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = isAtBottom ? () => false : undefined;
    if (element.scrollTop < LOAD_OLDER_THRESHOLD_PX) loadOlder();
  };

  return (
    <div
      className="timeline"
      ref={scrollRef}
      onScroll={onScroll}
      role="log"
      aria-label="Messages"
      data-testid="timeline"
    >
      <div className="timeline-top">
        {isLoadingOlder && <span className="spinner spinner-sm" aria-label="Loading older messages" />}
        {!hasMoreLocal && !isLoadingOlder && (
          <div className="archive-reach" data-testid="archive-reach">
            <span className="archive-reach-date">
              {describeArchiveReach({
                ...chat,
                // Pages fetched from main may reach further back than the chat row last said.
                oldestMessageAt: Math.min(chat.oldestMessageAt ?? Infinity, messages[0]?.timestamp ?? Infinity),
              })}
            </span>
            {chat.isHistoryExhausted ? (
              <span className="muted">No older messages on your phone</span>
            ) : (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => drop(call('history.requestOlder', { accountId: chat.accountId, chatId: chat.id }))}
                data-testid="load-older-from-phone"
              >
                Load older from phone
              </button>
            )}
          </div>
        )}
      </div>
      <div className="virtual-spacer" ref={spacerRef} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="virtual-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'day' ? (
                <div className="day-separator" role="separator">
                  <span>{row.label}</span>
                </div>
              ) : (
                <MessageBubble
                  message={row.message}
                  isGroup={chat.isGroup}
                  contacts={contacts}
                  isFirstOfRun={row.isFirstOfRun}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
