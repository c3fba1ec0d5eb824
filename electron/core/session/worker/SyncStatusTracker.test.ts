import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/src/index.js';
import { SyncStatusTracker } from './SyncStatusTracker.js';

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

type Step =
  | { chunk: { syncType: string; progress: number | null; messageCount: number } }
  | { status: ['complete' | 'paused', boolean, string] }
  | { quiet: true };

function run(steps: readonly Step[]): SyncStatus {
  const t = new SyncStatusTracker(AWAITING);
  let now = 1_000;
  for (const step of steps) {
    const next =
      'chunk' in step
        ? t.afterChunk(step.chunk, (now += 10))
        : 'status' in step
          ? t.afterStatus(...step.status)
          : t.afterQuietPeriod();
    if (next) t.commit(next);
  }
  return t.status;
}

const bootstrap = { chunk: { syncType: 'INITIAL_BOOTSTRAP', progress: 20, messageCount: 5 } };
const recent = (progress: number | null) => ({ chunk: { syncType: 'RECENT', progress, messageCount: 2 } });

describe('SyncStatusTracker', () => {
  it.each<[string, Step[], Partial<SyncStatus>]>([
    ['awaits until the first chunk', [], { phase: 'awaiting', chunksProcessed: 0 }],
    ['syncs after the bootstrap chunk', [bootstrap], { phase: 'syncing', chunksProcessed: 1, messagesImported: 5 }],
    [
      'ignores the bootstrap "complete" (RECENT chunks follow)',
      [{ status: ['complete', true, 'INITIAL_BOOTSTRAP'] }, bootstrap],
      { phase: 'syncing', lateChunks: 0 },
    ],
    [
      'completes explicitly with the RECENT chunk at 100',
      [bootstrap, recent(50), recent(100)],
      { phase: 'complete', completeSource: 'explicit', lateChunks: 0, chunksProcessed: 3 },
    ],
    [
      'completes with the chunk that follows an announced RECENT complete',
      [bootstrap, { status: ['complete', true, 'RECENT'] }, recent(null)],
      { phase: 'complete', completeSource: 'explicit', lateChunks: 0 },
    ],
    [
      'counts and applies chunks after complete as late',
      [bootstrap, recent(100), recent(100), recent(null)],
      { phase: 'complete', lateChunks: 2, chunksProcessed: 4, messagesImported: 11 },
    ],
    ['pauses when Baileys says so', [bootstrap, { status: ['paused', false, 'RECENT'] }], { phase: 'paused' }],
    [
      'infers complete after a quiet period',
      [bootstrap, { quiet: true }],
      { phase: 'complete', completeSource: 'inferred' },
    ],
    ['does not infer complete before any chunk', [{ quiet: true }], { phase: 'awaiting' }],
  ])('%s', (_name, steps, expected) => {
    expect(run(steps)).toMatchObject(expected);
  });
});
