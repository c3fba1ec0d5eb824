/**
 * Builders for the media messages a simulated contact sends. Each one encrypts the content,
 * puts the blob on the CDN and returns the `proto.IMessage` the contact would encrypt to the app,
 * plus what the simulator needs later (plaintext to compare, mediaKey/directPath for retries).
 *
 *   const img = await buildImageMessage(cdn, { caption: 'hi' });
 *   contact.send(img.message); mediaByMessageId.set(msgId, img);
 */
import type { MediaType, proto } from '@whiskeysockets/baileys';

import type { CdnServer } from '../cdn/index.js';
import { encryptMedia } from './encryptMedia.js';
import { sampleMp4, sampleOpus, samplePdf, samplePhoto, sampleSticker, sampleThumbnail } from './sampleFiles.js';

export type MediaCdn = Pick<CdnServer, 'put'>;

export type BuiltMedia = Readonly<{
  message: proto.IMessage;
  plaintext: Buffer;
  mediaKey: Buffer;
  directPath: string;
  /** The type Baileys derives keys with when downloading (`audioMessage` → 'audio', …). */
  mediaType: MediaType;
}>;

type Common = Readonly<{
  mediaKey?: Buffer;
  /** Unix seconds; defaults to now. */
  mediaKeyTimestamp?: number;
  contextInfo?: proto.IContextInfo;
}>;

/** Fields every downloadable media message carries. */
async function upload(cdn: MediaCdn, plaintext: Buffer, mediaType: MediaType, mimetype: string, common: Common) {
  const enc = await encryptMedia(plaintext, mediaType, common.mediaKey);
  const item = cdn.put(enc.enc, mediaType);
  const fields = {
    url: item.url,
    directPath: item.directPath,
    mediaKey: enc.mediaKey,
    fileEncSha256: enc.fileEncSha256,
    fileSha256: enc.fileSha256,
    fileLength: enc.fileLength,
    mimetype,
    mediaKeyTimestamp: common.mediaKeyTimestamp ?? Math.floor(Date.now() / 1000),
    ...(common.contextInfo ? { contextInfo: common.contextInfo } : {}),
  };
  const built = { plaintext, mediaKey: enc.mediaKey, directPath: item.directPath, mediaType };
  return { fields, built };
}

export async function buildImageMessage(
  cdn: MediaCdn,
  opts: Common & Readonly<{ jpeg?: Buffer; width?: number; height?: number; caption?: string; seed?: number }> = {},
): Promise<BuiltMedia> {
  // The default photo is 64×48; pass width/height with a custom JPEG.
  const { fields, built } = await upload(cdn, opts.jpeg ?? samplePhoto(opts.seed), 'image', 'image/jpeg', opts);
  const imageMessage: proto.Message.IImageMessage = {
    ...fields,
    width: opts.width ?? 64,
    height: opts.height ?? 48,
    jpegThumbnail: sampleThumbnail(opts.seed),
    ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
  };
  return { ...built, message: { imageMessage } };
}

export async function buildVideoMessage(
  cdn: MediaCdn,
  opts: Common & Readonly<{ mp4?: Buffer; seconds?: number; caption?: string; gifPlayback?: boolean }> = {},
): Promise<BuiltMedia> {
  const { fields, built } = await upload(cdn, opts.mp4 ?? sampleMp4(), 'video', 'video/mp4', opts);
  const videoMessage: proto.Message.IVideoMessage = {
    ...fields,
    seconds: opts.seconds ?? 4,
    width: 64,
    height: 48,
    jpegThumbnail: sampleThumbnail(1),
    gifPlayback: opts.gifPlayback ?? false,
    ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
  };
  return { ...built, message: { videoMessage } };
}

export async function buildAudioMessage(
  cdn: MediaCdn,
  opts: Common & Readonly<{ audio?: Buffer; seconds?: number; mimetype?: string }> = {},
): Promise<BuiltMedia> {
  const seconds = opts.seconds ?? 3;
  const mimetype = opts.mimetype ?? 'audio/ogg; codecs=opus';
  const { fields, built } = await upload(cdn, opts.audio ?? sampleOpus(seconds), 'audio', mimetype, opts);
  return { ...built, message: { audioMessage: { ...fields, seconds, ptt: false } } };
}

/** A voice note: an `audioMessage` with `ptt: true`, always Ogg/Opus like WhatsApp's recorder. */
export async function buildVoiceNoteMessage(
  cdn: MediaCdn,
  opts: Common & Readonly<{ audio?: Buffer; seconds?: number }> = {},
): Promise<BuiltMedia> {
  const seconds = opts.seconds ?? 5;
  const { fields, built } = await upload(
    cdn,
    opts.audio ?? sampleOpus(seconds),
    'audio',
    'audio/ogg; codecs=opus',
    opts,
  );
  // 64 amplitude samples (0..100) drive the waveform the UI draws.
  const waveform = Buffer.from(Array.from({ length: 64 }, (_, i) => Math.round(50 + 45 * Math.sin(i / 3))));
  return { ...built, message: { audioMessage: { ...fields, seconds, ptt: true, waveform } } };
}

export async function buildDocumentMessage(
  cdn: MediaCdn,
  opts: Common &
    Readonly<{
      bytes?: Buffer;
      fileName?: string;
      mimetype?: string;
      pageCount?: number;
      title?: string;
      caption?: string;
    }> = {},
): Promise<BuiltMedia> {
  const pageCount = opts.pageCount ?? 2;
  const title = opts.title ?? 'Quarterly report';
  const bytes = opts.bytes ?? samplePdf(title, pageCount);
  const { fields, built } = await upload(cdn, bytes, 'document', opts.mimetype ?? 'application/pdf', opts);
  const documentMessage: proto.Message.IDocumentMessage = {
    ...fields,
    fileName: opts.fileName ?? `${title}.pdf`,
    title,
    pageCount,
    ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
  };
  return { ...built, message: { documentMessage } };
}

export async function buildStickerMessage(
  cdn: MediaCdn,
  opts: Common & Readonly<{ webp?: Buffer; width?: number; height?: number; seed?: number }> = {},
): Promise<BuiltMedia> {
  const { fields, built } = await upload(cdn, opts.webp ?? sampleSticker(opts.seed), 'sticker', 'image/webp', opts);
  const stickerMessage: proto.Message.IStickerMessage = {
    ...fields,
    width: opts.width ?? 512,
    height: opts.height ?? 512,
    isAnimated: false,
  };
  return { ...built, message: { stickerMessage } };
}
