import { randomBytes } from 'node:crypto';
import { hkdf, proto } from '@whiskeysockets/baileys';

/** The five keys Baileys derives from one app-state sync key (its private `mutationKeys`). */
export type MutationKeys = Readonly<{
  indexKey: Buffer;
  valueEncryptionKey: Buffer;
  valueMacKey: Buffer;
  snapshotMacKey: Buffer;
  patchMacKey: Buffer;
}>;

/** HKDF(keyData, 160, "WhatsApp Mutation Keys") split in five, exactly as Baileys expands it. */
export function mutationKeys(keyData: Uint8Array): MutationKeys {
  const out = Buffer.from(hkdf(keyData, 160, { info: 'WhatsApp Mutation Keys' }));
  const part = (i: number): Buffer => out.subarray(i * 32, (i + 1) * 32);
  return {
    indexKey: part(0),
    valueEncryptionKey: part(1),
    valueMacKey: part(2),
    snapshotMacKey: part(3),
    patchMacKey: part(4),
  };
}

/**
 * The app-state sync keys the phone owns and shares with companions (APP_STATE_SYNC_KEY_SHARE).
 * Patches are encrypted and MACed with them; the server never needs them in real life, the
 * simulator uses them to build the phone's patches and to verify the client's.
 *
 *   const keys = new AppStateKeyring();
 *   await phone.sendProtocolMessageToDevice(keys.shareMessage());
 */
export class AppStateKeyring {
  readonly #keys = new Map<string, proto.Message.IAppStateSyncKeyData>();
  #current = '';

  constructor() {
    this.rotate();
  }

  /** base64 key id, as Baileys' `creds.myAppStateKeyId` holds it. */
  get currentKeyId(): string {
    return this.#current;
  }

  /** A new key becomes the one used for the phone's next patches (old ones still decode). */
  rotate(): string {
    // Real key ids are 6 bytes: a 2-byte device id and a 4-byte epoch.
    const id = randomBytes(6).toString('base64');
    this.#keys.set(id, {
      keyData: randomBytes(32),
      fingerprint: { rawId: randomBytes(4).readUInt32BE(0), currentIndex: this.#keys.size, deviceIndexes: [0] },
      timestamp: Date.now(),
    });
    this.#current = id;
    return id;
  }

  /** Baileys' FetchAppStateSyncKey shape. */
  get = (keyId: string): Promise<proto.Message.IAppStateSyncKeyData | null> =>
    Promise.resolve(this.#keys.get(keyId) ?? null);

  keysFor(keyId: string): MutationKeys {
    const key = this.#keys.get(keyId)?.keyData;
    if (!key) throw new Error(`unknown app-state key ${keyId}`);
    return mutationKeys(key);
  }

  /** The protocol message the phone sends from its own PN; Baileys stores every key and sets myAppStateKeyId. */
  shareMessage(): proto.Message.IProtocolMessage {
    return {
      type: proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE,
      appStateSyncKeyShare: {
        keys: [...this.#keys].map(([id, keyData]) => ({ keyId: { keyId: Buffer.from(id, 'base64') }, keyData })),
      },
    };
  }
}
