import { describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../../../shared/src/index.js';
import { describeBackupState, describeLastSuccess, windowLabel } from './backupWords.js';

const NOW = 1_800_000_000_000;
const status = (overrides: Partial<BackupStatus> = {}): BackupStatus => ({
  isEnabled: true,
  state: 'idle',
  isRunning: false,
  lastSuccessAt: null,
  lastAttemptAt: null,
  nextRunAt: null,
  pendingChanges: 0,
  lastError: null,
  ...overrides,
});

describe('backup status words', () => {
  it.each([
    [status({ isEnabled: false, state: 'scheduled' }), 'Automatic backup is off'],
    [status({ state: 'running', isRunning: true }), 'Backing up now…'],
    [status({ state: 'retrying', isRunning: true }), 'Backing up — retrying after a network problem'],
    [status({ state: 'scheduled', nextRunAt: NOW + 5 * 60_000 }), 'Next backup in 5 minutes'],
    [status({ state: 'failed' }), 'The last backup failed'],
    [status({ state: 'idle', pendingChanges: 3 }), 'Changes waiting to be backed up'],
    [status({ state: 'idle' }), 'Up to date'],
  ])('%#: describes the state in words', (given, words) => {
    expect(describeBackupState(given, NOW)).toBe(words);
  });

  it('never shows a just-finished backup as in the future (clocks tick apart)', () => {
    expect(describeLastSuccess(status({ lastSuccessAt: NOW + 900 }), NOW)).toBe('now');
    expect(describeLastSuccess(status(), NOW)).toBe('Never');
  });

  it('names the offered windows and falls back to seconds for others', () => {
    expect(windowLabel(5 * 60_000)).toBe('At most every 5 minutes');
    expect(windowLabel(90_000)).toBe('At most every 90 s');
  });
});
