import type { BridgeEvent } from '../../../../shared/src/index.js';
import type { AccountStore, BatchResult, StoreOp } from '../../store/index.js';
import { crashPoint } from '../../util/crashPoints.js';
import type { BatchSink } from '../AccountWorkerApi.js';
import { eventBatchOf } from './eventBatchOf.js';

/**
 * Persist, then emit: commits ops (plus any writes `alsoInTransaction` makes) in ONE transaction and
 * only then hands the resulting event batch to `emit`. A batch with no changes and no extra events
 * is not emitted. Shared by the worker and the history-ingest bench so both run the same steps.
 */
export function commitBatch(
  store: AccountStore,
  emit: BatchSink,
  ops: readonly StoreOp[],
  alsoInTransaction: () => void = () => undefined,
  extra: readonly BridgeEvent[] = [],
): BatchResult {
  const result = store.transaction(() => {
    alsoInTransaction();
    const r = store.applyBatch(ops);
    crashPoint('in-store-transaction');
    return r;
  });
  if (result.changes.length > 0 || extra.length > 0) {
    emit(eventBatchOf(store.accountId, result.seq, result.changes, extra));
  }
  return result;
}
