import { useState } from 'react';
import type { AccountId } from '../../../../shared/src/index.js';
import { call } from '../../bridge/call.js';
import { drop } from '../../bridge/drop.js';
import { useSession } from '../../state/sessionStore.js';
import { useUi } from '../../state/uiStore.js';
import { ConfirmDialog } from '../dialog/ConfirmDialog.js';

function useAccountLabel(accountId: AccountId): string {
  return useSession((state) => state.accounts.find((account) => account.id === accountId)?.label ?? 'this account');
}

/** Unlink this computer from the phone (`accounts.logout`); the archive stays. */
export function LogoutDialog({ accountId, onClose }: { readonly accountId: AccountId; readonly onClose: () => void }) {
  const label = useAccountLabel(accountId);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    drop(
      call('accounts.logout', { accountId }).then((result) => {
        setBusy(false);
        if (result.ok) onClose();
        else setError(`Could not log out: ${result.error.message}`);
      }),
    );
  };
  return (
    <ConfirmDialog
      title={`Log out of “${label}”?`}
      confirmLabel="Log out"
      isDanger
      isBusy={isBusy}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
      testId="logout-dialog"
    >
      <p className="muted">
        This computer is unlinked from your phone. The messages already archived here stay readable, and you can link
        again with a new code.
      </p>
    </ConfirmDialog>
  );
}

/** Remove the account from this app (`accounts.remove`), optionally deleting its local archive. */
export function RemoveAccountDialog({
  accountId,
  onClose,
}: {
  readonly accountId: AccountId;
  readonly onClose: () => void;
}) {
  const label = useAccountLabel(accountId);
  const [deleteArchive, setDeleteArchive] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setBusy(true);
    drop(
      call('accounts.remove', { accountId, deleteArchive }).then((result) => {
        setBusy(false);
        if (!result.ok) return setError(`Could not remove the account: ${result.error.message}`);
        const ui = useUi.getState();
        if (ui.accountFilter === accountId) ui.selectAccount('all');
        if (ui.selectedChat?.accountId === accountId) ui.selectChat(null);
        onClose();
      }),
    );
  };
  return (
    <ConfirmDialog
      title={`Remove “${label}”?`}
      confirmLabel={deleteArchive ? 'Remove and delete archive' : 'Remove account'}
      isDanger
      isBusy={isBusy}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
      testId="remove-account-dialog"
    >
      <p className="muted">The account is logged out and disappears from this app.</p>
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={deleteArchive}
          onChange={(event) => setDeleteArchive(event.target.checked)}
          data-testid="delete-archive-checkbox"
        />
        <span>
          Also delete the archive on this computer
          <span className="muted small block">
            {deleteArchive
              ? 'All messages and media of this account are erased from this computer. This cannot be undone.'
              : 'The archived messages stay on this computer.'}
          </span>
        </span>
      </label>
    </ConfirmDialog>
  );
}
