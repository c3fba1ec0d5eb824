/**
 * Turns a HistorySync into what the phone sends the companion: a HistorySyncNotification either
 * carrying the deflated payload inline (`initialHistBootstrapInlinePayload`) or pointing at an
 * encrypted blob on the CDN (media type 'md-msg-hist', keys from 'WhatsApp History Keys'),
 * wrapped in `protocolMessage{type: HISTORY_SYNC_NOTIFICATION}`. The phone sends that message
 * from the user's own JID, or Baileys drops it.
 */
import { deflateSync } from 'node:zlib';

import { proto } from '@whiskeysockets/baileys';

import type { CdnServer } from '../cdn/index.js';
import { encryptMedia } from '../media/index.js';

type NotificationExtras = Readonly<{ originalMessageId?: string; peerDataRequestSessionId?: string }>;

/** zlib deflate of the HistorySync bytes: the format both delivery routes use. */
export function deflateHistorySync(sync: proto.IHistorySync): Buffer {
  return deflateSync(proto.HistorySync.encode(sync).finish());
}

/** The notification fields Baileys and the app read, copied from the inner HistorySync. */
function header(sync: proto.IHistorySync, extras: NotificationExtras): proto.Message.IHistorySyncNotification {
  const timestamps = (sync.conversations ?? []).flatMap((c) =>
    (c.messages ?? []).map((m) => Number(m.message?.messageTimestamp ?? 0)).filter((t) => t > 0),
  );
  return {
    // Same numeric values in HistorySync.HistorySyncType and Message.HistorySyncType.
    syncType: Number(sync.syncType ?? 0),
    chunkOrder: sync.chunkOrder ?? 0,
    progress: sync.progress ?? 100,
    ...(timestamps.length ? { oldestMsgInChunkTimestampSec: Math.min(...timestamps) } : {}),
    ...extras,
  };
}

export function inlineHistoryNotification(
  sync: proto.IHistorySync,
  extras: NotificationExtras = {},
): proto.Message.IHistorySyncNotification {
  return { ...header(sync, extras), initialHistBootstrapInlinePayload: deflateHistorySync(sync) };
}

export type UploadedHistoryChunk = Readonly<{
  notification: proto.Message.IHistorySyncNotification;
  /** Where the blob lives, for `cdn.expire(directPath, 410)` and `cdn.requestCount(directPath)`. */
  directPath: string;
}>;

export async function uploadHistoryChunk(
  cdn: Pick<CdnServer, 'put'>,
  sync: proto.IHistorySync,
  extras: NotificationExtras = {},
): Promise<UploadedHistoryChunk> {
  const enc = await encryptMedia(deflateHistorySync(sync), 'md-msg-hist');
  const { directPath } = cdn.put(enc.enc, 'md-msg-hist');
  const notification: proto.Message.IHistorySyncNotification = {
    ...header(sync, extras),
    directPath,
    mediaKey: enc.mediaKey,
    fileEncSha256: enc.fileEncSha256,
    fileSha256: enc.fileSha256,
    fileLength: enc.fileLength,
  };
  return { notification, directPath };
}

/** The `proto.Message` the phone encrypts to the companion for one chunk. */
export function historySyncMessage(notification: proto.Message.IHistorySyncNotification): proto.IMessage {
  return {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
      historySyncNotification: notification,
    },
  };
}
