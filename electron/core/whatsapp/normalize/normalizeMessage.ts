import { proto } from '@whiskeysockets/baileys';
import type { ContactId, MessageDraft, MessageStatus, Reaction } from '../../../../shared/src/index.js';
import { bodyOf } from './bodyOf.js';
import type { NormalizedBody } from './bodyOf.js';
import type { Envelope, KeyWithAlts } from './envelopeOf.js';
import { envelopeOf, keyLidPairs } from './envelopeOf.js';
import type { JidResolver, LidPnPair } from './messageId.js';
import { isConsistentPair, isGroupJid, makeJidResolver, toContactId } from './messageId.js';
import { normalizeProtocol } from './normalizeProtocol.js';
import type { NormalizeContext, NormalizeOp } from './ops.js';
import { previewOf } from './previewOf.js';
import { bytesToB64, protoNumber } from './protoNumbers.js';
import { quotedTarget } from './targetOf.js';
import { contentTypeOf, isKeyDistributionOnly, unwrapMessage } from './unwrapMessage.js';

// QuotedSchema.preview is capped at 1024.
const MAX_QUOTE_PREVIEW_CHARS = 1024;

/**
 * Turns one Baileys message (live upsert, history, or a `messages.update` carrying an edit) into domain
 * ops. Pure: everything stateful (JID resolution, own sent ids, poll secrets) comes in through `ctx`.
 * `extraLidPairs` lets a history chunk resolve LIDs with the mappings it carries itself. A history
 * chunk also passes `chunk`: its resolver (which must be `makeJidResolver(ctx, extraLidPairs)`, shared so
 * its memo serves every message; a message whose key carries its own pairs still gets one of its own)
 * and the message's wire bytes when known, stored as `raw` instead of re-encoding the message.
 */
export function normalizeMessage(
  msg: proto.IWebMessageInfo,
  ctx: NormalizeContext,
  extraLidPairs: readonly LidPnPair[] = [],
  chunk?: Readonly<{ resolver: JidResolver; raw?: Uint8Array | undefined }>,
): NormalizeOp[] {
  const key = (msg.key ?? {}) as KeyWithAlts;
  const { remoteJid, id } = key;
  if (!remoteJid || !id) {
    return [{ op: 'ignore', reason: 'message without remoteJid or id' }];
  }
  const pairs = keyLidPairs(key).filter((p) => isConsistentPair(ctx, p));
  const resolver =
    pairs.length === 0 && chunk !== undefined ? chunk.resolver : makeJidResolver(ctx, [...extraLidPairs, ...pairs]);
  const env = envelopeOf(msg, { ...key, remoteJid, id }, resolver, ctx.self.pn);
  const ops: NormalizeOp[] = pairs.map((p) => ({ op: 'lidMapping', ...p }));
  if (!env.isFromMe && msg.pushName && env.senderId) {
    ops.push({ op: 'upsertContactName', contactId: env.senderId, source: 'pushName', name: msg.pushName });
  }
  ops.push(...contentOps(msg, env, ctx, chunk?.raw));
  return ops;
}

function contentOps(
  msg: proto.IWebMessageInfo,
  env: Envelope,
  ctx: NormalizeContext,
  raw: Uint8Array | undefined,
): NormalizeOp[] {
  // View-once is unwrapped like any container: the keys are recorded, the phone may refuse a re-upload later.
  const { content } = unwrapMessage(msg.message);
  if (!content) {
    return withChat(upsert(msg, env, ctx, stubBody(msg), raw));
  }
  if (isKeyDistributionOnly(content)) {
    return [{ op: 'ignore', reason: 'senderKeyDistributionMessage' }];
  }
  const contentType = contentTypeOf(content);
  if (contentType === null) {
    // protobufjs skips fields its schema does not know, so a kind newer than our WAProto arrives as a
    // message with nothing but messageContextInfo. It is still a message someone sent.
    const unsupported: NormalizedBody = { body: { kind: 'unsupported', waType: 'unknown' }, contextInfo: null };
    return withChat(upsert(msg, env, ctx, unsupported, raw));
  }
  const special = normalizeProtocol(content, contentType, env, ctx);
  if (special) {
    return special;
  }
  const op = upsert(msg, env, ctx, bodyOf(content, contentType), raw);
  return [...withChat(op), ...(op.message.body.kind === 'poll' ? inlinePollVotes(msg, env, ctx) : [])];
}

/** History copies of a poll carry its votes inline, already decrypted by the phone. */
function inlinePollVotes(msg: proto.IWebMessageInfo, env: Envelope, ctx: NormalizeContext): NormalizeOp[] {
  const target = { chatId: env.chatId, messageId: env.messageId };
  return (msg.pollUpdates ?? []).flatMap((u): NormalizeOp[] => {
    const k = u.pollUpdateMessageKey;
    if (!k) return [];
    const voter = k.fromMe
      ? selfContactId(env, ctx)
      : toContactId(env.resolver.canonical(k.participant || k.remoteJid || env.chatJid));
    const hashes = (u.vote?.selectedOptions ?? []).map((h) => Buffer.from(h).toString('hex'));
    const at = protoNumber(u.senderTimestampMs) ?? env.at;
    return [{ op: 'applyPollVote', target, voter, vote: { kind: 'decrypted', selectedOptionHashesHex: hashes }, at }];
  });
}

