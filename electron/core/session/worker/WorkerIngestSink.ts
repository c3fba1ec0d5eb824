import type { SyncStatus } from '../../../../shared/src/index.js';
import type { BatchResult, StoreOp } from '../../store/index.js';
import type { HistoryChunkMeta, IngestOrigin, IngestSink } from '../../whatsapp/ingestTypes.js';
import type { SyncStatusTracker } from './SyncStatusTracker.js';

export type WorkerIngestSinkDeps = Readonly<{
  /** Commits ops in one transaction and emits the batch (WorkerRuntime.apply / commitBatch). */
  apply: (ops: readonly StoreOp[]) => BatchResult;
  sync: SyncStatusTracker;
  /** An ON_DEMAND chunk answered "load older messages" (OlderHistory). */
  onOnDemandChunk: (chunk: HistoryChunkMeta) => void;
  historyQuietMs: number;
  now: () => number;
}>;

/**
 * Where the worker's socket data lands: live ops are applied as they are; a history chunk is applied
 * together with the sync status it leads to, in the same transaction, and (re)arms the quiet-period
 * timer that infers "history complete" when the phone stops sending.
 *
 *   const sink = new WorkerIngestSink({ apply, sync, onOnDemandChunk, historyQuietMs, now });
 *   new WaConnection({ ..., sink }); … sink.dispose();
 */
export class WorkerIngestSink implements IngestSink {
  readonly #deps: WorkerIngestSinkDeps;
  #quietTimer: NodeJS.Timeout | undefined;

  constructor(deps: WorkerIngestSinkDeps) {
    this.#deps = deps;
  }

  persist = (ops: readonly StoreOp[], origin: IngestOrigin): void => {
    const { apply, sync } = this.#deps;
    if (origin.kind === 'live') {
      apply(ops);
      return;
    }
    if (origin.chunk.syncType === 'ON_DEMAND') {
      // An answer to "load older messages", not part of the initial sync: status untouched.
      apply(ops);
      this.#deps.onOnDemandChunk(origin.chunk);
      return;
    }
    const next = sync.afterChunk(origin.chunk, this.#deps.now());
    apply([...ops, { type: 'sync.status', status: next }]);
    sync.commit(next);
    clearTimeout(this.#quietTimer);
    this.#quietTimer = setTimeout(() => this.#applySync(sync.afterQuietPeriod()), this.#deps.historyQuietMs);
    this.#quietTimer.unref();
  };

  onHistoryStatus = (status: 'complete' | 'paused', isExplicit: boolean, syncType: string): void => {
    this.#applySync(this.#deps.sync.afterStatus(status, isExplicit, syncType));
  };

  dispose(): void {
    clearTimeout(this.#quietTimer);
  }

  #applySync(next: SyncStatus | null): void {
    if (next === null) return;
    this.#deps.apply([{ type: 'sync.status', status: next }]);
    this.#deps.sync.commit(next);
  }
}
