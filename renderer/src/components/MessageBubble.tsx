import { type CSSProperties, type KeyboardEvent, type MouseEvent, memo, useState } from 'react';
import type { Message } from '../../../shared/src/index.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { isJumboEmoji } from '../format/linkify.js';
import { formatTimeOfDay } from '../format/time.js';
import { hueOf } from './Avatar.js';
import { Icon } from './Icon.js';
import { MessageBody } from './MessageBody.js';
import { messageActionsFor } from './messages/messageActions.js';
import { MessageMenu } from './messages/MessageMenu.js';
import { type MessageCommands, useMessageCommands } from './messages/useMessageCommands.js';
import { QuotedBlock } from './QuotedBlock.js';
import { Reactions } from './Reactions.js';
import { StatusTicks } from './StatusTicks.js';

type MessageBubbleProps = {
  readonly message: Message;
  readonly isGroup: boolean;
  readonly contacts: ContactDirectory;
  readonly isFirstOfRun: boolean;
};

/** Bubbles without a frame: stickers and big emoji float on the wallpaper, like on the phone. */
function isFrameless(message: Message): boolean {
  return message.body.kind === 'media' && message.body.media.kind === 'sticker';
}

function isJumbo(message: Message): boolean {
  return message.body.kind === 'text' && !message.quoted && !message.isForwarded && isJumboEmoji(message.body.text);
}

type MenuState = { readonly x: number; readonly y: number; readonly isPicking: boolean; readonly openedAt: number };

/**
 * Memoized: a new message re-renders only its own bubble (and a neighbour whose run changed), as
 * long as the timeline keeps unchanged messages' identities (structural sharing in the live query).
 */
export const MessageBubble = memo(function MessageBubble({
  message,
  isGroup,
  contacts,
  isFirstOfRun,
}: MessageBubbleProps) {
  const [menu, setMenu] = useState<MenuState | null>(null);
  const senderName = message.isFromMe ? 'You' : contacts.nameOf(message.accountId, message.senderId, 'Unknown');
  const showSender = isGroup && !message.isFromMe && isFirstOfRun;
  const isDeleted = message.body.kind === 'deleted';
  const side = message.isFromMe ? 'out' : 'in';
  const classes = [
    'bubble',
    `bubble-${side}`,
    isFirstOfRun ? 'has-tail' : '',
    isFrameless(message) ? 'is-frameless' : '',
    isJumbo(message) ? 'is-jumbo-emoji' : '',
    message.status === 'failed' ? 'is-failed' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const commands = useMessageCommands(message, senderName);
  // Time-limited actions (edit, delete) are judged when the menu opens; the hover bar needs none of them.
  const actions = messageActionsFor(message, menu?.openedAt ?? message.timestamp);
  // The event's own clock (epoch ms), so rendering stays pure.
  const openMenuAt = (element: Element, at: number, isPicking = false) => {
    const rect = element.getBoundingClientRect();
    setMenu({
      x: message.isFromMe ? rect.right - 264 : rect.left,
      y: rect.bottom + 4,
      isPicking,
      openedAt: at,
    });
  };
  const onContextMenu = (event: MouseEvent) => {
    if (actions.length === 0) return;
    event.preventDefault();
    setMenu({ x: event.clientX, y: event.clientY, isPicking: false, openedAt: epochOf(event) });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget || actions.length === 0) return;
    const isMenuKey = event.key === 'ContextMenu' || event.key === 'Enter' || (event.shiftKey && event.key === 'F10');
    if (isMenuKey) {
      event.preventDefault();
      openMenuAt(event.currentTarget, epochOf(event));
    } else if (event.key === 'r' && actions.includes('reply')) {
      event.preventDefault();
      commands.reply();
    } else if (event.key === 'e' && actions.includes('edit')) {
      event.preventDefault();
      commands.edit();
    }
  };

  return (
    <div className={`message-row message-row-${side}${isFirstOfRun ? ' is-first' : ''}`}>
      <div
        className={classes}
        data-testid="message-bubble"
        data-message-id={message.id}
        data-kind={message.body.kind}
        aria-label={`${senderName}, ${formatTimeOfDay(message.timestamp)}`}
        role="article"
        tabIndex={0}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
      >
        {showSender && (
          <div className="bubble-sender" style={{ '--sender-hue': hueOf(message.senderId ?? '') } as CSSProperties}>
            {senderName}
          </div>
        )}
        {message.isForwarded && (
          <div className="bubble-forwarded">
            <Icon name="forward" size={14} /> Forwarded
          </div>
        )}
        {message.quoted && <QuotedBlock quoted={message.quoted} accountId={message.accountId} contacts={contacts} />}
        <MessageBody message={message} />
        <span className="bubble-meta">
          {message.editedAt !== null && !isDeleted && <span className="bubble-edited">Edited</span>}
          <time dateTime={new Date(message.timestamp).toISOString()}>{formatTimeOfDay(message.timestamp)}</time>
          {message.isFromMe && <StatusTicks status={message.status} />}
        </span>
        {actions.length > 0 && (
          <HoverActions
            canReact={actions.includes('react')}
            canReply={actions.includes('reply')}
            commands={commands}
            onOpen={(element, at, isPicking) => openMenuAt(element, at, isPicking)}
          />
        )}
      </div>
      {menu && (
        <MessageMenu
          actions={actions}
          commands={commands}
          position={menu}
          startWithPicker={menu.isPicking}
          onClose={() => setMenu(null)}
        />
      )}
      {message.status === 'failed' && <FailedSend message={message} onRetry={commands.retrySend} />}
      {message.reactions.length > 0 && (
        <Reactions reactions={message.reactions} accountId={message.accountId} contacts={contacts} />
      )}
    </div>
  );
});

function epochOf(event: { readonly timeStamp: number }): number {
  return Math.round(performance.timeOrigin + event.timeStamp);
}

/** Shown beside the bubble on hover or focus: react, reply, and the full menu. */
function HoverActions({
  canReact,
  canReply,
  commands,
  onOpen,
}: {
  readonly canReact: boolean;
  readonly canReply: boolean;
  readonly commands: MessageCommands;
  readonly onOpen: (element: Element, at: number, isPicking: boolean) => void;
}) {
  return (
    <div className="bubble-actions">
      {canReact && (
        <button
          type="button"
          className="icon-button"
          aria-label="React"
          title="React"
          onClick={(event) => onOpen(event.currentTarget, epochOf(event), true)}
        >
          <Icon name="emoji" size={18} />
        </button>
      )}
      {canReply && (
        <button type="button" className="icon-button" aria-label="Reply" title="Reply" onClick={commands.reply}>
          <Icon name="reply" size={18} />
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="More message actions"
        aria-haspopup="menu"
        title="More"
        onClick={(event) => onOpen(event.currentTarget, epochOf(event), false)}
        data-testid="message-actions"
      >
        <Icon name="chevronDown" size={18} />
      </button>
    </div>
  );
}

function FailedSend({ message, onRetry }: { readonly message: Message; readonly onRetry: () => void }) {
  return (
    <div className="failed-send" role="alert">
      <Icon name="alert" size={14} /> Not sent{message.failure ? ` — ${message.failure}` : ''}.
      <button type="button" className="link-button" onClick={onRetry} data-testid="retry-send">
        Retry
      </button>
    </div>
  );
}
