import type { MediaInfo } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import type { MediaRecoveryItem } from '../../features/useMediaRecoveryItems.js';
import { useContacts } from '../../features/useContacts.js';
import { formatChatTime } from '../../format/time.js';
import { useUi } from '../../state/uiStore.js';
import { chatTitle } from '../chatTitle.js';
import { Icon, type IconName } from '../Icon.js';
import { describeMediaFailure } from '../mediaWords.js';
import { recoveryCommandFor } from './mediaRecovery.js';

const KIND_ICON: Record<MediaInfo['kind'], IconName> = {
  image: 'image',
  video: 'video',
  audio: 'headphones',
  voice: 'mic',
  document: 'document',
  sticker: 'emoji',
};
const KIND_WORD: Record<MediaInfo['kind'], string> = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
};

/** One media item: what and where, why it failed, and the retry that fits the failure. */
export function MediaRecoveryRow({ item }: { readonly item: MediaRecoveryItem }) {
  const { message, chat } = item;
  const contacts = useContacts(message.accountId);
  if (message.body.kind !== 'media') return null;
  const media = message.body.media;
  const state = media.state;
  const ref = { accountId: message.accountId, chatId: message.chatId, messageId: message.id };
  const where = chat ? chatTitle(chat, contacts) : 'A chat';
  const who = message.isFromMe ? 'You' : contacts.nameOf(message.accountId, message.senderId, '');
  const openChat = () => {
    const ui = useUi.getState();
    ui.closeOverlay();
    ui.selectChat({ accountId: message.accountId, chatId: message.chatId });
  };

  return (
    <li className={`recovery-item status-${state.status}`} data-testid="media-recovery-item" data-status={state.status}>
      <div className="recovery-thumb" aria-hidden="true">
        {media.thumbnailDataUrl ? (
          <img src={media.thumbnailDataUrl} alt="" />
        ) : (
          <Icon name={KIND_ICON[media.kind]} size={24} />
        )}
      </div>
      <div className="recovery-text">
        <button type="button" className="recovery-where link-button" onClick={openChat} title="Open the chat">
          {where}
        </button>
        <span className="muted small">
          {media.fileName ?? KIND_WORD[media.kind]}
          {who && ` · ${who}`} · {formatChatTime(message.timestamp)}
        </span>
        <span className="recovery-reason">
          {state.status === 'failed' && describeMediaFailure(state).text}
          {state.status === 'reuploadRequested' && 'Waiting for your phone…'}
          {state.status === 'downloading' &&
            `Downloading${state.progress === null ? '…' : ` ${Math.round(state.progress * 100)}%`}`}
          {state.status === 'ready' && 'Recovered'}
          {state.status === 'remote' && 'Queued'}
        </span>
      </div>
      <div className="recovery-action">
        {state.status === 'failed' && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => drop(call(recoveryCommandFor(state.failure), ref))}
            data-testid="media-retry"
          >
            {state.failure === 'cdnGone' ? 'Ask phone' : 'Retry'}
          </button>
        )}
        {(state.status === 'downloading' || state.status === 'reuploadRequested' || state.status === 'remote') && (
          <span className="spinner spinner-sm" aria-label="In progress" />
        )}
        {state.status === 'ready' && <Icon name="check" size={20} className="recovery-ok" />}
      </div>
    </li>
  );
}
