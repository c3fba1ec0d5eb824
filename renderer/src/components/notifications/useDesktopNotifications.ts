import { useEffect } from 'react';
import type { EventBatch, Message } from '../../../../shared/src/index.js';
import { getBridge } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { cacheDb } from '../../cache/cacheDb.js';
import { bestName } from '../../names/bestName.js';
import { useUi } from '../../state/uiStore.js';
import { messageSummary } from '../messageSummary.js';
import { shouldNotify } from './shouldNotify.js';

const MAX_BODY_CHARS = 160;

/**
 * Desktop notifications for new incoming messages, from live event batches (never catch-up, so a
 * reload does not replay old news). Permission is asked on the first click or key press, since
 * browsers ignore requests made without a user gesture.
 */
export function useDesktopNotifications(): void {
  useEffect(() => {
    if (!('Notification' in window)) return undefined;
    const askOnce = () => {
      window.removeEventListener('pointerdown', askOnce);
      window.removeEventListener('keydown', askOnce);
      if (Notification.permission === 'default') drop(Notification.requestPermission());
    };
    window.addEventListener('pointerdown', askOnce);
    window.addEventListener('keydown', askOnce);
    const notified = new Set<string>();
    const unsubscribe = getBridge().subscribe((batches) => {
      if (Notification.permission !== 'granted') return;
      for (const message of incomingOf(batches)) {
        const key = `${message.accountId}/${message.id}`;
        if (notified.has(key)) continue;
        notified.add(key);
        drop(notify(message));
      }
    });
    return () => {
      unsubscribe();
      window.removeEventListener('pointerdown', askOnce);
      window.removeEventListener('keydown', askOnce);
    };
  }, []);
}

function incomingOf(batches: readonly EventBatch[]): Message[] {
  return batches.flatMap((batch) =>
    batch.events.flatMap((event) => (event.type === 'messages.upserted' ? event.messages : [])),
  );
}

async function notify(message: Message): Promise<void> {
  const chat = await cacheDb.chats.get([message.accountId, message.chatId]);
  const ui = useUi.getState();
  const context = { now: Date.now(), openChat: ui.selectedChat, isWindowFocused: document.hasFocus() };
  if (!shouldNotify(message, chat, context)) return;
  const sender = message.senderId ? await cacheDb.contacts.get([message.accountId, message.senderId]) : undefined;
  const senderName = bestName(sender, 'Someone');
  const title = chat?.isGroup ? `${senderName} · ${chat.subject?.trim() || 'Group'}` : senderName;
  const notification = new Notification(title, {
    body: messageSummary(message).slice(0, MAX_BODY_CHARS),
    tag: `${message.accountId}/${message.chatId}`,
  });
  notification.onclick = () => {
    window.focus();
    const state = useUi.getState();
    if (state.accountFilter !== 'all' && state.accountFilter !== message.accountId)
      state.selectAccount(message.accountId);
    useUi.getState().selectChat({ accountId: message.accountId, chatId: message.chatId });
    notification.close();
  };
}
