import { randomBytes } from 'node:crypto';
import { proto } from '@whiskeysockets/baileys';

/** A message the sender refers to; `fromMe` is from the *sender's* point of view. */
export type MessageRef = Readonly<{ id: string; fromMe: boolean }>;

export type TextKind = Readonly<{ kind: 'text'; text: string }>;
export type ExtendedTextKind = Readonly<{ kind: 'extendedText'; text: string; matchedText?: string; title?: string }>;
export type QuotedKind = Readonly<{ kind: 'quoted'; text: string; quoted: MessageRef; quotedText: string }>;
export type ReactionKind = Readonly<{ kind: 'reaction'; emoji: string; target: MessageRef }>;
export type EditKind = Readonly<{ kind: 'edit'; target: MessageRef; text: string }>;
export type RevokeKind = Readonly<{ kind: 'revoke'; target: MessageRef }>;
export type LocationKind = Readonly<{ kind: 'location'; lat: number; lng: number; name?: string; address?: string }>;
export type ContactCardKind = Readonly<{ kind: 'contactCard'; displayName: string; phone: string }>;
export type PollKind = Readonly<{ kind: 'poll'; name: string; options: readonly string[]; selectableCount?: number }>;

export type MessageKind =
  | TextKind
  | ExtendedTextKind
  | QuotedKind
  | ReactionKind
  | EditKind
  | RevokeKind
  | LocationKind
  | ContactCardKind
  | PollKind;

export type MessageKindName = MessageKind['kind'];

export type BuildContext = Readonly<{
  /** The chat as the sender sees it: the account's PN jid. */
  chatJid: string;
  /** The sender's own jid, used as `participant` of quoted messages it did not write. */
  senderJid: string;
  /** The account's jid, the author of quoted messages with fromMe=false. */
  accountJid: string;
}>;

const missingKind = (x: never): Error => new Error(`unknown message kind ${JSON.stringify(x)}`);

export function vcardFor(displayName: string, phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `FN:${displayName}`,
    `TEL;type=CELL;type=VOICE;waid=${digits}:+${digits}`,
    'END:VCARD',
  ].join('\n');
}

/** Builds the `proto.Message` a real phone would send for each kind. */
export function buildMessage(kind: MessageKind, ctx: BuildContext): proto.IMessage {
  const key = (ref: MessageRef): proto.IMessageKey => ({ remoteJid: ctx.chatJid, fromMe: ref.fromMe, id: ref.id });
  switch (kind.kind) {
    case 'text':
      return { conversation: kind.text };
    case 'extendedText':
      return {
        extendedTextMessage: {
          text: kind.text,
          ...(kind.matchedText ? { matchedText: kind.matchedText, canonicalUrl: kind.matchedText } : {}),
          ...(kind.title ? { title: kind.title } : {}),
        },
      };
    case 'quoted':
      return {
        extendedTextMessage: {
          text: kind.text,
          contextInfo: {
            stanzaId: kind.quoted.id,
            participant: kind.quoted.fromMe ? ctx.senderJid : ctx.accountJid,
            quotedMessage: { conversation: kind.quotedText },
          },
        },
      };
    case 'reaction':
      return {
        reactionMessage: { key: key(kind.target), text: kind.emoji, senderTimestampMs: Date.now() },
      };
    case 'edit':
      return {
        protocolMessage: {
          key: key(kind.target),
          type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
          editedMessage: { conversation: kind.text },
          timestampMs: Date.now(),
        },
      };
    case 'revoke':
      return { protocolMessage: { key: key(kind.target), type: proto.Message.ProtocolMessage.Type.REVOKE } };
    case 'location':
      return {
        locationMessage: {
          degreesLatitude: kind.lat,
          degreesLongitude: kind.lng,
          ...(kind.name ? { name: kind.name } : {}),
          ...(kind.address ? { address: kind.address } : {}),
        },
      };
    case 'contactCard':
      return { contactMessage: { displayName: kind.displayName, vcard: vcardFor(kind.displayName, kind.phone) } };
    case 'poll': {
      const poll = {
        name: kind.name,
        options: kind.options.map((optionName) => ({ optionName })),
        selectableOptionsCount: kind.selectableCount ?? 0,
      };
      // Polls carry a messageSecret: votes are encrypted with it.
      const messageContextInfo = { messageSecret: randomBytes(32) };
      return kind.selectableCount === 1
        ? { pollCreationMessageV3: poll, messageContextInfo }
        : { pollCreationMessage: poll, messageContextInfo };
    }
    default:
      throw missingKind(kind);
  }
}
