import type { CSSProperties, MouseEvent } from 'react';
import { memo, useState } from 'react';
import type { Chat } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { formatChatTime } from '../format/time.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { Avatar, hueOf } from './Avatar.js';
import { ChatActionsMenu } from './ChatActionsMenu.js';
import { chatTitle } from './chatTitle.js';
import { Icon, type IconName } from './Icon.js';

const KIND_ICONS: Readonly<Record<string, IconName>> = {
  image: 'camera',
  video: 'video',
  voice: 'mic',
  audio: 'headphones',
  document: 'document',
  sticker: 'sticker',
  location: 'location',
  contactCard: 'contact',
  poll: 'poll',
};

type ChatRowProps = {
  readonly chat: Chat;
  readonly contacts: ContactDirectory;
  readonly isSelected: boolean;
  readonly showAccount: boolean;
  readonly now: number;
};

/** Memoized: a new message re-renders only its chat's row (the list keeps unchanged chats' identities). */
export const ChatRow = memo(function ChatRow({ chat, contacts, isSelected, showAccount, now }: ChatRowProps) {
  const selectChat = useUi((state) => state.selectChat);
  const draft = useUi((state) => state.drafts[`${chat.accountId}/${chat.id}`]);
  const accountLabel = useSession(
    (state) => state.accounts.find((account) => account.id === chat.accountId)?.label ?? '',
  );
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const title = chatTitle(chat, contacts);
  const isMuted = chat.mutedUntil !== null && chat.mutedUntil > now;
  const hasUnread = chat.unreadCount > 0 || chat.isMarkedUnread;
  const preview = chat.preview;
  const senderName =
    preview && chat.isGroup && !preview.isFromMe
      ? contacts.nameOf(chat.accountId, preview.senderId, '').split(' ')[0]
      : null;
  const kindIcon = preview ? KIND_ICONS[preview.kind] : undefined;

  const openMenu = (event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setMenuAt({ x: event.clientX, y: event.clientY });
  };

  return (
    <div
      className={`chat-row${isSelected ? ' is-selected' : ''}${hasUnread ? ' has-unread' : ''}`}
      role="option"
      aria-selected={isSelected}
      aria-label={`${title}${hasUnread ? `, ${chat.unreadCount || ''} unread` : ''}`}
      tabIndex={0}
      onClick={() => selectChat({ accountId: chat.accountId, chatId: chat.id })}
      onKeyDown={(event) => {
        if (event.key === 'Enter') selectChat({ accountId: chat.accountId, chatId: chat.id });
      }}
      onContextMenu={openMenu}
      data-testid="chat-row"
      data-chat-id={chat.id}
    >
      <Avatar id={chat.contactId} name={title} isGroup={chat.isGroup} />
      <div className="chat-row-main">
        <div className="chat-row-top">
          <span className="chat-row-title">{title}</span>
          {showAccount && (
            <span
              className="account-chip"
              style={{ '--chip-hue': hueOf(chat.accountId) } as CSSProperties}
              data-testid="account-chip"
            >
              {accountLabel}
            </span>
          )}
          <span className="chat-row-time">{chat.lastMessageAt ? formatChatTime(chat.lastMessageAt, now) : ''}</span>
        </div>
        <div className="chat-row-bottom">
          <span className="chat-row-preview">
            {draft ? (
              <>
                <span className="draft-label">Draft:</span> {draft}
              </>
            ) : preview ? (
              <>
                {preview.isFromMe && <span className="preview-sender">You: </span>}
                {senderName && <span className="preview-sender">{senderName}: </span>}
                {kindIcon && <Icon name={kindIcon} size={16} className="preview-icon" />}
                {preview.kind === 'deleted' ? <em>{preview.text}</em> : preview.text}
              </>
            ) : null}
          </span>
          <span className="chat-row-markers">
            {isMuted && <Icon name="mute" size={16} className="marker" />}
            {chat.pinnedAt !== null && <Icon name="pin" size={16} className="marker" />}
            {hasUnread && (
              <span className={`unread-badge${isMuted ? ' is-muted' : ''}`} aria-label={`${chat.unreadCount} unread`}>
                {chat.unreadCount > 0 ? chat.unreadCount : ''}
              </span>
            )}
            <button
              type="button"
              className="icon-button chat-row-menu-button"
              aria-label={`Actions for ${title}`}
              onClick={openMenu}
            >
              <Icon name="chevronDown" size={18} />
            </button>
          </span>
        </div>
      </div>
      {menuAt && <ChatActionsMenu chat={chat} now={now} position={menuAt} onClose={() => setMenuAt(null)} />}
    </div>
  );
});
