/** Media content, encryption, message builders and media retry for the simulator. See test/sim/MEDIA-AND-HISTORY.md. */
export {
  buildAudioMessage,
  buildDocumentMessage,
  buildImageMessage,
  buildStickerMessage,
  buildVideoMessage,
  buildVoiceNoteMessage,
} from './buildMediaMessage.js';
export type { BuiltMedia, MediaCdn } from './buildMediaMessage.js';
export { decryptMedia, encryptMedia } from './encryptMedia.js';
export type { EncryptedMedia } from './encryptMedia.js';
export {
  buildMediaRetryNotification,
  decryptServerErrorReceipt,
  encryptMediaRetryNotification,
  handleServerErrorReceipt,
  parseServerErrorReceipt,
} from './mediaRetry.js';
export type { MediaRetryHandling, MediaRetryOutcome, MediaRetryRequest, MediaRetryTarget } from './mediaRetry.js';
export { sampleMp4, sampleOpus, samplePdf, samplePhoto, sampleSticker, sampleThumbnail } from './sampleFiles.js';
export { makeJpeg } from './tinyJpeg.js';
export { makeSolidWebp } from './tinyWebp.js';
