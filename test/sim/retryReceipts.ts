import type { BinaryNode } from '@whiskeysockets/baileys';
import type { PreKeyBundle, SignedKey } from './signalActor.js';

/** Like WhatsApp clients (and Baileys' maxMsgRetryCount), a peer asks for a message at most this often. */
export const MAX_RETRY_RECEIPTS = 5;

/** Signal's key bundle type byte (Curve25519), as in `<keys><type>`. */
const KEY_BUNDLE_TYPE = Buffer.from([5]);

export type RetryReceiptInput = Readonly<{
  /** The peer asking: a contact's PN jid, or the account's own PN for its phone. */
  from: string;
  /** The chat the message was sent to; only the account's own devices name it. */
  recipient?: string;
  /** The undecryptable message's id and its stanza's timestamp. */
  id: string;
  t: string;
  /** 1 for the first request, then 2, 3… */
  count: number;
  registrationId: number;
  /** A fresh bundle of the asking device: sent from the second request on (count > 1). */
  keys?: PreKeyBundle;
}>;

const be = (n: number, bytes: number): Buffer => {
  const out = Buffer.alloc(bytes);
  out.writeUIntBE(n, 0, bytes);
  return out;
};

function keyNode(tag: 'key' | 'skey', key: SignedKey): BinaryNode {
  return {
    tag,
    attrs: {},
    content: [
      { tag: 'id', attrs: {}, content: be(key.keyId, 3) },
      { tag: 'value', attrs: {}, content: Buffer.from(key.publicKey) },
      ...(key.signature ? [{ tag: 'signature', attrs: {}, content: Buffer.from(key.signature) }] : []),
    ],
  };
}

/**
 * The `<receipt type="retry">` a WhatsApp device sends when it cannot decrypt a message: the
 * sender re-encrypts it, from a fresh session when keys are attached (Baileys: handleReceipt →
 * sendMessagesAgain; the shape mirrors its own sendRetryRequest).
 */
export function retryReceipt(input: RetryReceiptInput): BinaryNode {
  const content: BinaryNode[] = [
    { tag: 'retry', attrs: { count: String(input.count), id: input.id, t: input.t, v: '1', error: '0' } },
    { tag: 'registration', attrs: {}, content: be(input.registrationId, 4) },
  ];
  const { keys } = input;
  if (keys) {
    content.push({
      tag: 'keys',
      attrs: {},
      content: [
        { tag: 'type', attrs: {}, content: KEY_BUNDLE_TYPE },
        { tag: 'identity', attrs: {}, content: Buffer.from(keys.identityKey) },
        ...(keys.preKey ? [keyNode('key', keys.preKey)] : []),
        keyNode('skey', keys.signedPreKey),
      ],
    });
  }
  return {
    tag: 'receipt',
    attrs: {
      from: input.from,
      id: input.id,
      t: String(Math.floor(Date.now() / 1000)),
      type: 'retry',
      ...(input.recipient ? { recipient: input.recipient } : {}),
    },
    content,
  };
}
