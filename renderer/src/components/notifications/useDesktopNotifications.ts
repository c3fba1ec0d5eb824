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
    // Read once and on change, not per batch: in Chromium the getter is a synchronous round trip to
    // the browser process, and it showed up in every live batch's profile (bench "live latency").
    let isGranted = Notification.permission === 'granted';
    const readPermission = () => {
      isGranted = Notification.permission === 'granted';
    };
    let permissionStatus: PermissionStatus | undefined;
    if ('permissions' in navigator) {
      drop(
        navigator.permissions.query({ name: 'notifications' }).then((status) => {
          permissionStatus = status;
          status.addEventListener('change', readPermission);
        }),
      );
    }
    const askOnce = () => {
      window.removeEventListener('pointerdown', askOnce);
      window.removeEventListener('keydown', askOnce);
      if (Notification.permission === 'default') drop(Notification.requestPermission().then(readPermission));
    };
    window.addEventListener('pointerdown', askOnce);
    window.addEventListener('keydown', askOnce);
    const notified = new Set<string>();
    const unsubscribe = getBridge().subscribe((batches) => {
      if (!isGranted) return;
      for (const message of incomingOf(batches)) {
        const key = `${message.accountId}/${message.id}`;
        if (notified.has(key)) continue;
        notified.add(key);
        drop(notify(message));
      }
    });
    return () => {
      permissionStatus?.removeEventListener('change', readPermission);
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
