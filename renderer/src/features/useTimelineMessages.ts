import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '../../../shared/src/index.js';
import { compareMessageOrder } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { cacheDb } from '../cache/cacheDb.js';
import { chatMessages, RECENT_WINDOW_PER_CHAT } from '../cache/db.js';
import type { ChatRef } from '../state/uiStore.js';
import { createStructuralSharer } from '../util/structuralSharer.js';

export const OLDER_PAGE_SIZE = 50;

export type TimelineData = {
  readonly messages: readonly Message[];
  readonly isLoadingOlder: boolean;
  /** main holds nothing older locally; the phone may still have more (history.requestOlder). */
  readonly hasMoreLocal: boolean;
  readonly loadOlder: () => void;
};

/**
 * The recent window (live, from Dexie) plus older pages fetched from main on scroll-up.
 * Older pages are held only here, never written to the cache.
 */
export function useTimelineMessages(ref: ChatRef): TimelineData {
  // Unchanged messages keep their identity across re-runs, so memoized bubbles skip rendering.
  const share = useMemo(
    () => createStructuralSharer<Message>((message) => message.id),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one sharer per chat
    [ref.accountId, ref.chatId],
  );
  const recent = useLiveQuery(
    async () => share(await chatMessages(cacheDb, ref.accountId, ref.chatId).toArray()),
    [ref.accountId, ref.chatId, share],
  );
  const [older, setOlder] = useState<readonly Message[]>([]);
  const [isLoadingOlder, setLoadingOlder] = useState(false);
  const [hasMoreLocal, setHasMoreLocal] = useState(true);
  const isLoadingRef = useRef(false);

  const messages = useMemo(() => mergeById(older, recent ?? []), [older, recent]);

  const fetchOlderPage = useCallback(
    async (oldest: Message) => {
      const result = await call('messages.page', {
        ...ref,
        beforeTimestamp: oldest.timestamp,
        // 0 marks a row cached before orderKey existed: its real key is unknown, so ask by time only.
        beforeOrderKey: oldest.orderKey > 0 ? oldest.orderKey : null,
        limit: OLDER_PAGE_SIZE,
      });
      if (!result.ok) return;
      setHasMoreLocal(result.value.hasMoreLocal);
      setOlder((current) => mergeById(result.value.messages, current));
    },
    [ref],
  );

  // A chat opened with an empty window (fresh cache, or after cache.reset) fills it from main.
  const isWindowEmpty = recent !== undefined && recent.length === 0;
  useEffect(() => {
    if (isWindowEmpty) drop(fillRecentWindow(ref));
  }, [isWindowEmpty, ref]);

  const oldest = messages[0];
  const loadOlder = useCallback(() => {
    if (isLoadingRef.current || !hasMoreLocal || oldest === undefined) return;
    isLoadingRef.current = true;
    setLoadingOlder(true);
    drop(
      fetchOlderPage(oldest).finally(() => {
        isLoadingRef.current = false;
        setLoadingOlder(false);
      }),
    );
  }, [fetchOlderPage, hasMoreLocal, oldest]);

  return { messages, isLoadingOlder, hasMoreLocal, loadOlder };
}

/** The newest page belongs to the recent window, so it goes into the cache (live query picks it up). */
async function fillRecentWindow(ref: ChatRef): Promise<void> {
  const result = await call('messages.page', { ...ref, beforeTimestamp: null, limit: OLDER_PAGE_SIZE });
  if (result.ok) await cacheDb.messages.bulkPut(result.value.messages.slice(-RECENT_WINDOW_PER_CHAT));
}

/** Union by id (b wins), in timeline order. */
export function mergeById(a: readonly Message[], b: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of a) byId.set(message.id, message);
  for (const message of b) byId.set(message.id, message);
  return [...byId.values()].sort(compareMessageOrder);
}
