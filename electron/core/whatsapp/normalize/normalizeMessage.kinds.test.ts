import { proto } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { MessageDraftSchema } from '../../../../shared/src/index.js';
import type { MessageBody } from '../../../../shared/src/index.js';
import { IMAGE_FIXTURE as image, PEER_PN, makeCtx, makeWaMessage, upsertOf } from './makeWaMessage.js';
import { normalizeMessage } from './normalizeMessage.js';

const media = (kind: string, extra: object = {}): object => ({
  kind,
  mimeType: null,
  fileName: null,
  sizeBytes: null,
  durationSeconds: null,
  width: null,
  height: null,
  thumbnailDataUrl: null,
  state: { status: 'remote' },
  ...extra,
});
const poll = { name: 'Lunch?', options: [{ optionName: 'Pizza' }, { optionName: 'Sushi' }], selectableOptionsCount: 1 };
const pollBody = {
  kind: 'poll',
  question: 'Lunch?',
  options: [
    { name: 'Pizza', voters: [] },
    { name: 'Sushi', voters: [] },
  ],
  selectableCount: 1,
};

const kinds: ReadonlyArray<readonly [string, Record<string, unknown>, MessageBody | object]> = [
  ['conversation', { conversation: 'hi' }, { kind: 'text', text: 'hi' }],
  [
    'extendedText with link',
    { extendedTextMessage: { text: 'see https://x.y', matchedText: 'https://x.y', title: 'X' } },
    { kind: 'text', text: 'see https://x.y' },
  ],
  [
    'image',
    { imageMessage: image },
    {
      kind: 'media',
      caption: 'look',
      media: media('image', {
        mimeType: 'image/jpeg',
        sizeBytes: 123_456,
        width: 640,
        height: 480,
        thumbnailDataUrl: 'data:image/jpeg;base64,/9j/',
      }),
    },
  ],
  [
    'video',
    { videoMessage: { seconds: 12, mimetype: 'video/mp4' } },
    { kind: 'media', caption: null, media: media('video', { durationSeconds: 12, mimeType: 'video/mp4' }) },
  ],
  [
    'audio',
    { audioMessage: { seconds: 3 } },
    { kind: 'media', caption: null, media: media('audio', { durationSeconds: 3 }) },
  ],
  [
    'voice (ptt)',
    { audioMessage: { seconds: 4, ptt: true } },
    { kind: 'media', caption: null, media: media('voice', { durationSeconds: 4 }) },
  ],
  [
    'document',
    { documentMessage: { fileName: 'a.pdf' } },
    { kind: 'media', caption: null, media: media('document', { fileName: 'a.pdf' }) },
  ],
  [
    'documentWithCaption',
    { documentWithCaptionMessage: { message: { documentMessage: { fileName: 'b.pdf', caption: 'read' } } } },
    { kind: 'media', caption: 'read', media: media('document', { fileName: 'b.pdf' }) },
  ],
  [
    'sticker',
    { stickerMessage: { mimetype: 'image/webp' } },
    { kind: 'media', caption: null, media: media('sticker', { mimeType: 'image/webp' }) },
  ],
  [
    'video note (ptv)',
    { ptvMessage: { seconds: 5 } },
    { kind: 'media', caption: null, media: media('video', { durationSeconds: 5 }) },
  ],
  [
    'location',
    { locationMessage: { degreesLatitude: 1.5, degreesLongitude: 2.5, name: 'Cafe', address: 'Main St' } },
    { kind: 'location', latitude: 1.5, longitude: 2.5, name: 'Cafe', address: 'Main St' },
  ],
  [
    'liveLocation',
    { liveLocationMessage: { degreesLatitude: 3, degreesLongitude: 4, caption: 'on my way' } },
    { kind: 'location', latitude: 3, longitude: 4, name: 'on my way', address: null },
  ],
  [
    'contact card',
    { contactMessage: { displayName: 'Ann', vcard: 'BEGIN:VCARD' } },
    { kind: 'contactCard', displayName: 'Ann', vcard: 'BEGIN:VCARD' },
  ],
  [
    'contactsArray',
    {
      contactsArrayMessage: {
        contacts: [
          { displayName: 'A', vcard: 'V1' },
          { displayName: 'B', vcard: 'V2' },
        ],
      },
    },
    { kind: 'contactCard', displayName: 'A, B', vcard: 'V1\nV2' },
  ],
  ['poll v1', { pollCreationMessage: poll }, pollBody],
  ['poll v2', { pollCreationMessageV2: poll }, pollBody],
  ['poll v3', { pollCreationMessageV3: poll }, pollBody],
  ['ephemeral wrapper', { ephemeralMessage: { message: { conversation: 'eph' } } }, { kind: 'text', text: 'eph' }],
  [
    'viewOnce wrapper',
    { viewOnceMessage: { message: { imageMessage: {} } } },
    { kind: 'media', caption: null, media: media('image') },
  ],
  [
    'viewOnceV2 wrapper',
    { viewOnceMessageV2: { message: { videoMessage: {} } } },
    { kind: 'media', caption: null, media: media('video') },
  ],
  [
    'nested ephemeral → viewOnceV2',
    { ephemeralMessage: { message: { viewOnceMessageV2: { message: { conversation: 'deep' } } } } },
    { kind: 'text', text: 'deep' },
  ],
  [
    'deviceSent wrapper',
    { deviceSentMessage: { destinationJid: PEER_PN, message: { conversation: 'dsm' } } },
    { kind: 'text', text: 'dsm' },
  ],
  ['unknown kind stays visible', { eventMessage: { name: 'Party' } }, { kind: 'unsupported', waType: 'eventMessage' }],
  [
    'buttons (unsupported)',
    { buttonsMessage: { contentText: 'pick' } },
    { kind: 'unsupported', waType: 'buttonsMessage' },
  ],
];

describe('normalizeMessage: one row per kind', () => {
  it.each(kinds)('%s', (_name, message, body) => {
    const op = upsertOf(normalizeMessage(makeWaMessage({ message }), makeCtx()));
    expect(op.message.body).toEqual(body);
    expect(() => MessageDraftSchema.parse(op.message)).not.toThrow();
    expect(proto.WebMessageInfo.decode(op.raw).key?.id).toBe('3EB0AAAA');
  });
});
