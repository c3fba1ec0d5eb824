import { getHistoryMsg, processHistoryMessage, proto } from '@whiskeysockets/baileys';
import type { WAMessage } from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import type { AccountStore, HistoryChunk } from '../store/index.js';
import { crashPoint } from '../util/crashPoints.js';
import type { HistoryData } from './connectSocket.js';
import type { HistoryChunkMeta, IngestSink } from './ingestTypes.js';
import type { HistorySyncInput, NormalizeContext } from './normalize/index.js';
import { normalizeHistorySync } from './normalize/index.js';
import { downloadHistorySync } from './downloadHistorySync.js';
import { historyMessageBytes } from './historyMessageBytes.js';
import { toStoreOps } from './toStoreOps.js';

export type HistorySyncIngestDeps = Readonly<{
  store: AccountStore;
  sink: IngestSink;
  context: () => NormalizeContext;
  requestOptions: RequestInit;
  log: Logger;
  now: () => number;
}>;

/**
 * History sync with a journal: the notification's bytes are committed before its receipt
 * (`journal`, called from beforeReceipt), the chunk is downloaded and applied in ONE transaction
 * together with "journal entry processed" (`handle`, Baileys' historySyncHandler), and entries a
 * crash left unprocessed are applied again on start (`replayPending`).
 *
 * `record` and `applyDecoded` are the two synchronous halves of `handle` around the download and
 * decode; they are public so the history-ingest bench drives this exact path without a socket or a CDN.
 */
export class HistorySyncIngest {
  readonly #deps: HistorySyncIngestDeps;

  constructor(deps: HistorySyncIngestDeps) {
    this.#deps = deps;
  }

  journal = (msg: WAMessage): void => {
    const notification = msg.message ? getHistoryMsg(msg.message) : undefined;
    const id = msg.key.id;
    if (!notification || !id) return;
    this.record(id, notification);
  };

  /** Baileys' patched `historySyncHandler`: must return what downloadAndProcessHistorySyncNotification does. */
  handle = async (notification: proto.Message.IHistorySyncNotification, msg: WAMessage): Promise<HistoryData> => {
    const id = msg.key.id ?? `hist-${this.#deps.now()}`;
    this.record(id, notification);
    return this.#process(id, notification);
  };

  /** Re-applies chunks that were journaled but not processed (a crash between receipt and commit). */
  async replayPending(): Promise<number> {
    const pending = this.#deps.store.pendingHistoryChunks();
    for (const chunk of pending) {
      try {
        await this.#process(chunk.id, decodeNotification(chunk));
      } catch (err) {
        // Left in the journal: the next start tries again (e.g. the CDN was unreachable).
        this.#deps.log.warn({ err, chunkId: chunk.id }, 'journaled history chunk could not be replayed');
      }
    }
    return pending.length;
  }

  /** Journals the notification in its own commit (before its receipt); a re-sent chunk is a no-op. */
  record(id: string, notification: proto.Message.IHistorySyncNotification): void {
    this.#deps.store.journalHistoryChunk({
      id,
      syncType: syncTypeName(notification.syncType),
      chunkOrder: notification.chunkOrder ?? null,
      progress: notification.progress ?? null,
      receivedAt: this.#deps.now(),
      raw: proto.Message.HistorySyncNotification.encode(notification).finish(),
    });
  }

  async #process(id: string, notification: proto.Message.IHistorySyncNotification): Promise<HistoryData> {
    crashPoint('mid-history-chunk');
    // Baileys' downloadAndProcessHistorySyncNotification, step by step, keeping the blob's bytes so
    // every message's own bytes become its `raw` column.
    const bytes = await downloadHistorySync(notification, this.#deps.requestOptions);
    return this.applyDecoded(id, notification, proto.HistorySync.decode(bytes), bytes);
  }

  /** A decoded blob (and its bytes) through Baileys' processing, then applyDownloaded. */
  applyDecoded(
    id: string,
    notification: proto.Message.IHistorySyncNotification,
    history: proto.HistorySync,
    bytes: Uint8Array,
  ): HistoryData {
    // Before processHistoryMessage, which trims each conversation's messages down to the newest.
    const messageBytes = historyMessageBytes(history, bytes);
    const data = processHistoryMessage(history);
    this.applyDownloaded(id, notification, data, messageBytes);
    return data;
  }

  /**
   * Normalizes a processed chunk and persists it, with "journal entry processed", in ONE transaction.
   * `messageBytes` (from historyMessageBytes) spares re-encoding each message for its `raw` column.
   */
  applyDownloaded(
    id: string,
    notification: proto.Message.IHistorySyncNotification,
    data: HistorySyncInput,
    messageBytes?: ReadonlyMap<proto.IWebMessageInfo, Uint8Array>,
  ): void {
    const chunkOrder = notification.chunkOrder ?? null;
    const normalized = normalizeHistorySync({ ...data, chunkOrder }, this.#deps.context(), messageBytes);
    const chunk: HistoryChunkMeta = {
      chunkId: id,
      syncType: syncTypeName(data.syncType ?? notification.syncType),
      progress: data.progress ?? notification.progress ?? null,
      chunkOrder,
      messageCount: normalized.meta.messageCount,
      chatCount: normalized.meta.chatCount,
    };
    const store = this.#deps.store;
    const ops = [
      ...toStoreOps(normalized.ops, {
        lidSource: 'history',
        hasMediaRecord: (c, m) => store.getMedia(c, m) !== undefined,
      }),
      {
        type: 'history.processed',
        chunkId: id,
        messageCount: chunk.messageCount,
        chatCount: chunk.chatCount,
      } as const,
    ];
    this.#deps.sink.persist(ops, { kind: 'history', chunk });
    this.#deps.log.info(
      { chunkId: id, syncType: chunk.syncType, messages: chunk.messageCount, chats: chunk.chatCount },
      'history chunk applied',
    );
  }
}

function decodeNotification(chunk: HistoryChunk): proto.Message.IHistorySyncNotification {
  return proto.Message.HistorySyncNotification.decode(chunk.raw);
}

function syncTypeName(type: number | null | undefined): string {
  return type === null || type === undefined ? 'UNKNOWN' : (proto.HistorySync.HistorySyncType[type] ?? String(type));
}
