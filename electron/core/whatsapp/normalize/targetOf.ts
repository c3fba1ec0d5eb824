import type { proto } from '@whiskeysockets/baileys';
import type { ContactId } from '../../../../shared/src/index.js';
import type { Envelope } from './envelopeOf.js';
import { SELF_AUTHOR, toChatId, toContactId, toMessageId } from './messageId.js';
import type { MessageTarget } from './ops.js';

/**
 * Target of a reaction or poll vote. The key inside is written from the *sender's* perspective
 * (fromMe = "mine", remoteJid = us in a 1:1). Baileys' processMessage rewrites it to ours in place, but
 * possibly after we see the message, so we accept both forms and must not flip twice.
 */
export function referencedTarget(env: Envelope, ref: proto.IMessageKey): MessageTarget | null {
  return ref.id ? { chatId: env.chatId, messageId: toMessageId(env.chatId, referencedAuthor(env, ref), ref.id) } : null;
}

/** The author of the message a reaction or vote refers to, in either key perspective. */
export function referencedAuthor(env: Envelope, ref: proto.IMessageKey): ContactId | typeof SELF_AUTHOR {
  const { isSelf, canonical } = env.resolver;
  if (env.isFromMe) {
    // Our own reaction (from any device): the key is already ours.
    return ref.fromMe ? SELF_AUTHOR : authorOther(env, ref.participant);
  }
  if (ref.participant) {
    return isSelf(ref.participant) ? SELF_AUTHOR : toContactId(canonical(ref.participant));
  }
  if (!env.hasParticipants && isSelf(ref.remoteJid)) {
    // Raw 1:1 form: remoteJid is us, fromMe means "the sender's own message".
    return ref.fromMe ? authorOther(env, null) : SELF_AUTHOR;
  }
  if (env.hasParticipants) {
    // Raw group form without participant: only the sender's own message can be meant.
    return authorOther(env, null);
  }
  // Already rewritten by Baileys: remoteJid is the peer, fromMe is ours.
  return ref.fromMe ? SELF_AUTHOR : authorOther(env, null);
}

/**
 * Target of an edit or revoke. Only the author edits, and only the author or a group admin revokes;
 * for an admin revoke the key's participant names the original author.
 */
export function authoredTarget(env: Envelope, ref: proto.IMessageKey): MessageTarget | null {
  if (!ref.id) {
    return null;
  }
  const { isSelf, canonical } = env.resolver;
  let author: ContactId | typeof SELF_AUTHOR;
  if (env.hasParticipants && ref.participant) {
    author = isSelf(ref.participant) ? SELF_AUTHOR : toContactId(canonical(ref.participant));
  } else {
    author = env.senderId ?? SELF_AUTHOR;
  }
  return { chatId: env.chatId, messageId: toMessageId(env.chatId, author, ref.id) };
}

/** Target of a quoted reply: contextInfo names the quoted message's author in `participant`. */
export function quotedTarget(
  env: Envelope,
  ctx: proto.IContextInfo,
): { target: MessageTarget; senderId: ContactId | null } | null {
  if (!ctx.stanzaId) {
    return null;
  }
  const { isSelf, canonical } = env.resolver;
  // A reply to a status update names the status chat in remoteJid; otherwise it is this chat.
  const chatId = ctx.remoteJid ? toChatId(canonical(ctx.remoteJid)) : env.chatId;
  const isMine = isSelf(ctx.participant);
  const senderId = isMine ? null : ctx.participant ? toContactId(canonical(ctx.participant)) : toContactId(env.chatJid);
  return { target: { chatId, messageId: toMessageId(chatId, senderId ?? SELF_AUTHOR, ctx.stanzaId) }, senderId };
}

function authorOther(env: Envelope, participant: string | null | undefined): ContactId {
  if (participant) {
    return toContactId(env.resolver.canonical(participant));
  }
  // In a 1:1 the only other author is the peer; in a group, the reaction's sender.
  return env.senderId ?? toContactId(env.chatJid);
}
