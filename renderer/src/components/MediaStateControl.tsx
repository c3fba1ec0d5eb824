import type { MediaInfo, Message } from '../../../shared/src/index.js';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { formatBytes } from '../format/time.js';
import { useUi } from '../state/uiStore.js';
import { Icon } from './Icon.js';
import { describeMediaFailure } from './mediaWords.js';
import { useNow } from './useNow.js';

/** After this long without an answer the bubble says so; main decides when it is a timeout. */
const REUPLOAD_SLOW_AFTER_MS = 20_000;

type Variant = 'overlay' | 'inline';

/** Not downloaded / downloading / asking the phone / failed (with the reason in words). */
export function MediaStateControl({
  message,
  media,
  variant,
}: {
  readonly message: Message;
  readonly media: MediaInfo;
  readonly variant: Variant;
}) {
  const ref = { accountId: message.accountId, chatId: message.chatId, messageId: message.id };
  const state = media.state;
  switch (state.status) {
    case 'remote':
      return (
        <button
          type="button"
          className={`media-download media-${variant}`}
          onClick={() => drop(call('media.download', ref))}
          aria-label="Download"
          // The media cache removed the file to stay under its limit: say why it is not here.
          title={state.evictedAt === undefined ? undefined : 'Removed to save space. Download again'}
          data-evicted={state.evictedAt === undefined ? undefined : 'true'}
        >
          <Icon name="download" size={variant === 'overlay' ? 22 : 18} />
          {state.evictedAt === undefined ? (
            media.sizeBytes !== null && <span>{formatBytes(media.sizeBytes)}</span>
          ) : (
            <span className="media-evicted-text">
              <span>Removed to save space</span>
              {media.sizeBytes !== null && <span>{formatBytes(media.sizeBytes)}</span>}
            </span>
          )}
        </button>
      );
    case 'downloading':
      return (
        <div
          className={`media-progress media-${variant}`}
          role="progressbar"
          aria-label="Downloading"
          aria-valuenow={state.progress === null ? undefined : Math.round(state.progress * 100)}
        >
          <span className="spinner spinner-sm" aria-hidden="true" />
          <span>{state.progress === null ? 'Downloading…' : `${Math.round(state.progress * 100)}%`}</span>
        </div>
      );
    case 'reuploadRequested':
      return <WaitingForPhone requestedAt={state.requestedAt} variant={variant} />;
    case 'failed': {
      const words = describeMediaFailure(state);
      return (
        <div className={`media-failed media-${variant}`} role="alert" data-testid="media-failed">
          <span className="media-failed-text">
            <Icon name="alert" size={16} /> {words.text}
          </span>
          <span className="media-failed-actions">
            {words.canReupload && (
              <button
                type="button"
                className="button button-small button-primary"
                onClick={() => drop(call('media.requestReupload', ref))}
              >
                Ask phone to re-upload
              </button>
            )}
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => drop(call('media.download', ref))}
            >
              Try again
            </button>
            <button
              type="button"
              className="link-button media-recovery-link"
              onClick={() => useUi.getState().openOverlay({ kind: 'mediaRecovery', accountId: message.accountId })}
              data-testid="open-media-recovery"
            >
              All failed media…
            </button>
          </span>
        </div>
      );
    }
    case 'ready':
      return null;
    default:
      return null;
  }
}

function WaitingForPhone({ requestedAt, variant }: { readonly requestedAt: number; readonly variant: Variant }) {
  const now = useNow(5_000);
  const isSlow = now - requestedAt > REUPLOAD_SLOW_AFTER_MS;
  return (
    <div className={`media-progress media-${variant}`} role="status" data-testid="media-waiting-phone">
      <span className="spinner spinner-sm" aria-hidden="true" />
      <span>
        Waiting for your phone…
        {isSlow && <span className="media-slow"> Still no answer — is WhatsApp open on it?</span>}
      </span>
    </div>
  );
}
