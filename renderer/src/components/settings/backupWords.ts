import type { BackupStatus } from '../../../../shared/src/index.js';
import { formatRelative } from '../../format/time.js';
import { missingCaseError } from '../../util/missingCaseError.js';

/** Automatic-backup windows the settings screen offers (ms → words). */
export const WINDOW_CHOICES: readonly { readonly ms: number; readonly label: string }[] = [
  { ms: 60_000, label: 'At most every minute' },
  { ms: 5 * 60_000, label: 'At most every 5 minutes' },
  { ms: 15 * 60_000, label: 'At most every 15 minutes' },
  { ms: 60 * 60_000, label: 'At most every hour' },
  { ms: 6 * 60 * 60_000, label: 'At most every 6 hours' },
  { ms: 24 * 60 * 60_000, label: 'At most once a day' },
];

export function windowLabel(ms: number): string {
  return WINDOW_CHOICES.find((choice) => choice.ms === ms)?.label ?? `At most every ${Math.round(ms / 1000)} s`;
}

/** One line for the state of an account's backup, as the status list shows it. */
export function describeBackupState(status: BackupStatus, now: number): string {
  if (!status.isEnabled) return 'Automatic backup is off';
  switch (status.state) {
    case 'running':
      return 'Backing up now…';
    case 'retrying':
      return 'Backing up — retrying after a network problem';
    case 'scheduled':
      return status.nextRunAt === null ? 'Scheduled' : `Next backup ${formatRelative(status.nextRunAt, now)}`;
    case 'failed':
      return 'The last backup failed';
    case 'stopped':
      return 'Stopped';
    case 'idle':
      return status.pendingChanges > 0 ? 'Changes waiting to be backed up' : 'Up to date';
    default:
      throw missingCaseError(status.state);
  }
}

export function describeLastSuccess(status: BackupStatus, now: number): string {
  if (status.lastSuccessAt === null) return 'Never';
  // `now` ticks every few seconds, so a backup that just finished can look a moment in the future.
  return formatRelative(Math.min(status.lastSuccessAt, now), now);
}
