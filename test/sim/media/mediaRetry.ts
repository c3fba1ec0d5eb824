/**
 * The phone's side of media retry. When a download fails the app sends
 *
 *   <receipt id=<msgId> to=<own PN> type="server-error">
 *     <encrypt><enc_p>GCM(ServerErrorReceipt{stanzaId})</enc_p><enc_iv/></encrypt>
 *     <rmr jid=<chat> from_me [participant]/>
 *   </receipt>
 *
 * (Baileys' `encryptMediaRetryRequest`) and waits for `<notification type="mediaretry">` with no
 * timeout, so the simulator must answer every such receipt unless a test wants the hang.
 * Key: HKDF(mediaKey, 32, 'WhatsApp Media Retry Notification'); AAD: the message id.
 */
import { randomBytes } from 'node:crypto';

import {
  aesDecryptGCM,
  aesEncryptGCM,
  getBinaryNodeChild,
  getBinaryNodeChildBuffer,
  hkdf,
  proto,
  type BinaryNode,
} from '@whiskeysockets/baileys';

import type { CdnServer } from '../cdn/index.js';

const RETRY_KEY_INFO = 'WhatsApp Media Retry Notification';
const ResultType = proto.MediaRetryNotification.ResultType;

export type MediaRetryRequest = Readonly<{
  msgId: string;
  /** The receipt's `to`: the user's own PN, which the notification must come `from`. */
  ownJid: string;
  remoteJid: string;
  fromMe: boolean;
  participant?: string;
}>;

/** What the phone still has for a message: the key to decrypt with and the blob to re-upload. */
export type MediaRetryTarget = Readonly<{ mediaKey: Uint8Array; directPath: string }>;

export type MediaRetryOutcome =
  /** Re-upload the same ciphertext under a new directPath and report it. */
  | Readonly<{ kind: 'success' }>
  /** Plain `<error code>`; Baileys maps 2→404, 3→412, 0→418, 1→200. */
  | Readonly<{ kind: 'error'; code: number }>
  /** Encrypted `MediaRetryNotification{result}` that is not SUCCESS. */
  | Readonly<{ kind: 'result'; result: 'NOT_FOUND' | 'GENERAL_ERROR' | 'DECRYPTION_ERROR' }>
  /** Random `enc_p`: the app's GCM decryption fails. */
  | Readonly<{ kind: 'undecryptable' }>
  /** `<encrypt/>` without `enc_p`: Baileys reports 404 "missing ciphertext". */
  | Readonly<{ kind: 'missing-ciphertext' }>
  /** No reply at all: `updateMediaMessage` then hangs until the connection closes. */
  | Readonly<{ kind: 'silence' }>;

export type MediaRetryHandling = Readonly<{
  request: MediaRetryRequest;
  /** The node to send, or undefined for silence. */
  reply: BinaryNode | undefined;
  /** Set on a successful re-upload. */
  newDirectPath?: string;
  /** Why the requested outcome was replaced by an error reply (unknown message, bad receipt). */
  problem?: string;
}>;

/** Reads the plain parts of a `server-error` receipt; throws if it is not one. */
export function parseServerErrorReceipt(node: BinaryNode): MediaRetryRequest {
  const rmr = getBinaryNodeChild(node, 'rmr');
  const { id, to, type } = node.attrs;
  if (node.tag !== 'receipt' || type !== 'server-error' || !id || !to || !rmr?.attrs.jid) {
    throw new Error('not a media retry receipt');
  }
  return {
    msgId: id,
    ownJid: to,
    remoteJid: rmr.attrs.jid,
    fromMe: rmr.attrs.from_me === 'true',
    ...(rmr.attrs.participant ? { participant: rmr.attrs.participant } : {}),
  };
}

/** Decrypts the receipt's ServerErrorReceipt and checks it names the same message. */
export function decryptServerErrorReceipt(node: BinaryNode, mediaKey: Uint8Array): proto.ServerErrorReceipt {
  const encrypt = getBinaryNodeChild(node, 'encrypt');
  const ciphertext = getBinaryNodeChildBuffer(encrypt, 'enc_p');
  const iv = getBinaryNodeChildBuffer(encrypt, 'enc_iv');
  const msgId = node.attrs.id ?? '';
  if (!ciphertext || !iv) throw new Error('server-error receipt without enc_p/enc_iv');
  const plain = aesDecryptGCM(ciphertext, retryKey(mediaKey), iv, Buffer.from(msgId));
  const receipt = proto.ServerErrorReceipt.decode(plain);
  if (receipt.stanzaId !== msgId) throw new Error('ServerErrorReceipt.stanzaId does not match the receipt id');
  return receipt;
}

