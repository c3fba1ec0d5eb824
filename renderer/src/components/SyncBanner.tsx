import type { AccountId, SyncStatus } from '../../../shared/src/index.js';
import { formatRelative } from '../format/time.js';
import { useSession } from '../state/sessionStore.js';
import { useUi } from '../state/uiStore.js';
import { missingCaseError } from '../util/missingCaseError.js';
import { Icon } from './Icon.js';
import { SyncProgressBar } from './SyncProgressBar.js';

/** The phone reported 100% and every chunk received so far is applied. */
export function isWaitingForMore(status: SyncStatus): boolean {
  return (
    status.phase === 'syncing' &&
    status.progress !== null &&
    status.progress >= 100 &&
    status.chunksProcessed === status.chunksReceived
  );
}

/** History sync as the user should see it: chunks, progress, paused, complete, late arrivals. */
export function describeSync(
  status: SyncStatus,
  now = Date.now(),
): { readonly title: string; readonly detail: string } | null {
  const imported = `${status.messagesImported.toLocaleString()} messages`;
  switch (status.phase) {
    case 'awaiting':
      return { title: 'Waiting for your phone to send history…', detail: 'Keep WhatsApp open on your phone.' };
    case 'syncing':
      // Every chunk so far applied and the phone said 100%: what remains is waiting, not work. Saying
      // "Syncing · 100%" for minutes reads as stuck; the status only turns complete after a quiet period.
      if (isWaitingForMore(status))
        return {
          title: 'History received · more may still arrive',
          detail: `${status.chunksReceived} chunk${status.chunksReceived === 1 ? '' : 's'} · ${imported}. This finishes by itself.`,
        };
      return {
        title: status.progress !== null ? `Syncing history · ${Math.round(status.progress)}%` : 'Syncing history…',
        detail: `${status.chunksProcessed} of ${status.chunksReceived} chunks processed · ${imported}`,
      };
    case 'paused':
      return { title: 'History sync paused', detail: `${imported} so far. It resumes when your phone is online.` };
    case 'complete': {
      if (status.lateChunks > 0) {
        const when = status.lastChunkAt ? ` ${formatRelative(status.lastChunkAt, now)}` : '';
        return {
          title: 'Older history arrived late',
          detail: `${status.lateChunks} late chunk${status.lateChunks > 1 ? 's' : ''} applied${when}.`,
        };
      }
      if (status.completeSource === 'inferred')
        return { title: 'History sync looks complete', detail: 'More history may still arrive from your phone.' };
      return null;
    }
    default:
      throw missingCaseError(status.phase);
  }
}

export function SyncBanner({ accountId, showLabel }: { readonly accountId: AccountId; readonly showLabel: boolean }) {
  const status = useSession((state) => state.sync[accountId]);
  const isOpen = useSession((state) => state.connections[accountId]?.kind === 'open');
  const label = useSession((state) => state.accounts.find((account) => account.id === accountId)?.label ?? '');
  const openOverlay = useUi((state) => state.openOverlay);
  if (!status || !isOpen) return null;
  const words = describeSync(status);
  if (!words) return null;
  const isActive = (status.phase === 'syncing' || status.phase === 'awaiting') && !isWaitingForMore(status);
  // The unified inbox shows only syncs in progress; notes about finished syncs live in the account's own view.
  if (showLabel && status.phase === 'complete') return null;
  return (
    <div
      className={`sync-banner phase-${status.phase}${showLabel ? ' is-compact' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="sync-banner"
    >
      <button
        type="button"
        className="sync-banner-open"
        aria-label={`History sync details for ${label}`}
        onClick={() => openOverlay({ kind: 'syncPanel', accountId })}
        data-testid="open-sync-panel"
      />
      <Icon name="history" size={20} />
      <div className="sync-banner-text">
        <strong>
          {showLabel && `${label} · `}
          {words.title}
        </strong>
        <span>{words.detail}</span>
        {isActive && <SyncProgressBar progress={status.progress} />}
      </div>
    </div>
  );
}
