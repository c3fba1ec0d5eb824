import { useState } from 'react';
import { BackupForm } from './BackupForm.js';
import { BackupList } from './BackupList.js';
import { BackupStatusPanel } from './BackupStatusPanel.js';
import { useBackupOverview } from './useBackupOverview.js';

/** Settings → Backup: the S3 form, automatic backup and status, and the backups to restore. */
export function BackupSection() {
  const overview = useBackupOverview();
  // Saving new settings (another bucket, new credentials) lists the bucket again.
  const [listKey, setListKey] = useState(0);
  const { settings } = overview;
  return (
    <div className="settings-section" data-testid="settings-backup">
      <header className="settings-section-head">
        <h3>Backup to S3</h3>
        <p className="settings-hint">
          Your archive — chats, messages, contacts and media state — is copied, encrypted, to a bucket you own. Signal
          keys are never backed up: after a restore on a new computer, pair the account again.
        </p>
      </header>
      {overview.error && (
        <p className="error-text" role="alert">
          {overview.error}
        </p>
      )}
      {settings === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <section className="settings-card" aria-label="Connection">
            <h4 className="settings-card-title">Connection</h4>
            <BackupForm
              key={settings === null ? 'new' : 'saved'}
              saved={settings}
              onSaved={(saved) => {
                overview.setSettings(saved);
                overview.reload();
                setListKey((n) => n + 1);
              }}
            />
          </section>
          {settings !== null && (
            <>
              <BackupStatusPanel settings={settings} statuses={overview.statuses} onSettings={overview.setSettings} />
              <BackupList refreshKey={listKey} />
            </>
          )}
        </>
      )}
    </div>
  );
}
