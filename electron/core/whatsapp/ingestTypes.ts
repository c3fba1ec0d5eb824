import type { StoreOp } from '../store/index.js';

/** One history-sync chunk as the worker's sync status sees it. */
export type HistoryChunkMeta = Readonly<{
  chunkId: string;
  syncType: string;
  progress: number | null;
  chunkOrder: number | null;
  messageCount: number;
  chatCount: number;
}>;

export type IngestOrigin = Readonly<{ kind: 'live' }> | Readonly<{ kind: 'history'; chunk: HistoryChunkMeta }>;

/**
 * Where normalized socket data goes. `persist` commits the ops in ONE transaction and emits the
 * resulting event batch; it throws when nothing was committed (then Baileys sends no receipt).
 */
export type IngestSink = Readonly<{
  persist: (ops: readonly StoreOp[], origin: IngestOrigin) => void;
  onHistoryStatus: (status: 'complete' | 'paused', isExplicit: boolean, syncType: string) => void;
}>;
