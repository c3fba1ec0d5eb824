import type { proto } from '@whiskeysockets/baileys';
import { protoNumber } from './protoNumbers.js';

/**
 * A history chunk's messages in the order the store should receive them: oldest first. The store
 * orders messages of one second by when it received them (timestamps have one-second resolution,
 * ids are random), and WhatsApp lists each conversation newest first, so within one second the
 * later position in the chunk is the earlier message. Missing timestamps sort first, as they do
 * in the store.
 */
export function oldestFirst<M extends Pick<proto.IWebMessageInfo, 'messageTimestamp'>>(messages: readonly M[]): M[] {
  return messages
    .map((message, index) => ({ message, index, at: protoNumber(message.messageTimestamp) ?? 0 }))
    .sort((a, b) => a.at - b.at || b.index - a.index)
    .map(({ message }) => message);
}
