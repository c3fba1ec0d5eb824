import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/src/index.js';
import { describeSync, isWaitingForMore } from './SyncBanner.js';

const base: SyncStatus = {
  phase: 'syncing',
  progress: 40,
  chunksReceived: 2,
  chunksProcessed: 1,
  messagesImported: 1200,
  lateChunks: 0,
  lastChunkAt: null,
  completeSource: null,
};

describe('describeSync', () => {
  it('shows progress and chunk counts while chunks are being applied', () => {
    expect(describeSync(base)).toEqual({
      title: 'Syncing history · 40%',
      detail: `1 of 2 chunks processed · ${(1200).toLocaleString()} messages`,
    });
    expect(isWaitingForMore(base)).toBe(false);
  });

  it('says it is waiting, not syncing, once everything received at 100% is applied', () => {
    const waiting: SyncStatus = { ...base, progress: 100, chunksProcessed: 2 };
    expect(isWaitingForMore(waiting)).toBe(true);
    expect(describeSync(waiting)?.title).toBe('History received · more may still arrive');
    expect(describeSync(waiting)?.detail).toContain('2 chunks');
  });

  it('keeps saying syncing at 100% while a received chunk is still unapplied', () => {
    const applying: SyncStatus = { ...base, progress: 100, chunksProcessed: 1 };
    expect(isWaitingForMore(applying)).toBe(false);
    expect(describeSync(applying)?.title).toBe('Syncing history · 100%');
  });
});
