import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/*
 * Backup objects are sealed with AES-256-GCM under a data key that never leaves the device in
 * the clear: either a random 32-byte key or one derived from a passphrase with scrypt (the salt
 * and cost travel in the manifest header so another device with the passphrase can derive it).
 */

export const DATA_KEY_BYTES = 32;
const MAGIC = Buffer.from('WAB1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES + TAG_BYTES;

export type ScryptParams = Readonly<{ algorithm: 'scrypt'; salt: string; N: number; r: number; p: number }>;

/** 2^15 × 8 × 128 B = 32 MiB and ~100 ms: interactive-login strength (OWASP minimum is 2^17 at r=8 for rarely derived keys; we derive once per session). */
export const DEFAULT_SCRYPT: Omit<ScryptParams, 'salt'> = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

export function newScryptParams(base: Omit<ScryptParams, 'salt'> = DEFAULT_SCRYPT): ScryptParams {
  return { ...base, salt: randomBytes(16).toString('base64') };
}

export async function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFKC'),
      Buffer.from(params.salt, 'base64'),
      DATA_KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export class BackupDecryptError extends Error {
  override name = 'BackupDecryptError';
}

/** [magic 'WAB1'][iv 12][tag 16][ciphertext]; `aad` binds the object to its name and generation. */
export function sealObject(key: Uint8Array, plain: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

export function openObject(key: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupDecryptError('backup object has no valid envelope');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(MAGIC.length, MAGIC.length + IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(buf.subarray(MAGIC.length + IV_BYTES, HEADER_BYTES));
    return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES)), decipher.final()]);
  } catch (err) {
    // Wrong key, wrong passphrase, or an object moved/altered: GCM cannot tell them apart.
    throw new BackupDecryptError('backup object failed authentication (wrong key or tampered)', { cause: err });
  }
}
