import { jidNormalizedUser, proto } from '@whiskeysockets/baileys';
import { bodyOf } from './bodyOf.js';
import type { Envelope } from './envelopeOf.js';
import { SELF_AUTHOR, toContactId, toMessageId } from './messageId.js';
import type { MessageTarget, NormalizeContext, NormalizeOp, PollVote } from './ops.js';
import { previewOf } from './previewOf.js';
import { bytesToB64, protoNumber } from './protoNumbers.js';
import { authoredTarget, referencedAuthor, referencedTarget } from './targetOf.js';
import { contentTypeOf, unwrapMessage } from './unwrapMessage.js';

/**
 * Messages that act on another message (edit, revoke, reaction, poll vote) or are protocol plumbing.
 * Returns null for content that is a message of its own.
 */
export function normalizeProtocol(
  content: proto.IMessage,
  contentType: string,
  env: Envelope,
  ctx: NormalizeContext,
): NormalizeOp[] | null {
  if (content.editedMessage) {
    const inner = content.editedMessage.message;
    if (inner?.protocolMessage) {
      return protocolOps(inner.protocolMessage, env);
    }
    // Baileys' own `messages.update` shape: `{editedMessage: {message: newContent}}` under the edited key.
    return editOps({ chatId: env.chatId, messageId: env.messageId }, inner, env.at);
  }
  if (content.protocolMessage) {
    return protocolOps(content.protocolMessage, env);
  }
  if (content.reactionMessage) {
    const r = content.reactionMessage;
    const target = r.key ? referencedTarget(env, r.key) : null;
    if (!target) {
      return [{ op: 'ignore', reason: 'reaction without target key' }];
    }
    return [
      {
        op: 'applyReaction',
        target,
        senderId: senderOrSelf(env, ctx),
        emoji: r.text ?? '',
        at: protoNumber(r.senderTimestampMs) ?? env.at,
      },
    ];
  }
  if (content.pollUpdateMessage) {
    return pollVoteOps(content.pollUpdateMessage, env, ctx);
  }
  return contentType === 'protocolMessage' ? [{ op: 'ignore', reason: 'protocolMessage' }] : null;
}

function protocolOps(p: proto.Message.IProtocolMessage, env: Envelope): NormalizeOp[] {
  const Type = proto.Message.ProtocolMessage.Type;
  const target = p.key ? authoredTarget(env, p.key) : null;
  if (p.type === Type.REVOKE) {
    return target ? [{ op: 'applyRevoke', target, at: env.at }] : [{ op: 'ignore', reason: 'revoke without key' }];
  }
  if (p.type === Type.MESSAGE_EDIT) {
    if (!target) {
      return [{ op: 'ignore', reason: 'edit without key' }];
    }
    return editOps(target, p.editedMessage, protoNumber(p.timestampMs) ?? env.at);
  }
  // History sync notifications, app-state key shares, PDO responses, ephemeral settings…: handled by
  // Baileys itself, nothing to show.
  const name = p.type === null || p.type === undefined ? 'UNKNOWN' : (Type[p.type] ?? String(p.type));
  return [{ op: 'ignore', reason: `protocolMessage:${name}` }];
}

function editOps(target: MessageTarget, edited: proto.IMessage | null | undefined, at: number): NormalizeOp[] {
  const { content } = unwrapMessage(edited);
  const type = contentTypeOf(content);
  if (!content || type === null) {
    return [{ op: 'ignore', reason: 'edit without content' }];
  }
  const { body } = bodyOf(content, type);
  // Only text and captions can be edited; the store keeps the original media and swaps the caption.
  const newText =
    body.kind === 'text' ? body.text : body.kind === 'media' ? (body.caption ?? '') : previewOf(body).text;
  return [{ op: 'applyEdit', target, newBody: body, newText, at }];
}

function pollVoteOps(u: proto.Message.IPollUpdateMessage, env: Envelope, ctx: NormalizeContext): NormalizeOp[] {
  const ref = u.pollCreationMessageKey;
  if (!ref?.id) {
    return [{ op: 'ignore', reason: 'poll vote without poll key' }];
  }
  const encPayload = u.vote?.encPayload;
  const encIv = u.vote?.encIv;
  if (!encPayload || !encIv) {
    return [{ op: 'ignore', reason: 'poll vote without payload' }];
  }
  const author = referencedAuthor(env, ref);
  const target: MessageTarget = { chatId: env.chatId, messageId: toMessageId(env.chatId, author, ref.id) };
  const input = {
    target,
    encPayload,
    encIv,
    // The vote's key derivation binds the raw creator and voter JIDs, not our canonical ids. Which
    // addressing (PN or LID) the voter used is not knowable here; the hook may try the other one.
    pollCreatorJid: creatorRawJid(env, ref, author === SELF_AUTHOR, ctx),
    voterJid: env.senderRawJid,
    pollMsgId: ref.id,
  };
  const decrypted = ctx.decryptPollVote?.(input) ?? null;
  const vote: PollVote = decrypted
    ? {
        kind: 'decrypted',
        selectedOptionHashesHex: decrypted.selectedOptionHashes.map((h) => Buffer.from(h).toString('hex')),
      }
    : {
        kind: 'encrypted',
        encPayloadB64: bytesToB64(encPayload) ?? '',
        encIvB64: bytesToB64(encIv) ?? '',
        pollCreatorJid: input.pollCreatorJid,
        voterJid: input.voterJid,
        pollMsgId: input.pollMsgId,
      };
  return [
    {
      op: 'applyPollVote',
      target,
      voter: senderOrSelf(env, ctx),
      vote,
      at: protoNumber(u.senderTimestampMs) ?? env.at,
    },
  ];
}

function creatorRawJid(env: Envelope, ref: proto.IMessageKey, isMine: boolean, ctx: NormalizeContext): string {
  if (isMine) return jidNormalizedUser(ctx.self.pn);
  if (ref.participant) return jidNormalizedUser(ref.participant);
  // 1:1: the other author is the peer; in a group without participant, the sender's own poll.
  return env.hasParticipants || !env.isFromMe ? env.senderRawJid : env.chatRawJid;
}

function senderOrSelf(env: Envelope, ctx: NormalizeContext): ReturnType<typeof toContactId> {
  return env.senderId ?? toContactId(env.resolver.canonical(ctx.self.pn));
}