function selfContactId(env: Envelope, ctx: NormalizeContext): ContactId {
  return toContactId(env.resolver.canonical(ctx.self.pn));
}

/** Every message also yields its chat row, so chats are derivable from messages alone (see normalizeHistorySync). */
function withChat(op: Extract<NormalizeOp, { op: 'upsertMessage' }>): NormalizeOp[] {
  const m = op.message;
  const isGroup = isGroupJid(m.chatId);
  return [
    op,
    {
      op: 'upsertChat',
      chat: {
        id: m.chatId,
        contactId: toContactId(m.chatId),
        isGroup,
        lastMessageAt: m.timestamp,
        oldestMessageAt: m.timestamp,
        preview: { senderId: m.senderId, isFromMe: m.isFromMe, ...previewOf(m.body) },
      },
    },
  ];
}

/** A message with no content is a stub (group events, revoked history copies, undecryptable "waiting" placeholders). */
function stubBody(msg: proto.IWebMessageInfo): NormalizedBody {
  const stub = msg.messageStubType;
  if (stub === proto.WebMessageInfo.StubType.REVOKE) {
    return { body: { kind: 'deleted' }, contextInfo: null };
  }
  const name = stub ? (proto.WebMessageInfo.StubType[stub] ?? String(stub)) : 'EMPTY';
  return { body: { kind: 'unsupported', waType: `stub:${name}` }, contextInfo: null };
}

function upsert(
  msg: proto.IWebMessageInfo,
  env: Envelope,
  ctx: NormalizeContext,
  normalized: NormalizedBody,
  raw: Uint8Array | undefined,
): Extract<NormalizeOp, { op: 'upsertMessage' }> {
  const { body, media, contextInfo } = normalized;
  const quoted = contextInfo ? quotedTarget(env, contextInfo) : null;
  const message: MessageDraft = {
    accountId: ctx.accountId,
    chatId: env.chatId,
    id: env.messageId,
    senderId: env.senderId,
    isFromMe: env.isFromMe,
    isFromOtherDevice: env.isFromMe && !ctx.isSentByThisDevice(env.waId),
    timestamp: env.at,
    status: statusOf(env.isFromMe, msg.status),
    body,
    quoted:
      quoted && contextInfo
        ? { id: quoted.target.messageId, senderId: quoted.senderId, preview: quotePreview(contextInfo.quotedMessage) }
        : null,
    reactions: reactionsOf(msg, env, ctx),
    editedAt: null,
    isForwarded: contextInfo?.isForwarded === true,
    failure: null,
  };
  const secret = bytesToB64(msg.message?.messageContextInfo?.messageSecret);
  return {
    op: 'upsertMessage',
    message,
    raw: raw ?? proto.WebMessageInfo.encode(msg).finish(),
    ...(media ? { media } : {}),
    ...(body.kind === 'poll' && secret ? { pollSecretB64: secret } : {}),
  };
}

function quotePreview(quoted: proto.IMessage | null | undefined): string {
  const { content } = unwrapMessage(quoted);
  const type = contentTypeOf(content);
  if (!content || type === null) {
    return '';
  }
  return previewOf(bodyOf(content, type).body).text.slice(0, MAX_QUOTE_PREVIEW_CHARS);
}

/** History copies carry their reactions inline rather than as separate reaction messages. */
function reactionsOf(msg: proto.IWebMessageInfo, env: Envelope, ctx: NormalizeContext): Reaction[] {
  const self = selfContactId(env, ctx);
  return (msg.reactions ?? [])
    .filter((r) => r.text)
    .map((r) => {
      const k = r.key ?? {};
      const sender: ContactId = k.fromMe
        ? self
        : toContactId(env.resolver.canonical(k.participant || k.remoteJid || env.chatJid));
      return { senderId: sender, emoji: r.text ?? '', at: protoNumber(r.senderTimestampMs) ?? env.at };
    });
}

function statusOf(isFromMe: boolean, status: proto.WebMessageInfo.Status | null | undefined): MessageStatus {
  if (!isFromMe) {
    return 'received';
  }
  switch (status) {
    case proto.WebMessageInfo.Status.ERROR:
      return 'failed';
    case proto.WebMessageInfo.Status.PENDING:
      return 'pending';
    case proto.WebMessageInfo.Status.DELIVERY_ACK:
      return 'delivered';
    case proto.WebMessageInfo.Status.READ:
      return 'read';
    case proto.WebMessageInfo.Status.PLAYED:
      return 'played';
    case proto.WebMessageInfo.Status.SERVER_ACK:
    case null:
    case undefined:
      // History copies of our own messages often carry no status: they were at least sent.
      return 'sent';
    default:
      return 'sent';
  }
}
