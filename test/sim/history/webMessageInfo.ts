import { proto } from '@whiskeysockets/baileys';

/**
 * A stored message as history sync carries it (`WebMessageInfo`). Text only; for media pass
 * `message` from a media builder (`buildImageMessage(...).message`).
 */
export function historyMessage(
  input: Readonly<{
    remoteJid: string;
    id: string;
    fromMe?: boolean;
    /** Sender inside a group. */
    participant?: string;
    timestamp: number;
    text?: string;
    message?: proto.IMessage;
    pushName?: string;
    status?: proto.WebMessageInfo.Status;
  }>,
): proto.IWebMessageInfo {
  return {
    key: {
      remoteJid: input.remoteJid,
      id: input.id,
      fromMe: input.fromMe ?? false,
      ...(input.participant ? { participant: input.participant } : {}),
    },
    message: input.message ?? { conversation: input.text ?? '' },
    messageTimestamp: input.timestamp,
    ...(input.pushName ? { pushName: input.pushName } : {}),
    status:
      input.status ?? (input.fromMe ? proto.WebMessageInfo.Status.READ : proto.WebMessageInfo.Status.DELIVERY_ACK),
  };
}
