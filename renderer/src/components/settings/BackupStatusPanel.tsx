import { useId, useState } from 'react';
import type { AccountId, BackupSettingsView, BackupStatus, Result } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';
import { useNow } from '../useNow.js';
import { describeBackupState, describeLastSuccess, WINDOW_CHOICES, windowLabel } from './backupWords.js';

/** Automatic backups on/off, how often, "Back up now", and each account's status. */
export function BackupStatusPanel({
  settings,
  statuses,
  onSettings,
}: {
  readonly settings: BackupSettingsView;
  readonly statuses: readonly { readonly accountId: AccountId; readonly status: BackupStatus }[];
  readonly onSettings: (settings: BackupSettingsView) => void;
}) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const isAnyRunning = statuses.some((s) => s.status.isRunning);
  const apply = (promise: Promise<Result<BackupSettingsView>>) =>
    drop(
      promise.then((result) =>
        result.ok ? (setError(null), onSettings(result.value)) : setError(result.error.message),
      ),
    );
  const hasWindowChoice = WINDOW_CHOICES.some((choice) => choice.ms === settings.windowMs);

  return (
    <section className="settings-card" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="settings-card-title">
        Automatic backup
      </h4>
      <div className="settings-row">
        <label className="settings-switch">
          <input
            type="checkbox"
            role="switch"
            checked={settings.isEnabled}
            onChange={(e) => apply(call('backup.setEnabled', { isEnabled: e.target.checked }))}
            data-testid="backup-enabled"
          />
          <span className="settings-switch-track" aria-hidden="true" />
          <span>Back up after changes</span>
        </label>
        <select
          className="select-input"
          aria-label="How often"
          value={settings.windowMs}
          disabled={!settings.isEnabled}
          onChange={(e) => apply(call('backup.setWindow', { windowMs: Number(e.target.value) }))}
          data-testid="backup-window"
        >
          {!hasWindowChoice && <option value={settings.windowMs}>{windowLabel(settings.windowMs)}</option>}
          {WINDOW_CHOICES.map((choice) => (
            <option key={choice.ms} value={choice.ms}>
              {choice.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-primary settings-push"
          disabled={isAnyRunning || statuses.length === 0}
          onClick={() =>
            drop(
              call('backup.runNow', { accountId: null }).then((result) => {
                setError(result.ok ? null : result.error.message);
              }),
            )
          }
          data-testid="backup-run-now"
        >
          {isAnyRunning ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {statuses.length === 0 ? (
        <p className="settings-hint">No account yet: link one, or restore a backup below.</p>
      ) : (
        <ul className="settings-status-list" aria-label="Backup status per account">
          {statuses.map(({ accountId, status }) => (
            <AccountStatusRow key={accountId} accountId={accountId} status={status} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AccountStatusRow({ accountId, status }: { readonly accountId: AccountId; readonly status: BackupStatus }) {
  const now = useNow(15_000);
  const label = useSession((state) => state.accounts.find((a) => a.id === accountId)?.label ?? accountId);
  const tone = status.lastError ? 'is-error' : status.isRunning ? 'is-busy' : 'is-ok';
  return (
    <li className="settings-status" data-testid={`backup-status-${accountId}`} data-state={status.state}>
      <span className={`settings-dot ${tone}`} aria-hidden="true" />
      <div className="settings-status-body">
        <div className="settings-status-head">
          <strong>{label}</strong>
          <span className="muted">{describeBackupState(status, now)}</span>
        </div>
        <dl className="settings-facts">
          <dt>Last backup</dt>
          <dd data-testid="backup-last-success">{describeLastSuccess(status, now)}</dd>
          <dt>Pending changes</dt>
          <dd data-testid="backup-pending">{status.pendingChanges.toLocaleString()}</dd>
        </dl>
        {status.lastError && (
          <p className="error-text small" role="alert" data-testid="backup-last-error">
            {status.lastError.message}
          </p>
        )}
      </div>
    </li>
  );
}
