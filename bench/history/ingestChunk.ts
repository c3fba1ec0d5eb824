import type { AuthenticationCreds } from '@whiskeysockets/baileys';
import pino from 'pino';
import type { EventBatch } from '../../shared/src/index.js';
import type { AccountStore } from '../../electron/core/store/index.js';
import { commitBatch } from '../../electron/core/session/worker/commitBatch.js';
import { SyncStatusTracker } from '../../electron/core/session/worker/SyncStatusTracker.js';
import { WorkerIngestSink } from '../../electron/core/session/worker/WorkerIngestSink.js';
import { DEFAULT_WORKER_TUNING } from '../../electron/core/session/worker/WorkerTuning.js';
import { HistorySyncIngest } from '../../electron/core/whatsapp/HistorySyncIngest.js';
import { normalizeContextOf } from '../../electron/core/whatsapp/normalizeContextOf.js';
import type { HistoryChunkFixture } from './historyChunks.js';
import { SELF_PN } from './historyChunks.js';

/**
 * The worker's own history path for one chunk, minus the CDN download and the protobuf decode:
 *   HistorySyncIngest.record       → journal the notification (its own commit, before the receipt)
 *   HistorySyncIngest.applyDecoded → each message's wire bytes, Baileys' processHistoryMessage,
 *                                    normalizeHistorySync → toStoreOps (+ history.processed)
 *   WorkerIngestSink.persist       → + sync.status, ONE transaction (commitBatch), then the event batch.
 * These are the objects WorkerRuntime wires together (`handle` = record + download + decode + applyDecoded).
 *
 *   const ingest = historyIngest(store);
 *   for (const chunk of historyChunks(shape)) ingest(chunk);
 *   ingest.dispose();
 */
export function historyIngest(
  store: AccountStore,
  now: () => number = Date.now,
): ((chunk: HistoryChunkFixture) => void) & { dispose: () => void; batches: () => number } {
  let emitted = 0;
  // Built and handed over, not sent: the batch main receives after every commit is per-chunk work.
  const emit = (batch: EventBatch): void => {
    emitted += batch.events.length > 0 ? 1 : 0;
  };
  const sink = new WorkerIngestSink({
    apply: (ops) => commitBatch(store, emit, ops),
    sync: new SyncStatusTracker(store.getSyncStatus()),
    onOnDemandChunk: () => undefined,
    historyQuietMs: DEFAULT_WORKER_TUNING.historyQuietMs,
    now,
  });
  const creds = { me: { id: SELF_PN } } as AuthenticationCreds;
  const history = new HistorySyncIngest({
    store,
    sink,
    context: () => normalizeContextOf(store.accountId, creds, store, () => false),
    requestOptions: {},
    log: pino({ level: 'silent' }),
    now,
  });
  const ingest = (chunk: HistoryChunkFixture): void => {
    history.record(chunk.id, chunk.notification);
    history.applyDecoded(chunk.id, chunk.notification, chunk.history, chunk.bytes);
  };
  return Object.assign(ingest, { dispose: () => sink.dispose(), batches: () => emitted });
}
