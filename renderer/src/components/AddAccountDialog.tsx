import { useState } from 'react';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useUi } from '../state/uiStore.js';
import { Dialog } from './dialog/Dialog.js';

/** Names a new account, then selects it: its pairing view follows from connection events. */
export function AddAccountDialog({ onClose }: { readonly onClose: () => void }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectAccount = useUi((state) => state.selectAccount);

  const submit = () => {
    const trimmed = label.trim();
    if (!trimmed) return;
    drop(
      call('accounts.add', { label: trimmed }).then((result) => {
        if (!result.ok) return setError(result.error.message);
        selectAccount(result.value.accountId);
        onClose();
      }),
    );
  };

  return (
    <Dialog
      title="Add a WhatsApp account"
      description="Give it a name you will recognise, like “Work” or “Shop”. Next, you link it from your phone: scan a QR code, or enter a code using your phone number."
      onClose={onClose}
      onSubmit={submit}
      testId="add-account-dialog"
    >
      <input
        className="text-input"
        value={label}
        maxLength={128}
        placeholder="Account name"
        aria-label="Account name"
        onChange={(event) => setLabel(event.target.value)}
        data-autofocus
      />
      {error && <p className="error-text">{error}</p>}
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!label.trim()}>
          Continue
        </button>
      </div>
    </Dialog>
  );
}
