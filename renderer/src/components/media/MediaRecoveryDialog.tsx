import { useState } from 'react';
import type { AccountId } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useMediaRecoveryItems } from '../../features/useMediaRecoveryItems.js';
import { useSession } from '../../state/sessionStore.js';
import { Dialog } from '../dialog/Dialog.js';
import { isRecoverable, mediaStateOf, recoveryProgress } from './mediaRecovery.js';
import { MediaRecoveryRow } from './MediaRecoveryRow.js';

/**
 * Every failed media item of one account, with the reason in words, a per-item retry and
 * "Retry all" (`media.retryAllFailed`, paced by main). Progress comes from media.changed events.
 */
export function MediaRecoveryDialog({
  initialAccountId,
  onClose,
}: {
  readonly initialAccountId: AccountId | null;
  readonly onClose: () => void;
}) {
  const accounts = useSession((state) => state.accounts);
  const [picked, setPicked] = useState<AccountId | null>(initialAccountId);
  const accountId = picked ?? accounts[0]?.id ?? null;
  return (
    <Dialog title="Media recovery" onClose={onClose} size="lg" testId="media-recovery">
      {accounts.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Account">
          {accounts.map((account) => (
            <button
              key={account.id}
              type="button"
              role="tab"
              aria-selected={account.id === accountId}
              className={`tab${account.id === accountId ? ' is-active' : ''}`}
              onClick={() => setPicked(account.id)}
            >
              {account.label}
            </button>
          ))}
        </div>
      )}
      {accountId ? (
        <AccountMediaRecovery key={accountId} accountId={accountId} />
      ) : (
        <p className="muted">No accounts yet.</p>
      )}
      <p className="muted small recovery-note">
        Lists media in recently cached messages. Downloaded media is kept up to the limit set in Settings → Storage;
        beyond it the least recently viewed files are removed and show “Removed to save space” with a download button.
      </p>
    </Dialog>
  );
}

function AccountMediaRecovery({ accountId }: { readonly accountId: AccountId }) {
  const pushNotice = useSession((state) => state.pushNotice);
  const isOnline = useSession((state) => state.connections[accountId]?.kind === 'open');
  // Items a "Retry all" run started with, and when: progress counts how each of them ends.
  const [tracked, setTracked] = useState<ReadonlyMap<string, number>>(new Map());
  const [isStarting, setStarting] = useState(false);
  const items = useMediaRecoveryItems(accountId, new Set(tracked.keys()));
  if (!items) return <p className="muted">Loading…</p>;
  const failed = items.filter((item) => isRecoverable(mediaStateOf(item.message)));
  const progress = recoveryProgress(
    tracked,
    items.map((item) => item.message),
  );
  const isRunning = progress.total > 0 && !progress.isDone;

  const retryAll = () => {
    setStarting(true);
    const startedAt = Date.now();
    const ids = failed.map((item) => item.message.id as string);
    drop(
      call('media.retryAllFailed', { accountId }).then((result) => {
        setStarting(false);
        if (!result.ok) return pushNotice(`Retry all could not start: ${result.error.message}`);
        setTracked(new Map(ids.map((id) => [id, startedAt])));
      }),
    );
  };

  return (
    <div className="recovery">
      <div className="recovery-summary">
        <div>
          <strong data-testid="media-recovery-count">
            {failed.length === 0
              ? 'No failed media'
              : `${failed.length} item${failed.length === 1 ? '' : 's'} could not be downloaded`}
          </strong>
          {!isOnline && <span className="muted block">This account is offline; retries wait until it reconnects.</span>}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={failed.length === 0 || isRunning || isStarting}
          onClick={retryAll}
          data-testid="retry-all-media"
        >
          {isStarting ? 'Starting…' : 'Retry all'}
        </button>
      </div>
      {progress.total > 0 && (
        <div className="recovery-progress" role="status" aria-live="polite" data-testid="retry-all-progress">
          <span>
            {progress.isDone ? 'Done: ' : 'Retrying: '}
            {progress.recovered} of {progress.total} recovered
            {progress.failedAgain > 0 && ` · ${progress.failedAgain} failed again`}
            {progress.inFlight > 0 && ` · ${progress.inFlight} in progress`}
          </span>
          <div
            className="progress"
            role="progressbar"
            aria-label="Retry all progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.total - progress.inFlight}
          >
            <div
              className="progress-bar"
              style={{ width: `${((progress.total - progress.inFlight) / progress.total) * 100}%` }}
            />
          </div>
        </div>
      )}
      {items.length === 0 ? (
        <p className="recovery-empty muted">Every photo, video and document in recent messages is available. 🎉</p>
      ) : (
        <ul className="recovery-list" aria-label="Media items">
          {items.map((item) => (
            <MediaRecoveryRow key={item.message.id} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}
