import type { MessageBody } from '../../../../shared/src/index.js';
import { missingCaseError } from '../../util/missingCaseError.js';

// ChatPreview.text is capped at 512 by the schema; quotes reuse the same short form.
const MAX_PREVIEW_CHARS = 512;

const MEDIA_LABELS = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
} as const;

/** Short text and kind for the chat list and for quoted-reply previews. */
export function previewOf(body: MessageBody): { text: string; kind: string } {
  switch (body.kind) {
    case 'text':
      return { text: short(body.text), kind: 'text' };
    case 'media':
      return {
        text: short(
          body.caption ||
            (body.media.kind === 'document' ? body.media.fileName : null) ||
            MEDIA_LABELS[body.media.kind],
        ),
        kind: body.media.kind,
      };
    case 'location':
      return { text: short(body.name ? `Location: ${body.name}` : 'Location'), kind: 'location' };
    case 'contactCard':
      return { text: short(`Contact: ${body.displayName}`), kind: 'contactCard' };
    case 'poll':
      return { text: short(`Poll: ${body.question}`), kind: 'poll' };
    case 'deleted':
      return { text: 'This message was deleted', kind: 'deleted' };
    case 'unsupported':
      return { text: short(`Unsupported message (${body.waType})`), kind: 'unsupported' };
    default:
      throw missingCaseError(body);
  }
}

function short(text: string): string {
  return text.length > MAX_PREVIEW_CHARS ? `${text.slice(0, MAX_PREVIEW_CHARS - 1)}…` : text;
}
