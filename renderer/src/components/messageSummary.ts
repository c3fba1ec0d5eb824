import type { Message } from '../../../shared/src/index.js';
import { missingCaseError } from '../util/missingCaseError.js';

const MEDIA_WORDS = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
} as const;

/** One line describing a message: for search hits, reply chips and quotes. */
export function messageSummary(message: Message): string {
  const body = message.body;
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'media':
      return (
        body.caption ??
        (body.media.kind === 'document' && body.media.fileName ? body.media.fileName : MEDIA_WORDS[body.media.kind])
      );
    case 'location':
      return body.name ? `Location: ${body.name}` : 'Location';
    case 'contactCard':
      return `Contact: ${body.displayName}`;
    case 'poll':
      return `Poll: ${body.question}`;
    case 'deleted':
      return 'This message was deleted';
    case 'unsupported':
      return 'Unsupported message';
    default:
      throw missingCaseError(body);
  }
}
