import type { Chat, Message } from '../../../../shared/src/index.js';
import type { ChatRef } from '../../state/uiStore.js';

/** Messages older than this when they arrive are history catching up, not news. */
export const NOTIFY_MAX_AGE_MS = 2 * 60_000;

export type NotifyContext = {
  readonly now: number;
  readonly openChat: ChatRef | null;
  readonly isWindowFocused: boolean;
};

/**
 * A desktop notification is due for a new incoming message, unless it is mine, old (history),
 * in a muted chat, or in the chat the user is looking at right now.
 */
export function shouldNotify(message: Message, chat: Chat | undefined, context: NotifyContext): boolean {
  if (message.isFromMe || message.status !== 'received') return false;
  if (message.body.kind === 'deleted') return false;
  if (context.now - message.timestamp > NOTIFY_MAX_AGE_MS) return false;
  if (chat?.mutedUntil !== null && chat?.mutedUntil !== undefined && chat.mutedUntil > context.now) return false;
  const isOpen = context.openChat?.accountId === message.accountId && context.openChat.chatId === message.chatId;
  return !(isOpen && context.isWindowFocused);
}

/** "(3) WA Inbox": the unread count first, so it survives a narrow taskbar. */
export function titleWithUnread(base: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${base}` : base;
}
