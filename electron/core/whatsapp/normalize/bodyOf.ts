import type { proto } from '@whiskeysockets/baileys';
import type { MediaInfo, MediaKind, MessageBody } from '../../../../shared/src/index.js';
import type { MediaDownload } from './ops.js';
import { bytesToB64, protoNumber } from './protoNumbers.js';

export type NormalizedBody = Readonly<{
  body: MessageBody;
  media?: MediaDownload;
  contextInfo: proto.IContextInfo | null;
}>;

type AnyMedia = proto.Message.IImageMessage &
  proto.Message.IVideoMessage &
  proto.Message.IAudioMessage &
  proto.Message.IDocumentMessage &
  proto.Message.IStickerMessage;

// MediaInfo.thumbnailDataUrl is capped by the schema; a bigger inline thumbnail is dropped, not truncated.
const MAX_THUMBNAIL_DATA_URL_CHARS = 200_000;
const POLL_FIELDS = [
  'pollCreationMessage',
  'pollCreationMessageV2',
  'pollCreationMessageV3',
  'pollCreationMessageV5',
] as const;

/** Turns unwrapped content into a domain body. Unknown kinds become `unsupported` bodies, never nothing. */
export function bodyOf(content: proto.IMessage, contentType: string): NormalizedBody {
  if (contentType === 'conversation') {
    return { body: { kind: 'text', text: content.conversation ?? '' }, contextInfo: null };
  }
  if (content.extendedTextMessage) {
    // Link previews (matchedText, title…) ride along; the URL itself is part of `text`.
    const m = content.extendedTextMessage;
    return { body: { kind: 'text', text: m.text ?? '' }, contextInfo: m.contextInfo ?? null };
  }
  const media = mediaOf(content);
  if (media) {
    return media;
  }
  if (content.locationMessage || content.liveLocationMessage) {
    const m = content.locationMessage;
    const live = content.liveLocationMessage;
    return {
      body: {
        kind: 'location',
        latitude: m?.degreesLatitude ?? live?.degreesLatitude ?? 0,
        longitude: m?.degreesLongitude ?? live?.degreesLongitude ?? 0,
        name: m?.name ?? live?.caption ?? null,
        address: m?.address ?? null,
      },
      contextInfo: m?.contextInfo ?? live?.contextInfo ?? null,
    };
  }
  if (content.contactMessage) {
    const m = content.contactMessage;
    return {
      body: { kind: 'contactCard', displayName: m.displayName ?? '', vcard: m.vcard ?? '' },
      contextInfo: m.contextInfo ?? null,
    };
  }
  if (content.contactsArrayMessage) {
    // One body for several cards: vCards concatenate into one valid .vcf.
    const m = content.contactsArrayMessage;
    const cards = m.contacts ?? [];
    return {
      body: {
        kind: 'contactCard',
        displayName: m.displayName ?? cards.map((c) => c.displayName ?? '').join(', '),
        vcard: cards.map((c) => c.vcard ?? '').join('\n'),
      },
      contextInfo: m.contextInfo ?? null,
    };
  }
  for (const field of POLL_FIELDS) {
    const poll = content[field];
    if (poll) {
      return {
        body: {
          kind: 'poll',
          question: poll.name ?? '',
          options: (poll.options ?? []).map((o) => ({ name: o.optionName ?? '', voters: [] })),
          // 0 means "any number of options".
          selectableCount: poll.selectableOptionsCount ?? 0,
        },
        contextInfo: poll.contextInfo ?? null,
      };
    }
  }
  return { body: { kind: 'unsupported', waType: contentType }, contextInfo: null };
}

function mediaOf(content: proto.IMessage): NormalizedBody | null {
  const found = findMedia(content);
  if (!found) {
    return null;
  }
  const { m, kind, waType } = found;
  const thumbnail =
    m.jpegThumbnail && m.jpegThumbnail.length > 0 ? `data:image/jpeg;base64,${bytesToB64(m.jpegThumbnail)}` : null;
  const media: MediaInfo = {
    kind,
    mimeType: m.mimetype ?? null,
    fileName: m.fileName ?? null,
    sizeBytes: protoNumber(m.fileLength),
    durationSeconds: m.seconds ?? null,
    width: m.width ?? null,
    height: m.height ?? null,
    thumbnailDataUrl: thumbnail !== null && thumbnail.length <= MAX_THUMBNAIL_DATA_URL_CHARS ? thumbnail : null,
    state: { status: 'remote' },
  };
  return {
    body: { kind: 'media', media, caption: m.caption || null },
    media: {
      waType,
      // downloadContentFromMessage's media type is the proto field name without "Message".
      mediaType: waType.replace(/Message$/, ''),
      directPath: m.directPath ?? null,
      url: m.url ?? null,
      mediaKeyB64: bytesToB64(m.mediaKey),
      fileEncSha256B64: bytesToB64(m.fileEncSha256),
      fileSha256B64: bytesToB64(m.fileSha256),
      mediaKeyTimestamp: protoNumber(m.mediaKeyTimestamp),
      fileLength: protoNumber(m.fileLength),
    },
    contextInfo: m.contextInfo ?? null,
  };
}

function findMedia(content: proto.IMessage): { m: AnyMedia; kind: MediaKind; waType: string } | null {
  if (content.imageMessage) {
    return { m: content.imageMessage, kind: 'image', waType: 'imageMessage' };
  }
  if (content.videoMessage) {
    return { m: content.videoMessage, kind: 'video', waType: 'videoMessage' };
  }
  if (content.ptvMessage) {
    // Round "video notes" are ordinary videos to the UI but download with their own media type.
    return { m: content.ptvMessage, kind: 'video', waType: 'ptvMessage' };
  }
  if (content.audioMessage) {
    const kind = content.audioMessage.ptt ? 'voice' : 'audio';
    return { m: content.audioMessage, kind, waType: 'audioMessage' };
  }
  if (content.documentMessage) {
    return { m: content.documentMessage, kind: 'document', waType: 'documentMessage' };
  }
  if (content.stickerMessage) {
    return { m: content.stickerMessage, kind: 'sticker', waType: 'stickerMessage' };
  }
  return null;
}