/** Encrypts a MediaRetryNotification the way `decryptMediaRetryData` expects. */
export function encryptMediaRetryNotification(
  mediaKey: Uint8Array,
  msgId: string,
  notification: proto.IMediaRetryNotification,
): { ciphertext: Buffer; iv: Buffer } {
  const iv = randomBytes(12);
  const plain = proto.MediaRetryNotification.encode(notification).finish();
  return { ciphertext: aesEncryptGCM(plain, retryKey(mediaKey), iv, Buffer.from(msgId)), iv };
}

/** `<notification type="mediaretry">` carrying either an `<encrypt>` or an `<error>` child. */
export function buildMediaRetryNotification(
  request: MediaRetryRequest,
  body: Readonly<{ encrypted: { ciphertext?: Uint8Array; iv?: Uint8Array } } | { errorCode: number }>,
  now: Date = new Date(),
): BinaryNode {
  const rmr: BinaryNode = {
    tag: 'rmr',
    attrs: {
      jid: request.remoteJid,
      from_me: String(request.fromMe),
      ...(request.participant ? { participant: request.participant } : {}),
    },
  };
  let payload: BinaryNode;
  if ('errorCode' in body) {
    payload = { tag: 'error', attrs: { code: String(body.errorCode) } };
  } else {
    const { ciphertext, iv } = body.encrypted;
    const children: BinaryNode[] = [];
    if (ciphertext) children.push({ tag: 'enc_p', attrs: {}, content: ciphertext });
    if (iv) children.push({ tag: 'enc_iv', attrs: {}, content: iv });
    payload = { tag: 'encrypt', attrs: {}, content: children };
  }
  return {
    tag: 'notification',
    attrs: { from: request.ownJid, type: 'mediaretry', id: request.msgId, t: String(Math.floor(now.getTime() / 1000)) },
    content: [rmr, payload],
  };
}

/**
 * Answers one `server-error` receipt. `lookup` maps the request to the phone's copy of the media;
 * `outcome` (fixed, or chosen per request) says how the phone responds. An unknown message
 * is answered `<error code="2"/>` (not found) and an undecryptable or mismatched receipt
 * `<error code="3"/>` (decryption error), so the app never waits forever by accident.
 */
export function handleServerErrorReceipt(
  node: BinaryNode,
  ctx: Readonly<{
    cdn: Pick<CdnServer, 'reupload'>;
    lookup: (request: MediaRetryRequest) => MediaRetryTarget | undefined;
    outcome: MediaRetryOutcome | ((request: MediaRetryRequest) => MediaRetryOutcome);
  }>,
): MediaRetryHandling {
  const request = parseServerErrorReceipt(node);
  const outcome = typeof ctx.outcome === 'function' ? ctx.outcome(request) : ctx.outcome;
  if (outcome.kind === 'silence') return { request, reply: undefined };

  const target = ctx.lookup(request);
  if (!target) {
    return { request, reply: errorReply(request, ResultType.NOT_FOUND), problem: 'unknown message' };
  }
  try {
    decryptServerErrorReceipt(node, target.mediaKey);
  } catch (err) {
    return { request, reply: errorReply(request, ResultType.DECRYPTION_ERROR), problem: (err as Error).message };
  }

  const encrypt = (n: proto.IMediaRetryNotification) =>
    buildMediaRetryNotification(request, {
      encrypted: encryptMediaRetryNotification(target.mediaKey, request.msgId, n),
    });
  switch (outcome.kind) {
    case 'success': {
      const { directPath } = ctx.cdn.reupload(target.directPath);
      const reply = encrypt({ stanzaId: request.msgId, directPath, result: ResultType.SUCCESS });
      return { request, reply, newDirectPath: directPath };
    }
    case 'result':
      return { request, reply: encrypt({ stanzaId: request.msgId, result: ResultType[outcome.result] }) };
    case 'error':
      return { request, reply: errorReply(request, outcome.code) };
    case 'undecryptable':
      return {
        request,
        reply: buildMediaRetryNotification(request, {
          encrypted: { ciphertext: randomBytes(48), iv: randomBytes(12) },
        }),
      };
    case 'missing-ciphertext':
      return { request, reply: buildMediaRetryNotification(request, { encrypted: { iv: randomBytes(12) } }) };
    default:
      return missingCase(outcome);
  }
}

function errorReply(request: MediaRetryRequest, code: number): BinaryNode {
  return buildMediaRetryNotification(request, { errorCode: code });
}

function retryKey(mediaKey: Uint8Array): Buffer {
  return Buffer.from(hkdf(Buffer.from(mediaKey), 32, { info: RETRY_KEY_INFO }));
}

function missingCase(value: never): never {
  throw new Error(`unhandled media retry outcome ${JSON.stringify(value)}`);
}
