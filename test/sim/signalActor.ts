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
import PQueue from 'p-queue';
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

/**
 * Every actor's Signal operations, one at a time, simulator-wide. libsignal serializes session work
 * in a MODULE-GLOBAL queue keyed by the remote address, and every peer talks to the same linked
 * device address, so two peers' jobs share one queue. A job queued while another runs executes in
 * that job's async context, i.e. inside the other transaction of Baileys' `addTransactionCapability`
 * (AsyncLocalStorage): its session reads came from a stale cache and its writes were dropped with an
 * already committed transaction. The peer's ratchet then silently rolled back and the app's next
 * messages failed with "Bad MAC". Real peers are separate devices; one lane here restores that.
 * It also keeps two concurrent bundle requests from minting the same one-time prekey id.
 */
const signalLane = new PQueue({ concurrency: 1 });
const serially = <T>(work: () => Promise<T>): Promise<T> => signalLane.add(work);

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
  nextBundle(): Promise<PreKeyBundle> {
    return serially(() => this.#nextBundle());
  }

  async #nextBundle(): Promise<PreKeyBundle> {
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

  startSession(peerJid: string, bundle: PreKeyBundle): Promise<void> {
    return serially(() => this.#startSession(peerJid, bundle));
  }

  async #startSession(peerJid: string, bundle: PreKeyBundle): Promise<void> {
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

  /** Loses the session with `peerJid`, as a reinstalled or restored device would (tests of retries). */
  forgetSession(peerJid: string): Promise<void> {
    return serially(() => this.repo.deleteSession([peerJid]));
  }

  hasSession(peerJid: string): Promise<boolean> {
    return serially(async () => (await this.repo.validateSession(peerJid)).exists);
  }

  encrypt(peerJid: string, message: proto.IMessage): Promise<SignalCiphertext> {
    return serially(async () => {
      const { type, ciphertext } = await this.repo.encryptMessage({ jid: peerJid, data: encodeWAMessage(message) });
      return { type, ciphertext };
    });
  }

  decrypt(peerJid: string, type: 'pkmsg' | 'msg', ciphertext: Uint8Array): Promise<proto.Message> {
    return serially(async () => {
      const padded = await this.repo.decryptMessage({ jid: peerJid, type, ciphertext });
      return proto.Message.decode(unpadRandomMax16(padded));
    });
  }

  /** Stores a sender key the app distributed (`senderKeyDistributionMessage` in a 1:1 message). */
  acceptSenderKey(item: proto.Message.ISenderKeyDistributionMessage, authorJid: string): Promise<void> {
    return serially(() => this.repo.processSenderKeyDistributionMessage({ item, authorJid }));
  }

  /** Encrypts a group message as `authorJid` (creating the sender key on first use). */
  encryptGroup(
    group: string,
    authorJid: string,
    data: Uint8Array,
  ): Promise<Readonly<{ ciphertext: Uint8Array; senderKeyDistributionMessage: Uint8Array }>> {
    return serially(() => this.repo.encryptGroupMessage({ group, meId: authorJid, data }));
  }

  /** Decrypts an `skmsg` of `group` written by `authorJid` (needs its sender key first). */
  decryptGroup(group: string, authorJid: string, ciphertext: Uint8Array): Promise<proto.Message> {
    return serially(async () => {
      const padded = await this.repo.decryptGroupMessage({ group, authorJid, msg: ciphertext });
      return proto.Message.decode(unpadRandomMax16(padded));
    });
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
