import {
  addTransactionCapability,
  DEFAULT_CONNECTION_CONFIG,
  encodeWAMessage,
  generateSignalPubKey,
  getNextPreKeys,
  initAuthCreds,
  proto,
  unpadRandomMax16,
} from '@whiskeysockets/baileys';
import type { AuthenticationCreds, BinaryNode, SignalKeyStoreWithTransaction } from '@whiskeysockets/baileys';
import type { SignalRepositoryWithLIDStore } from '@whiskeysockets/baileys/lib/Types/Signal.js';
import { makeMemoryKeyStore } from './memoryKeyStore.js';
import { silentLogger } from './silentLogger.js';

export type SignedKey = Readonly<{ keyId: number; publicKey: Uint8Array; signature?: Uint8Array }>;

/** What a server hands out for `encrypt/get <key>`; keys are raw 32-byte Curve25519 (no 0x05 prefix). */
export type PreKeyBundle = Readonly<{
  registrationId: number;
  identityKey: Uint8Array;
  signedPreKey: SignedKey;
  preKey?: SignedKey;
}>;

export type SignalCiphertext = Readonly<{ type: 'pkmsg' | 'msg'; ciphertext: Uint8Array }>;

const be = (n: number, bytes: number): Buffer => {
  const out = Buffer.alloc(bytes);
  out.writeUIntBE(n, 0, bytes);
  return out;
};

/**
 * One Signal identity (a contact's device, or the phone) built from Baileys' own repository,
 * so the simulator speaks exactly the Signal dialect the client does.
 *
 *   const actor = new SignalActor();
 *   await actor.startSession(deviceJid, bundleFromUploadedPrekeys);
 *   const enc = await actor.encrypt(deviceJid, { conversation: 'hi' });
 */
export class SignalActor {
  readonly creds: AuthenticationCreds = initAuthCreds();
  readonly keys: SignalKeyStoreWithTransaction;
  readonly repo: SignalRepositoryWithLIDStore;

  constructor() {
    this.keys = addTransactionCapability(makeMemoryKeyStore(), silentLogger, {
      maxCommitRetries: 1,
      delayBetweenTriesMs: 0,
    });
    this.repo = DEFAULT_CONNECTION_CONFIG.makeSignalRepository({ creds: this.creds, keys: this.keys }, silentLogger);
  }

  get identityKey(): Uint8Array {
    return this.creds.signedIdentityKey.public;
  }

  /** Mints one fresh one-time prekey, the way a real device would publish it. */
  async nextBundle(): Promise<PreKeyBundle> {
    const { update, preKeys } = await getNextPreKeys({ creds: this.creds, keys: this.keys }, 1);
    Object.assign(this.creds, update);
    const [id, pair] = Object.entries(preKeys)[0] ?? [];
    const spk = this.creds.signedPreKey;
    return {
      registrationId: this.creds.registrationId,
      identityKey: this.creds.signedIdentityKey.public,
      signedPreKey: { keyId: spk.keyId, publicKey: spk.keyPair.public, signature: spk.signature },
      ...(id && pair ? { preKey: { keyId: Number(id), publicKey: pair.public } } : {}),
    };
  }

  async startSession(peerJid: string, bundle: PreKeyBundle): Promise<void> {
    await this.repo.injectE2ESession({
      jid: peerJid,
      session: {
        registrationId: bundle.registrationId,
        identityKey: Buffer.from(generateSignalPubKey(bundle.identityKey)),
        signedPreKey: {
          keyId: bundle.signedPreKey.keyId,
          publicKey: Buffer.from(generateSignalPubKey(bundle.signedPreKey.publicKey)),
          signature: Buffer.from(bundle.signedPreKey.signature ?? new Uint8Array(64)),
        },
        ...(bundle.preKey
          ? {
              preKey: {
                keyId: bundle.preKey.keyId,
                publicKey: Buffer.from(generateSignalPubKey(bundle.preKey.publicKey)),
              },
            }
          : {}),
      },
    });
  }

  async hasSession(peerJid: string): Promise<boolean> {
    return (await this.repo.validateSession(peerJid)).exists;
  }

  async encrypt(peerJid: string, message: proto.IMessage): Promise<SignalCiphertext> {
    const { type, ciphertext } = await this.repo.encryptMessage({ jid: peerJid, data: encodeWAMessage(message) });
    return { type, ciphertext };
  }

  async decrypt(peerJid: string, type: 'pkmsg' | 'msg', ciphertext: Uint8Array): Promise<proto.Message> {
    const padded = await this.repo.decryptMessage({ jid: peerJid, type, ciphertext });
    return proto.Message.decode(unpadRandomMax16(padded));
  }

  /** Stores a sender key the app distributed (`senderKeyDistributionMessage` in a 1:1 message). */
  async acceptSenderKey(item: proto.Message.ISenderKeyDistributionMessage, authorJid: string): Promise<void> {
    await this.repo.processSenderKeyDistributionMessage({ item, authorJid });
  }

  /** Decrypts an `skmsg` of `group` written by `authorJid` (needs its sender key first). */
  async decryptGroup(group: string, authorJid: string, ciphertext: Uint8Array): Promise<proto.Message> {
    const padded = await this.repo.decryptGroupMessage({ group, authorJid, msg: ciphertext });
    return proto.Message.decode(unpadRandomMax16(padded));
  }
}

/** `<user jid>` entry of an `encrypt/get <key>` reply (shape parsed by Baileys' parseAndInjectE2ESessions). */
export function bundleToUserNode(jid: string, bundle: PreKeyBundle): BinaryNode {
  const key = (tag: string, k: SignedKey): BinaryNode => ({
    tag,
    attrs: {},
    content: [
      { tag: 'id', attrs: {}, content: be(k.keyId, 3) },
      { tag: 'value', attrs: {}, content: Buffer.from(k.publicKey) },
      ...(k.signature ? [{ tag: 'signature', attrs: {}, content: Buffer.from(k.signature) }] : []),
    ],
  });
  return {
    tag: 'user',
    attrs: { jid },
    content: [
      { tag: 'registration', attrs: {}, content: be(bundle.registrationId, 4) },
      { tag: 'type', attrs: {}, content: Buffer.from([5]) },
      { tag: 'identity', attrs: {}, content: Buffer.from(bundle.identityKey) },
      key('skey', bundle.signedPreKey),
      ...(bundle.preKey ? [key('key', bundle.preKey)] : []),
    ],
  };
}
