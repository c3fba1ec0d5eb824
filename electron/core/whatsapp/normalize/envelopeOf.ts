import type { proto } from '@whiskeysockets/baileys';
import type { ChatId, ContactId, MessageId } from '../../../../shared/src/index.js';
import type { JidResolver, LidPnPair } from './messageId.js';
import { SELF_AUTHOR, isGroupJid, lidPnPairOf, toChatId, toContactId, toMessageId } from './messageId.js';
import { secondsToMs } from './protoNumbers.js';

/** Baileys adds the alternate addressing (LID vs PN) of a key beside the proto fields. */
export type KeyWithAlts = proto.IMessageKey & { remoteJidAlt?: string | null; participantAlt?: string | null };

/** Who sent what where, in domain ids: everything derived from the key and timestamp of one message. */
export type Envelope = Readonly<{
  waId: string;
  chatJid: string;
  /** The chat as the wire addressed it (device dropped, not resolved). */
  chatRawJid: string;
  chatId: ChatId;
  isGroup: boolean;
  /** Chats whose key carries a participant: groups, broadcast lists, status. */
  hasParticipants: boolean;
  isFromMe: boolean;
  /** Null for the account's own messages. */
  senderId: ContactId | null;
  /** The sender as the wire addressed it (device dropped, not resolved): poll-vote crypto uses it verbatim. */
  senderRawJid: string;
  messageId: MessageId;
  at: number;
  resolver: JidResolver;
}>;

export function envelopeOf(
  msg: proto.IWebMessageInfo,
  key: KeyWithAlts & { remoteJid: string; id: string },
  resolver: JidResolver,
  selfPn: string,
): Envelope {
  const chatJid = resolver.canonical(key.remoteJid);
  const chatId = toChatId(chatJid);
  const participant = key.participant || msg.participant || null;
  const isFromMe = key.fromMe === true;
  const senderRawJid = isFromMe ? resolver.normalized(selfPn) : resolver.normalized(participant ?? key.remoteJid);
  const senderId = isFromMe ? null : toContactId(resolver.canonical(participant ?? key.remoteJid));
  return {
    waId: key.id,
    chatJid,
    chatRawJid: resolver.normalized(key.remoteJid) || key.remoteJid,
    chatId,
    isGroup: isGroupJid(chatJid),
    hasParticipants: isGroupJid(chatJid) || chatJid.endsWith('@broadcast'),
    isFromMe,
    senderId,
    senderRawJid,
    messageId: toMessageId(chatId, senderId ?? SELF_AUTHOR, key.id),
    // A message without a timestamp (seen on some stubs) sorts first rather than crashing the batch.
    at: secondsToMs(msg.messageTimestamp) ?? 0,
    resolver,
  };
}

export function keyLidPairs(key: KeyWithAlts): LidPnPair[] {
  return [lidPnPairOf(key.remoteJid, key.remoteJidAlt), lidPnPairOf(key.participant, key.participantAlt)].filter(
    (p): p is LidPnPair => p !== null,
  );
}
