import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyDecryptError, StoreCorruptError } from './errors.js';
import { STORE_KEY_BYTES } from './keyProvider.js';

/*
 * Envelope: [version=1][iv 12][tag 16][ciphertext]. The row's identity (e.g. "key:session:123")
 * is bound as additional authenticated data, so a row copied onto another id fails to decrypt
 * instead of feeding one contact's session into another.
 */
const ENVELOPE_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** Usage: `const c = new RowCipher(key); c.open(c.seal(bytes, 'creds'), 'creds')`. */
export class RowCipher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== STORE_KEY_BYTES) {
      throw new KeyDecryptError(`store key must be ${STORE_KEY_BYTES} bytes, got ${key.length}`);
    }
    this.#key = Buffer.from(key);
  }

  seal(plain: Uint8Array, aad: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([ENVELOPE_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Uint8Array, aad: string): Uint8Array {
    if (sealed.length < HEADER_BYTES || sealed[0] !== ENVELOPE_VERSION) {
      throw new StoreCorruptError(`encrypted row ${describeAad(aad)} has an invalid envelope`);
    }
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
      return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
    } catch (err) {
      throw new KeyDecryptError(`cannot decrypt row ${describeAad(aad)}`, { cause: err });
    }
  }
}

/** Only the row kind goes into messages: ids of sessions are phone numbers. */
function describeAad(aad: string): string {
  return aad.split(':').slice(0, 2).join(':');
}
