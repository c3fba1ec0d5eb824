import type { SyncStatus } from '../../../../shared/src/index.js';

/**
 * History-sync progress as the user sees it. Usage: `onChunk` for every applied chunk (its result is
 * persisted in the chunk's own transaction), `onStatus` for Baileys' `messaging-history.status`,
 * `inferComplete` when no chunk arrived for a quiet period. A chunk after `complete` is still
 * applied and counted in `lateChunks`; the phase stays `complete`.
 */
export class SyncStatusTracker {
  #status: SyncStatus;
  /** Baileys announced RECENT complete; it does so BEFORE the final chunk is applied. */
  #isCompleteAnnounced = false;

  constructor(initial: SyncStatus) {
    this.#status = initial;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** The status after one more chunk; call `commit` once it is persisted. */
  afterChunk(
    chunk: Readonly<{ syncType: string; progress: number | null; messageCount: number }>,
    now: number,
  ): SyncStatus {
    const s = this.#status;
    const isLate = s.phase === 'complete';
    // WhatsApp's explicit end: the RECENT chunk carrying progress 100 (what Baileys' status reads).
    const isFinal = !isLate && (this.#isCompleteAnnounced || (chunk.syncType === 'RECENT' && chunk.progress === 100));
    return {
      ...s,
      phase: isLate || isFinal ? 'complete' : 'syncing',
      completeSource: isFinal ? 'explicit' : s.completeSource,
      progress: chunk.progress ?? s.progress,
      chunksReceived: s.chunksReceived + 1,
      chunksProcessed: s.chunksProcessed + 1,
      messagesImported: s.messagesImported + chunk.messageCount,
      lateChunks: s.lateChunks + (isLate ? 1 : 0),
      lastChunkAt: now,
    };
  }

  /**
   * Baileys' `messaging-history.status`; null when nothing changes now. INITIAL_BOOTSTRAP "complete"
   * only means the chat list arrived (RECENT chunks follow), so it does not end the sync. RECENT
   * "complete" is emitted before its own chunk is processed: it completes the sync with that chunk.
   */
  afterStatus(status: 'complete' | 'paused', isExplicit: boolean, syncType: string): SyncStatus | null {
    const s = this.#status;
    if (s.phase === 'complete' || syncType === 'INITIAL_BOOTSTRAP') return null;
    if (status === 'paused') return s.phase === 'paused' ? null : { ...s, phase: 'paused' };
    if (isExplicit) {
      this.#isCompleteAnnounced = true;
      return null;
    }
    return { ...s, phase: 'complete', completeSource: 'inferred' };
  }

  /** Quiet period elapsed since the last chunk: history is considered complete. */
  afterQuietPeriod(): SyncStatus | null {
    const s = this.#status;
    if (s.phase !== 'syncing' && s.phase !== 'paused') return null;
    return { ...s, phase: 'complete', completeSource: 'inferred' };
  }

  commit(status: SyncStatus): void {
    this.#status = status;
  }
}
