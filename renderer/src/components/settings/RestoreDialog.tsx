import { useId, useState } from 'react';
import type { BackupListing } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';
import { useUi } from '../../state/uiStore.js';
import { ConfirmDialog } from '../dialog/ConfirmDialog.js';

type KeySource = 'configured' | 'passphrase' | 'key';

/**
 * "Restore…": confirms what will happen (merge into an account here, or a new read-only archive
 * that becomes live after pairing), asks which key opens the backup, then restores.
 */
export function RestoreDialog({
  backup,
  onClose,
  onRestored,
}: {
  readonly backup: BackupListing;
  readonly onClose: () => void;
  readonly onRestored: () => void;
}) {
  const id = useId();
  const pushNotice = useSession((state) => state.pushNotice);
  const selectAccount = useUi((state) => state.selectAccount);
  const [source, setSource] = useState<KeySource>('configured');
  const [secret, setSecret] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isHere = backup.localLabel !== null;

  const restore = () => {
    setBusy(true);
    setError(null);
    const key =
      source === 'configured'
        ? ({ mode: 'configured' } as const)
        : source === 'passphrase'
          ? ({ mode: 'passphrase', passphrase: secret } as const)
          : ({ mode: 'key', key: secret.trim() } as const);
    drop(
      call('backup.restore', { accountId: backup.accountId, key }).then((result) => {
        setBusy(false);
        if (!result.ok) return setError(result.error.message);
        pushNotice(
          result.value.isNewAccount
            ? `Archive restored (${result.value.records.toLocaleString()} records). Pair the account to reconnect.`
            : `Backup merged into ${backup.localLabel ?? 'the account'} (${result.value.records.toLocaleString()} records).`,
          'success',
        );
        onRestored();
        onClose();
        if (result.value.isNewAccount) selectAccount('all');
      }),
    );
  };

  return (
    <ConfirmDialog
      title="Restore this backup?"
      confirmLabel="Restore"
      isBusy={isBusy}
      error={error}
      onConfirm={restore}
      onClose={onClose}
      testId="restore-dialog"
    >
      <p>
        {isHere
          ? `The backup is merged into “${backup.localLabel}”. The account disconnects for a moment; nothing newer on this computer is overwritten.`
          : 'The backup becomes a new account on this computer. Its chats are shown read-only — an archive — until you pair it with your phone again; after pairing, new messages merge into it.'}
      </p>
      <fieldset className="settings-fieldset">
        <legend>Open the backup with</legend>
        <div className="settings-radios" role="radiogroup" aria-label="Key for this backup">
          {(['configured', 'passphrase', 'key'] as const).map((value) => (
            <label key={value} className={`settings-radio${source === value ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name={`${id}-source`}
                checked={source === value}
                onChange={() => setSource(value)}
                data-testid={`restore-key-${value}`}
              />
              {value === 'configured'
                ? 'The saved passphrase or key'
                : value === 'passphrase'
                  ? 'Another passphrase'
                  : 'Another key'}
            </label>
          ))}
        </div>
        {source !== 'configured' && (
          <div className="settings-field">
            <label htmlFor={`${id}-secret`}>{source === 'passphrase' ? 'Passphrase' : 'Backup key'}</label>
            <input
              id={`${id}-secret`}
              className={`settings-input${source === 'key' ? ' mono' : ''}`}
              type={source === 'passphrase' ? 'password' : 'text'}
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              autoComplete="off"
              required
              data-testid="restore-secret"
            />
          </div>
        )}
      </fieldset>
    </ConfirmDialog>
  );
}
