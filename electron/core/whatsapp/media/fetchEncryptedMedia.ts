import { createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getMediaKeys, getUrlFromDirectPath } from '@whiskeysockets/baileys';
import type { MediaType } from '@whiskeysockets/baileys';
import type { MediaDownload } from '../normalize/index.js';

// WhatsApp appends the first 10 bytes of HMAC-SHA256(macKey, iv ‖ ciphertext) to every media blob.
const MAC_BYTES = 10;
const CDN_PREFIX = 'https://mmg.whatsapp.net/';

/** An HTTP failure, shaped so `mediaFailure.statusCodeOf` reads the status. */
export class MediaHttpError extends Error {
  constructor(readonly status: number) {
    super(`media CDN answered ${status}`);
    this.name = 'MediaHttpError';
  }
}

export class MediaTooLargeError extends Error {
  constructor(readonly sizeBytes: number) {
    super('media over the size cap');
    this.name = 'MediaTooLargeError';
  }
}

export class MediaIntegrityError extends Error {
  constructor(what: string) {
    super(`media ${what} mismatch: cannot decrypt`);
    this.name = 'MediaIntegrityError';
  }
}

export type FetchMediaOptions = Readonly<{ requestOptions: RequestInit; timeoutMs: number; maxBytes: number }>;

/**
 * Downloads and decrypts a media blob without Baileys' stream pipeline. rc14's
 * `downloadEncryptedContent` pipes the body with `.pipe()`, which does not forward errors: a
 * connection dropped mid-body becomes an uncaught exception. Here the body is read with
 * `arrayBuffer()` under an AbortSignal, so every failure is a rejected promise; and unlike Baileys
 * the MAC is checked, so a damaged blob is reported as such.
 */
export async function fetchEncryptedMedia(info: MediaDownload, options: FetchMediaOptions): Promise<Buffer> {
  if (!info.mediaKeyB64) throw new MediaIntegrityError('key');
  const url = info.url?.startsWith(CDN_PREFIX)
    ? info.url
    : info.directPath
      ? getUrlFromDirectPath(info.directPath)
      : info.url;
  if (!url) throw new MediaHttpError(404);
  const response = await fetch(url, {
    ...options.requestOptions,
    headers: { Origin: 'https://web.whatsapp.com' },
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaHttpError(response.status);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > options.maxBytes + MAC_BYTES + 16) {
    await response.body?.cancel().catch(() => undefined);
    throw new MediaTooLargeError(declared);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > options.maxBytes + MAC_BYTES + 16) throw new MediaTooLargeError(body.length);
  return decryptMedia(body, Buffer.from(info.mediaKeyB64, 'base64'), info.mediaType as MediaType, info.fileSha256B64);
}

async function decryptMedia(
  body: Buffer,
  mediaKey: Buffer,
  mediaType: MediaType,
  fileSha256B64: string | null,
): Promise<Buffer> {
  if (body.length <= MAC_BYTES) throw new MediaIntegrityError('length');
  const { iv, cipherKey, macKey } = await getMediaKeys(mediaKey, mediaType);
  if (!macKey) throw new MediaIntegrityError('key');
  const enc = body.subarray(0, body.length - MAC_BYTES);
  const mac = body.subarray(body.length - MAC_BYTES);
  const expected = createHmac('sha256', macKey).update(iv).update(enc).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(mac, expected)) throw new MediaIntegrityError('hmac');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', cipherKey, iv);
    plain = Buffer.concat([decipher.update(enc), decipher.final()]);
  } catch (err) {
    throw new MediaIntegrityError(`decrypt (${(err as Error).message})`);
  }
  if (fileSha256B64) {
    const sha = createHash('sha256').update(plain).digest('base64');
    if (sha !== fileSha256B64) throw new MediaIntegrityError('sha256');
  }
  return plain;
}
