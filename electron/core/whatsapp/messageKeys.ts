import { proto } from '@whiskeysockets/baileys';
import type { WAMessageKey } from '@whiskeysockets/baileys';
import type { ChatId, MessageId } from '../../../shared/src/index.js';
import type { NormalizeContext } from './normalize/index.js';
import { makeJidResolver, toChatId, toContactId, toMessageId } from './normalize/index.js';
import { isConsistentPair, lidPnPairOf } from './normalize/messageId.js';

export type DomainTarget = Readonly<{ chatId: ChatId; messageId: MessageId }>;

/** A Baileys message key in the archive's ids (same scheme as the normalizer, see messageId.ts). */
export function domainTargetOf(key: WAMessageKey, ctx: NormalizeContext): DomainTarget | null {
  const k = key;
  if (!k.remoteJid || !k.id) return null;
  const pairs = [lidPnPairOf(k.remoteJid, k.remoteJidAlt), lidPnPairOf(k.participant, k.participantAlt)]
    .filter((p) => p !== null)
    .filter((p) => isConsistentPair(ctx, p));
  const resolver = makeJidResolver(ctx, pairs);
  const chatId = toChatId(resolver.canonical(k.remoteJid));
  const author = k.fromMe ? 'me' : toContactId(resolver.canonical(k.participant || k.remoteJid));
  return { chatId, messageId: toMessageId(chatId, author, k.id) };
}

/**
 * The WhatsApp key of an archived message: from its raw bytes when stored (exact), otherwise rebuilt
 * from the id scheme `${chatId}|${author}|${waId}`.
 */
export function waKeyOf(chatId: string, messageId: string, raw: Uint8Array | undefined): WAMessageKey {
  if (raw !== undefined) {
    const decoded = proto.WebMessageInfo.decode(raw);
    if (decoded.key?.id) return decoded.key;
  }
  const parts = messageId.split('|');
  const waId = parts.at(-1) ?? messageId;
  const author = parts.length >= 3 ? parts.at(-2) : 'me';
  const isFromMe = author === 'me';
  const isGroup = chatId.endsWith('@g.us');
  return {
    remoteJid: chatId,
    fromMe: isFromMe,
    id: waId,
    ...(isGroup && !isFromMe && author !== undefined ? { participant: author } : {}),
  };
}

/** The raw WebMessageInfo of an archived message, or undefined. */
export function decodeRaw(raw: Uint8Array | undefined): proto.WebMessageInfo | undefined {
  return raw === undefined ? undefined : proto.WebMessageInfo.decode(raw);
}
