import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncStatus } from '../../../../shared/src/index.js';
import type { BatchResult, StoreOp } from '../../store/index.js';
import type { HistoryChunkMeta } from '../../whatsapp/ingestTypes.js';
import { SyncStatusTracker } from './SyncStatusTracker.js';
import { WorkerIngestSink } from './WorkerIngestSink.js';

const AWAITING: SyncStatus = {
  phase: 'awaiting',
  progress: null,
  chunksReceived: 0,
  chunksProcessed: 0,
  messagesImported: 0,
  lateChunks: 0,
  completeSource: null,
  lastChunkAt: null,
};
const QUIET_MS = 5_000;
const CHAT_OP: StoreOp = { type: 'chat.upsert', chat: { id: '4915550001@s.whatsapp.net' } };

function chunk(overrides: Partial<HistoryChunkMeta> = {}): HistoryChunkMeta {
  return {
    chunkId: 'H1',
    syncType: 'RECENT',
    progress: 40,
    chunkOrder: 1,
    messageCount: 12,
    chatCount: 3,
    ...overrides,
  };
}

function makeSink() {
  const applied: StoreOp[][] = [];
  const onDemand: HistoryChunkMeta[] = [];
  const sync = new SyncStatusTracker(AWAITING);
  const sink = new WorkerIngestSink({
    apply: (ops): BatchResult => {
      applied.push([...ops]);
      return { seq: applied.length, changes: [], skipped: [] };
    },
    sync,
    onOnDemandChunk: (c) => onDemand.push(c),
    historyQuietMs: QUIET_MS,
    now: () => 42,
  });
  return { sink, sync, applied, onDemand };
}

describe('WorkerIngestSink', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies a history chunk together with the sync status it leads to, in one batch', () => {
    const { sink, sync, applied } = makeSink();
    sink.persist([CHAT_OP], { kind: 'history', chunk: chunk() });
    expect(applied).toHaveLength(1);
    const status = { ...AWAITING, phase: 'syncing', progress: 40, chunksReceived: 1, chunksProcessed: 1 };
    expect(applied[0]).toEqual([
      CHAT_OP,
      { type: 'sync.status', status: { ...status, messagesImported: 12, lastChunkAt: 42 } },
    ]);
    expect(sync.status).toMatchObject({ phase: 'syncing', messagesImported: 12 });
    sink.dispose();
  });

  it('applies live ops and on-demand chunks as they are, leaving the sync status alone', () => {
    const { sink, sync, applied, onDemand } = makeSink();
    sink.persist([CHAT_OP], { kind: 'live' });
    sink.persist([CHAT_OP], { kind: 'history', chunk: chunk({ syncType: 'ON_DEMAND' }) });
    expect(applied).toEqual([[CHAT_OP], [CHAT_OP]]);
    expect(onDemand.map((c) => c.syncType)).toEqual(['ON_DEMAND']);
    expect(sync.status).toEqual(AWAITING);
  });

  it('infers "complete" once no chunk arrived for the quiet period, re-armed by every chunk', () => {
    vi.useFakeTimers();
    const { sink, sync, applied } = makeSink();
    sink.persist([], { kind: 'history', chunk: chunk() });
    vi.advanceTimersByTime(QUIET_MS - 1);
    sink.persist([], { kind: 'history', chunk: chunk({ chunkId: 'H2' }) });
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(applied).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(applied).toHaveLength(3);
    expect(applied[2]).toHaveLength(1);
    const last = applied[2]?.[0];
    expect(last?.type === 'sync.status' ? last.status.phase : last?.type).toBe('complete');
    expect(sync.status).toMatchObject({ phase: 'complete', completeSource: 'inferred', chunksProcessed: 2 });
  });

  it('stops the quiet-period timer on dispose', () => {
    vi.useFakeTimers();
    const { sink, applied } = makeSink();
    sink.persist([], { kind: 'history', chunk: chunk() });
    sink.dispose();
    vi.advanceTimersByTime(QUIET_MS * 2);
    expect(applied).toHaveLength(1);
  });
});
