import type { CSSProperties } from 'react';
import type { Chat, Message } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import type { ContactDirectory } from '../features/useContacts.js';
import { isJumboEmoji } from '../format/linkify.js';
import { formatTimeOfDay } from '../format/time.js';
import { useUi } from '../state/uiStore.js';
import { hueOf } from './Avatar.js';
import { Icon } from './Icon.js';
import { MessageBody } from './MessageBody.js';
import { messageSummary } from './messageSummary.js';
import { QuotedBlock } from './QuotedBlock.js';
import { Reactions } from './Reactions.js';
import { StatusTicks } from './StatusTicks.js';

type MessageBubbleProps = {
  readonly message: Message;
  readonly chat: Chat;
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

export function MessageBubble({ message, chat, contacts, isFirstOfRun }: MessageBubbleProps) {
  const setReplyTo = useUi((state) => state.setReplyTo);
  const senderName = message.isFromMe ? 'You' : contacts.nameOf(message.accountId, message.senderId, 'Unknown');
  const showSender = chat.isGroup && !message.isFromMe && isFirstOfRun;
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

  const reply = () =>
    setReplyTo({
      accountId: message.accountId,
      chatId: message.chatId,
      messageId: message.id,
      senderLabel: senderName,
      preview: messageSummary(message),
    });

  return (
    <div className={`message-row message-row-${side}${isFirstOfRun ? ' is-first' : ''}`}>
      <div
        className={classes}
        data-testid="message-bubble"
        data-message-id={message.id}
        data-kind={message.body.kind}
        aria-label={`${senderName}, ${formatTimeOfDay(message.timestamp)}`}
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
        {!isDeleted && (
          <button type="button" className="bubble-action icon-button" aria-label="Reply" title="Reply" onClick={reply}>
            <Icon name="reply" size={16} />
          </button>
        )}
      </div>
      {message.status === 'failed' && <FailedSend message={message} />}
      {message.reactions.length > 0 && (
        <Reactions reactions={message.reactions} accountId={message.accountId} contacts={contacts} />
      )}
    </div>
  );
}

function FailedSend({ message }: { readonly message: Message }) {
  return (
    <div className="failed-send" role="alert">
      <Icon name="alert" size={14} /> Not sent{message.failure ? ` — ${message.failure}` : ''}.
      <RetryButton message={message} />
    </div>
  );
}

function RetryButton({ message }: { readonly message: Message }) {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() =>
        drop(
          call('messages.retrySend', { accountId: message.accountId, chatId: message.chatId, messageId: message.id }),
        )
      }
    >
      Try again
    </button>
  );
}
