import { downloadContentFromMessage } from '@whiskeysockets/baileys';
import type { proto } from '@whiskeysockets/baileys';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createInflate, inflate } from 'node:zlib';

const inflateAsync = promisify(inflate);

/**
 * The inflated HistorySync bytes of a notification: the inline bootstrap payload, or the blob from the
 * CDN (decrypted by Baileys). What Baileys' downloadHistory does before it decodes; the caller decodes
 * so it keeps the bytes (see historyMessageBytes).
 */
export async function downloadHistorySync(
  notification: proto.Message.IHistorySyncNotification,
  requestOptions: RequestInit,
): Promise<Uint8Array> {
  if (notification.initialHistBootstrapInlinePayload) {
    return inflateAsync(notification.initialHistBootstrapInlinePayload);
  }
  const stream = await downloadContentFromMessage(notification, 'md-msg-hist', { options: requestOptions });
  const chunks: Buffer[] = [];
  const inflater = createInflate();
  inflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  await pipeline(stream, inflater);
  return Buffer.concat(chunks);
}
