import type { MediaInfo, Message } from '../../../shared/src/index.js';
import { formatBytes, formatDuration } from '../format/time.js';
import { AudioPlayer } from './AudioPlayer.js';
import { Icon } from './Icon.js';
import { MediaStateControl } from './MediaStateControl.js';
import { RichText } from './RichText.js';

const MAX_VISUAL_WIDTH_PX = 300;
const MIN_VISUAL_WIDTH_PX = 220;

type MediaBodyProps = { readonly message: Message; readonly media: MediaInfo; readonly caption: string | null };

export function MediaBody({ message, media, caption }: MediaBodyProps) {
  return (
    <>
      {media.kind === 'voice' || media.kind === 'audio' ? (
        <AudioMedia message={message} media={media} />
      ) : media.kind === 'document' ? (
        <DocumentMedia message={message} media={media} />
      ) : (
        <VisualMedia message={message} media={media} />
      )}
      {caption && <RichText text={caption} />}
    </>
  );
}

function VisualMedia({ message, media }: { readonly message: Message; readonly media: MediaInfo }) {
  const isSticker = media.kind === 'sticker';
  // Tiny photos are scaled up to a bubble-sized frame, as WhatsApp does, instead of floating in it.
  const natural = media.width ?? MAX_VISUAL_WIDTH_PX;
  const width = isSticker
    ? Math.min(150, natural)
    : Math.max(MIN_VISUAL_WIDTH_PX, Math.min(MAX_VISUAL_WIDTH_PX, natural));
  const ratio = media.width && media.height ? `${media.width} / ${media.height}` : '4 / 3';
  const state = media.state;
  const label = media.kind === 'video' ? 'Video' : isSticker ? 'Sticker' : 'Photo';
  return (
    <div
      className={`visual-media visual-${media.kind} media-${state.status}`}
      style={{ width, aspectRatio: ratio }}
      data-testid="media"
      data-media-status={state.status}
    >
      {state.status === 'ready' ? (
        media.kind === 'video' ? (
          <video
            src={state.url}
            poster={media.thumbnailDataUrl ?? undefined}
            controls
            preload="metadata"
            aria-label={label}
          />
        ) : (
          <img src={state.url} alt={label} />
        )
      ) : media.thumbnailDataUrl ? (
        <img src={media.thumbnailDataUrl} alt="" className="visual-thumb" />
      ) : (
        <div className="visual-placeholder" />
      )}
      {state.status !== 'ready' && (
        <div className="visual-overlay">
          <MediaStateControl message={message} media={media} variant="overlay" />
        </div>
      )}
      {media.kind === 'video' && media.durationSeconds !== null && state.status !== 'ready' && (
        <span className="visual-duration">
          <Icon name="video" size={14} /> {formatDuration(media.durationSeconds)}
        </span>
      )}
    </div>
  );
}

function AudioMedia({ message, media }: { readonly message: Message; readonly media: MediaInfo }) {
  const state = media.state;
  return (
    <div className={`audio-media audio-${media.kind}`} data-testid="media" data-media-status={state.status}>
      <div className="audio-icon">
        <Icon name={media.kind === 'voice' ? 'mic' : 'headphones'} size={22} />
      </div>
      {state.status === 'ready' ? (
        <AudioPlayer url={state.url} durationSeconds={media.durationSeconds} seed={message.id} />
      ) : (
        <div className="audio-pending">
          <span>
            {media.fileName ?? (media.kind === 'voice' ? 'Voice message' : 'Audio')}
            {media.durationSeconds !== null && ` · ${formatDuration(media.durationSeconds)}`}
          </span>
          <MediaStateControl message={message} media={media} variant="inline" />
        </div>
      )}
    </div>
  );
}

function DocumentMedia({ message, media }: { readonly message: Message; readonly media: MediaInfo }) {
  const state = media.state;
  const extension = media.fileName?.split('.').pop()?.toUpperCase() ?? 'FILE';
  const details = [extension, media.sizeBytes !== null ? formatBytes(media.sizeBytes) : null]
    .filter(Boolean)
    .join(' · ');
  const content = (
    <>
      <div className="document-icon">
        <Icon name="document" size={28} />
        <span>{extension.slice(0, 4)}</span>
      </div>
      <div className="document-text">
        <strong>{media.fileName ?? 'Document'}</strong>
        <span className="muted">{details}</span>
      </div>
    </>
  );
  return (
    <div className="document-media" data-testid="media" data-media-status={state.status}>
      {state.status === 'ready' ? (
        <a className="document-main" href={state.url} download={media.fileName ?? undefined}>
          {content}
        </a>
      ) : (
        <div className="document-main">{content}</div>
      )}
      {state.status !== 'ready' && <MediaStateControl message={message} media={media} variant="inline" />}
    </div>
  );
}
