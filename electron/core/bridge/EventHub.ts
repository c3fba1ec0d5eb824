import type { EventBatch } from '../../../shared/src/index.js';

export type BatchListener = (batches: readonly EventBatch[]) => void;

/**
 * Fan-out of persisted event batches to every connected window.
 *
 * Usage: `hub.publish(batch)` after the store committed it; transports `subscribe` and receive
 * batches coalesced per tick, so a burst of history becomes a few frames instead of thousands
 * (the "batching" row of `npm run bench`).
 */
export class EventHub {
  readonly #listeners = new Set<BatchListener>();
  #pending: EventBatch[] = [];
  #isFlushScheduled = false;

  subscribe(listener: BatchListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(batch: EventBatch): void {
    this.#pending.push(batch);
    if (this.#isFlushScheduled) return;
    this.#isFlushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Delivers what is pending now; also used on shutdown so nothing persisted goes unannounced. */
  flush(): void {
    this.#isFlushScheduled = false;
    if (this.#pending.length === 0) return;
    const batches = this.#pending;
    this.#pending = [];
    for (const listener of this.#listeners) {
      try {
        listener(batches);
      } catch {
        // A broken window must not stop delivery to the others.
      }
    }
  }
}
