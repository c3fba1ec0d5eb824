import {
  aesDecryptGCM,
  aesEncryptGCM,
  Curve,
  hkdf,
  NOISE_MODE,
  NOISE_WA_HEADER,
  proto,
  sha256,
} from '@whiskeysockets/baileys';
import type { KeyPair } from '@whiskeysockets/baileys';

const iv = (counter: number): Uint8Array => {
  const out = new Uint8Array(12);
  new DataView(out.buffer).setUint32(8, counter);
  return out;
};

export class NoiseProtocolError extends Error {}

/**
 * Server (responder) half of WhatsApp's Noise_XX_25519_AESGCM_SHA256 plus its framing.
 *
 *   const noise = new NoiseResponder(staticKeys, certChainBytes);
 *   for (const frame of noise.push(wsBytes)) { ... }   // handshake frames first, then transport plaintexts
 *
 * Frames are 3-byte big-endian length + data; the client's first websocket message starts with
 * the 4-byte intro `WA 6 3`; frames may be split or coalesced across websocket messages.
 */
export class NoiseResponder {
  #hash: Buffer;
  #salt: Buffer;
  #key: Buffer;
  #counter = 0;
  #buffer = Buffer.alloc(0);
  #sawIntro = false;
  #ephemeral: KeyPair = Curve.generateKeyPair();
  #send: { key: Buffer; counter: number } | undefined;
  #recv: { key: Buffer; counter: number } | undefined;
  clientStaticPublic: Buffer | undefined;

  constructor(
    private readonly staticKeys: KeyPair,
    private readonly certChain: Uint8Array,
  ) {
    // NOISE_MODE is exactly 32 bytes, so (like the client) it is used as the initial hash unhashed.
    const mode = Buffer.from(NOISE_MODE);
    this.#hash = mode.length === 32 ? mode : Buffer.from(sha256(mode));
    this.#salt = this.#hash;
    this.#key = this.#hash;
  }

  get isTransport(): boolean {
    return this.#send !== undefined;
  }

  /** Splits incoming websocket bytes into complete frames (the intro is stripped once). */
  push(data: Uint8Array): Buffer[] {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    if (!this.#sawIntro) {
      if (this.#buffer.length < NOISE_WA_HEADER.length) return [];
      const intro = this.#buffer.subarray(0, NOISE_WA_HEADER.length);
      if (!intro.equals(Buffer.from(NOISE_WA_HEADER))) throw new NoiseProtocolError('bad intro header');
      this.#sawIntro = true;
      this.#buffer = this.#buffer.subarray(NOISE_WA_HEADER.length);
    }
    const frames: Buffer[] = [];
    while (this.#buffer.length >= 3) {
      const size = (this.#buffer[0]! << 16) | (this.#buffer[1]! << 8) | this.#buffer[2]!;
      if (this.#buffer.length < size + 3) break;
      frames.push(Buffer.from(this.#buffer.subarray(3, size + 3)));
      this.#buffer = this.#buffer.subarray(size + 3);
    }
    return frames;
  }

  /** Consumes clientHello, returns the serverHello frame. */
  respondToHello(frame: Uint8Array): Buffer {
    const hello = proto.HandshakeMessage.decode(frame).clientHello;
    if (!hello?.ephemeral || hello.ephemeral.length !== 32) throw new NoiseProtocolError('missing client ephemeral');
    const clientEphemeral = Buffer.from(hello.ephemeral);
    this.#mixHash(Buffer.from(NOISE_WA_HEADER));
    this.#mixHash(clientEphemeral);
    this.#mixHash(this.#ephemeral.public);
    this.#mixKey(Curve.sharedKey(this.#ephemeral.private, clientEphemeral));
    const staticEnc = this.#encrypt(this.staticKeys.public);
    this.#mixKey(Curve.sharedKey(this.staticKeys.private, clientEphemeral));
    const payloadEnc = this.#encrypt(this.certChain);
    return this.frame(
      proto.HandshakeMessage.encode({
        serverHello: { ephemeral: this.#ephemeral.public, static: staticEnc, payload: payloadEnc },
      }).finish(),
    );
  }

  /** Consumes clientFinish, switches to transport and returns the decrypted ClientPayload. */
  finish(frame: Uint8Array): proto.ClientPayload {
    const fin = proto.HandshakeMessage.decode(frame).clientFinish;
    if (!fin?.static || !fin.payload) throw new NoiseProtocolError('missing clientFinish');
    // Gotcha: the client shares one counter between decrypt and encrypt during the handshake, so after
    // decrypting our payload at counter 0 it encrypts its static key at counter 1 — without a mixKey between.
    this.#counter = 1;
    this.clientStaticPublic = this.#decrypt(Buffer.from(fin.static));
    this.#mixKey(Curve.sharedKey(this.#ephemeral.private, this.clientStaticPublic));
    const payload = proto.ClientPayload.decode(this.#decrypt(Buffer.from(fin.payload)));
    const okm = Buffer.from(hkdf(Buffer.alloc(0), 64, { salt: this.#salt, info: '' }));
    // The client encrypts with the first half and decrypts with the second.
    this.#recv = { key: okm.subarray(0, 32), counter: 0 };
    this.#send = { key: okm.subarray(32), counter: 0 };
    return payload;
  }

  decryptTransport(frame: Uint8Array): Buffer {
    if (!this.#recv) throw new NoiseProtocolError('not in transport');
    return aesDecryptGCM(frame, this.#recv.key, iv(this.#recv.counter++), Buffer.alloc(0));
  }

  /** Encrypts (in transport mode) and frames; server frames never carry the intro. */
  frame(data: Uint8Array): Buffer {
    const body = this.#send ? aesEncryptGCM(data, this.#send.key, iv(this.#send.counter++), Buffer.alloc(0)) : data;
    const header = Buffer.from([(body.length >>> 16) & 0xff, (body.length >>> 8) & 0xff, body.length & 0xff]);
    return Buffer.concat([header, body]);
  }

  #mixHash(data: Uint8Array): void {
    this.#hash = Buffer.from(sha256(Buffer.concat([this.#hash, data])));
  }

  #mixKey(ikm: Uint8Array): void {
    const okm = Buffer.from(hkdf(Buffer.from(ikm), 64, { salt: this.#salt, info: '' }));
    this.#salt = okm.subarray(0, 32);
    this.#key = okm.subarray(32);
    this.#counter = 0;
  }

  #encrypt(plaintext: Uint8Array): Buffer {
    const out = aesEncryptGCM(plaintext, this.#key, iv(this.#counter++), this.#hash);
    this.#mixHash(out);
    return out;
  }

  #decrypt(ciphertext: Buffer): Buffer {
    const out = aesDecryptGCM(ciphertext, this.#key, iv(this.#counter++), this.#hash);
    this.#mixHash(ciphertext);
    return out;
  }
}
