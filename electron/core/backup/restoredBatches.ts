import type { AccountId, EventBatch } from '../../../shared/src/index.js';
import { eventBatchOf } from '../session/worker/eventBatchOf.js';
import { AccountStore } from '../store/AccountStore.js';
import type { KeyProvider } from '../store/keyProvider.js';

const PAGE_ROWS = 1_000;

/**
 * The rows a restore wrote, as the ordinary change batches a worker would have emitted for them
 * (every merged row got a fresh seq above `afterSeq`). Read while no worker has the store open,
 * and published before it starts again, so no live batch can overtake them in the renderer.
 */
export async function restoredBatches(
  accountDir: string,
  accountId: AccountId,
  afterSeq: number,
  keyProvider: KeyProvider,
  nativeBinding?: string,
): Promise<EventBatch[]> {
  const store = await AccountStore.open(accountDir, {
    keyProvider,
    accountId,
    ...(nativeBinding === undefined ? {} : { nativeBinding }),
  });
  try {
    const batches: EventBatch[] = [];
    let seq = afterSeq;
    for (;;) {
      const page = store.changesSince(seq, PAGE_ROWS);
      if (page.changes.length === 0) break;
      batches.push(eventBatchOf(accountId, page.lastSeq, page.changes));
      seq = page.lastSeq;
      if (!page.hasMore) break;
    }
    return batches;
  } finally {
    store.close();
  }
}
