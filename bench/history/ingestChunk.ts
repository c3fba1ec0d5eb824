import { proto } from '@whiskeysockets/baileys';
import type { AccountStore } from '../../electron/core/store/index.js';
import { eventBatchOf } from '../../electron/core/session/worker/eventBatchOf.js';
import { SyncStatusTracker } from '../../electron/core/session/worker/SyncStatusTracker.js';
import { normalizeHistorySync } from '../../electron/core/whatsapp/normalize/index.js';
import type { NormalizeContext } from '../../electron/core/whatsapp/normalize/index.js';
import { toStoreOps } from '../../electron/core/whatsapp/toStoreOps.js';
import type { HistoryChunkFixture } from './historyChunks.js';
import { SELF_PN } from './historyChunks.js';

/**
 * The app's history path for one chunk, step for step, minus the CDN download and Baileys' decode:
 *   HistorySyncIngest.#record  → journal the notification (its own commit, before the receipt)
 *   HistorySyncIngest.#process → normalizeHistorySync → toStoreOps (+ history.processed)
 *   WorkerRuntime.#persistIngest → + sync.status, ONE transaction (applyBatch), then the event batch.
 * The private methods cannot be driven without a socket, so this mirrors them; keep it in step.
 *
 *   const ingest = historyIngest(store);
 *   for (const chunk of historyChunks(shape)) ingest(chunk);
 */
export function historyIngest(store: AccountStore, now: () => number = Date.now): (chunk: HistoryChunkFixture) => void {
  const sync = new SyncStatusTracker(store.getSyncStatus());
  const context = normalizeContext(store);
  return (chunk) => {
    store.journalHistoryChunk({
      id: chunk.id,
      syncType: syncTypeName(chunk.notification.syncType),
      chunkOrder: chunk.notification.chunkOrder ?? null,
      progress: chunk.notification.progress ?? null,
      receivedAt: now(),
      raw: proto.Message.HistorySyncNotification.encode(chunk.notification).finish(),
    });
    const normalized = normalizeHistorySync(chunk.data, context);
    const meta = {
      chunkId: chunk.id,
      syncType: syncTypeName(chunk.data.syncType ?? chunk.notification.syncType),
      progress: chunk.data.progress ?? chunk.notification.progress ?? null,
      chunkOrder: chunk.data.chunkOrder ?? null,
      messageCount: normalized.meta.messageCount,
      chatCount: normalized.meta.chatCount,
    };
    const ops = [
      ...toStoreOps(normalized.ops, {
        lidSource: 'history',
        hasMediaRecord: (c, m) => store.getMedia(c, m) !== undefined,
      }),
      {
        type: 'history.processed',
        chunkId: chunk.id,
        messageCount: meta.messageCount,
        chatCount: meta.chatCount,
      } as const,
    ];
    const next = sync.afterChunk(meta, now());
    const result = store.transaction(() => store.applyBatch([...ops, { type: 'sync.status', status: next }]));
    sync.commit(next);
    // Built (not sent): the batch main emits after every commit is part of the per-chunk work.
    eventBatchOf(store.accountId, result.seq, result.changes);
  };
}

/** What normalizeContextOf builds from the creds: self from `creds.me`, JIDs through the store's resolver. */
function normalizeContext(store: AccountStore): NormalizeContext {
  return {
    accountId: store.accountId,
    self: { pn: SELF_PN, lid: null },
    resolveJid: (jid) => store.resolveContactId(jid),
    isSentByThisDevice: () => false,
  };
}

function syncTypeName(type: number | null | undefined): string {
  return type === null || type === undefined ? 'UNKNOWN' : (proto.HistorySync.HistorySyncType[type] ?? String(type));
}
