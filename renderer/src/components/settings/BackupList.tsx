import { useCallback, useEffect, useState } from 'react';
import type { BackupListing } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { formatBytes, formatRelative } from '../../format/time.js';
import { useNow } from '../useNow.js';
import { RestoreDialog } from './RestoreDialog.js';

/** The backups in the bucket (one per account), newest first, each with "Restore…". */
export function BackupList({ refreshKey }: { readonly refreshKey: number }) {
  const now = useNow(30_000);
  const [backups, setBackups] = useState<readonly BackupListing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(false);
  const [restoring, setRestoring] = useState<BackupListing | null>(null);
  // State is set only when the answer arrives, so the effect below never renders twice in a row.
  const fetchList = useCallback(() => {
    drop(
      call('backup.list', {}).then((result) => {
        setLoading(false);
        if (!result.ok) return setError(result.error.message);
        setError(null);
        setBackups(result.value.backups);
      }),
    );
  }, []);
  useEffect(fetchList, [fetchList, refreshKey]);
  const load = () => {
    setLoading(true);
    fetchList();
  };

  return (
    <section className="settings-card" aria-labelledby="backup-list-title">
      <div className="settings-card-head">
        <h4 id="backup-list-title" className="settings-card-title">
          Backups in the bucket
        </h4>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={load}
          disabled={isLoading}
          data-testid="backup-list-refresh"
        >
          {isLoading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {backups?.length === 0 && (
        <p className="settings-hint">No backup yet. Press “Back up now” to make the first one.</p>
      )}
      {backups && backups.length > 0 && (
        <table className="settings-table" data-testid="backup-list">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Last backup</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="settings-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.accountId} data-testid={`backup-row-${backup.accountId}`}>
                <td>
                  <strong>{backup.localLabel ?? 'Not on this computer'}</strong>
                  <span className="settings-hint mono">{backup.accountId}</span>
                </td>
                <td title={new Date(backup.lastModified).toLocaleString()}>
                  {formatRelative(Math.min(backup.lastModified, now), now)}
                </td>
                <td>
                  {formatBytes(backup.sizeBytes)}
                  <span className="settings-hint">
                    {backup.objectCount} objects{backup.isPassphraseProtected ? ' · passphrase' : ' · key'}
                  </span>
                </td>
                <td className="settings-table-action">
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => setRestoring(backup)}
                    data-testid={`backup-restore-${backup.accountId}`}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} onRestored={load} />}
    </section>
  );
}
