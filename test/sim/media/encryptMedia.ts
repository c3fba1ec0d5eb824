import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { getMediaKeys, type MediaType } from '@whiskeysockets/baileys';

/** Length of the truncated HMAC-SHA256 WhatsApp appends to every encrypted media blob. */
const MAC_LENGTH = 10;

export type EncryptedMedia = Readonly<{
  mediaKey: Buffer;
  /** What the CDN stores: AES-256-CBC ciphertext followed by the 10-byte MAC. */
  enc: Buffer;
  /** sha256 of the plaintext. */
  fileSha256: Buffer;
  /** sha256 of `enc` (MAC included), as the upload token and the message field carry it. */
  fileEncSha256: Buffer;
  /** Plaintext length. */
  fileLength: number;
}>;

/**
 * Encrypts like a WhatsApp client: keys from HKDF(mediaKey) with the media type's info string
 * (Baileys' `getMediaKeys`), AES-256-CBC, then HMAC-SHA256(macKey, iv ‖ ciphertext)[0:10].
 */
export async function encryptMedia(
  plaintext: Uint8Array,
  mediaType: MediaType,
  mediaKey: Buffer = randomBytes(32),
): Promise<EncryptedMedia> {
  const { cipherKey, iv, macKey } = await mediaKeys(mediaKey, mediaType);
  const cipher = createCipheriv('aes-256-cbc', cipherKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const mac = createHmac('sha256', macKey).update(iv).update(ciphertext).digest().subarray(0, MAC_LENGTH);
  const enc = Buffer.concat([ciphertext, mac]);
  return {
    mediaKey,
    enc,
    fileSha256: createHash('sha256').update(plaintext).digest(),
    fileEncSha256: createHash('sha256').update(enc).digest(),
    fileLength: plaintext.length,
  };
}

/**
 * The contact's side: decrypts a blob the app uploaded, checking the MAC (Baileys itself never
 * checks it on download, so a bad MAC would otherwise go unnoticed).
 */
export async function decryptMedia(enc: Uint8Array, mediaKey: Uint8Array, mediaType: MediaType): Promise<Buffer> {
  const { cipherKey, iv, macKey } = await mediaKeys(Buffer.from(mediaKey), mediaType);
  const body = Buffer.from(enc);
  const ciphertext = body.subarray(0, body.length - MAC_LENGTH);
  const mac = body.subarray(body.length - MAC_LENGTH);
  const expected = createHmac('sha256', macKey).update(iv).update(ciphertext).digest().subarray(0, MAC_LENGTH);
  if (mac.length !== MAC_LENGTH || !timingSafeEqual(mac, expected)) {
    throw new Error('media MAC mismatch');
  }
  const decipher = createDecipheriv('aes-256-cbc', cipherKey, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** Baileys types `macKey` as optional (decryption never needs it); encryption always does. */
async function mediaKeys(mediaKey: Buffer, mediaType: MediaType) {
  const { cipherKey, iv, macKey } = await getMediaKeys(mediaKey, mediaType);
  if (!macKey) throw new Error('getMediaKeys returned no macKey');
  return { cipherKey, iv, macKey };
}
