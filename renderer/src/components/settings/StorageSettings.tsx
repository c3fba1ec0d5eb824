import { useCallback, useEffect, useState } from 'react';
import type { MediaCacheUsage } from '../../../../shared/src/index.js';
import { DEFAULT_MEDIA_CACHE_LIMIT_BYTES } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { formatBytes } from '../../format/time.js';
import type { AccountSummary } from '../../state/sessionStore.js';
import { useSession } from '../../state/sessionStore.js';

const GiB = 1024 ** 3;
const LIMIT_CHOICES: readonly number[] = [0.5 * GiB, 1 * GiB, 2 * GiB, 5 * GiB, 10 * GiB, 20 * GiB];

/** "2 GB", "512.0 MB": limits are whole gigabytes or less. */
function formatSize(bytes: number): string {
  return bytes >= GiB ? `${Number((bytes / GiB).toFixed(1))} GB` : formatBytes(bytes);
}

/**
 * Settings → Storage: per account, how much downloaded media is kept, the limit after which the
 * least recently viewed files are removed, and "Clear media cache". Removed media stays in the
 * chat and can be downloaded again.
 */
export function StorageSettings() {
  const accounts = useSession((s) => s.accounts);
  return (
    <div className="settings-section" data-testid="settings-storage">
      <header className="settings-section-head">
        <h3>Storage</h3>
        <p className="settings-hint">
          Photos, voice messages and documents you open are kept on this computer. Over the limit, the ones you viewed
          least recently are removed; they stay in the chat and can be downloaded again.
        </p>
      </header>
      {accounts.length === 0 ? (
        <p className="settings-hint">Add an account to download media.</p>
      ) : (
        accounts.map((account) => <AccountStorage key={account.id} account={account} />)
      )}
    </div>
  );
}

function AccountStorage({ account }: { readonly account: AccountSummary }) {
  const [usage, setUsage] = useState<MediaCacheUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isConfirming, setIsConfirming] = useState(false);
  const accountId = account.id;

  const answer = useCallback((result: Awaited<ReturnType<typeof call<'media.cacheUsage'>>>) => {
    setIsBusy(false);
    if (result.ok) {
      setUsage(result.value);
      setError(null);
    } else {
      setError(
        result.error.code === 'NOT_CONNECTED' || result.error.code === 'ACCOUNT_LOCKED'
          ? 'This account is not running right now.'
          : result.error.message,
      );
    }
  }, []);

  useEffect(() => {
    drop(call('media.cacheUsage', { accountId }).then(answer));
  }, [accountId, answer]);

  const setLimit = (limitBytes: number) => {
    setIsBusy(true);
    drop(call('settings.setMediaCacheLimit', { accountId, limitBytes }).then(answer));
  };
  const clear = () => {
    setIsBusy(true);
    setIsConfirming(false);
    drop(call('media.clearCache', { accountId }).then(answer));
  };

  const limit = usage?.limitBytes ?? DEFAULT_MEDIA_CACHE_LIMIT_BYTES;
  const share = usage === null ? 0 : Math.min(1, usage.usedBytes / limit);
  const choices = LIMIT_CHOICES.includes(limit) ? LIMIT_CHOICES : [...LIMIT_CHOICES, limit].sort((a, b) => a - b);
  const selectId = `media-limit-${accountId}`;
  return (
    <section className="settings-card storage-card" data-testid="storage-account" aria-label={account.label}>
      <div className="settings-card-head">
        <h4 className="settings-card-title">{account.label}</h4>
        <span className="storage-used" data-testid="storage-used">
          {usage === null
            ? '…'
            : `${formatSize(usage.usedBytes)} of ${formatSize(limit)} · ${usage.fileCount} ${usage.fileCount === 1 ? 'file' : 'files'}`}
        </span>
      </div>
      <div
        className="storage-meter"
        role="meter"
        aria-label="Media cache used"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={usage?.usedBytes ?? 0}
      >
        <span style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <div className="storage-actions">
        <label htmlFor={selectId}>Keep up to</label>
        <select
          id={selectId}
          className="select-input"
          value={limit}
          disabled={usage === null || isBusy}
          onChange={(e) => setLimit(Number(e.target.value))}
          data-testid="storage-limit"
        >
          {choices.map((bytes) => (
            <option key={bytes} value={bytes}>
              {formatSize(bytes)}
            </option>
          ))}
        </select>
        <span className="storage-spacer" />
        {isConfirming ? (
          <>
            <span className="settings-hint">Remove every downloaded file?</span>
            <button type="button" className="button button-small" onClick={() => setIsConfirming(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={clear}
              data-testid="storage-clear-confirm"
            >
              Clear
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button-small button-ghost"
            disabled={usage === null || usage.fileCount === 0 || isBusy}
            onClick={() => setIsConfirming(true)}
            data-testid="storage-clear"
          >
            Clear media cache
          </button>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
