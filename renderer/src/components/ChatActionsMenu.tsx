import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Chat, ChatAction } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useSession } from '../state/sessionStore.js';
import { Icon, type IconName } from './Icon.js';
import { useEscapeLayer } from './dialog/useEscapeLayer.js';

const MUTE_8_HOURS_MS = 8 * 3_600_000;
const MENU_WIDTH_PX = 220;
const MENU_HEIGHT_PX = 190;

/** Pin, archive, mute, mark unread/read → `chats.modify`; the outcome arrives as chats.upserted. */
export function ChatActionsMenu({
  chat,
  now,
  position,
  onClose,
}: {
  readonly chat: Chat;
  readonly now: number;
  readonly position: { x: number; y: number };
  readonly onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const pushNotice = useSession((state) => state.pushNotice);
  useEscapeLayer(onClose);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    ref.current?.querySelector('button')?.focus();
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const isMuted = chat.mutedUntil !== null && chat.mutedUntil > now;
  const hasUnread = chat.unreadCount > 0 || chat.isMarkedUnread;
  const items: { label: string; icon: IconName; action: () => ChatAction }[] = [
    {
      label: chat.pinnedAt !== null ? 'Unpin chat' : 'Pin chat',
      icon: 'pin',
      action: () => ({ type: 'pin', value: chat.pinnedAt === null }),
    },
    {
      label: chat.isArchived ? 'Unarchive chat' : 'Archive chat',
      icon: 'archive',
      action: () => ({ type: 'archive', value: !chat.isArchived }),
    },
    {
      label: isMuted ? 'Unmute' : 'Mute for 8 hours',
      icon: 'mute',
      action: () => ({ type: 'mute', untilMs: isMuted ? null : Date.now() + MUTE_8_HOURS_MS }),
    },
    {
      label: hasUnread ? 'Mark as read' : 'Mark as unread',
      icon: 'unread',
      action: () => (hasUnread ? { type: 'markRead' } : { type: 'markUnread' }),
    },
  ];
  const run = (action: ChatAction) => {
    onClose();
    drop(
      call('chats.modify', { accountId: chat.accountId, chatId: chat.id, action }).then((result) => {
        if (!result.ok) pushNotice(`The chat could not be changed: ${result.error.message}`);
      }),
    );
  };
  const left = Math.min(position.x, window.innerWidth - MENU_WIDTH_PX - 8);
  const top = Math.min(position.y, window.innerHeight - MENU_HEIGHT_PX - 8);

  return createPortal(
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label="Chat actions"
      style={{ left, top }}
      onClick={(event) => event.stopPropagation()}
      data-testid="chat-actions-menu"
    >
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" className="menu-item" onClick={() => run(item.action())}>
          <Icon name={item.icon} size={18} />
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
