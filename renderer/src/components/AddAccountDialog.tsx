import { type FormEvent, useEffect, useState } from 'react';
import { call } from '../bridge/call.js';
import { drop } from '../bridge/drop.js';
import { useUi } from '../state/uiStore.js';
import { ESCAPE_EVENT } from './useKeyboardShortcuts.js';

/** Names a new account, then selects it: its pairing view follows from connection events. */
export function AddAccountDialog({ onClose }: { readonly onClose: () => void }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectAccount = useUi((state) => state.selectAccount);

  useEffect(() => {
    const onEscape = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    window.addEventListener(ESCAPE_EVENT, onEscape);
    return () => window.removeEventListener(ESCAPE_EVENT, onEscape);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
    <div className="dialog-backdrop" onClick={onClose}>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="add-account-title"
        onSubmit={submit}
        onClick={(event) => event.stopPropagation()}
        data-testid="add-account-dialog"
      >
        <h2 id="add-account-title">Add a WhatsApp account</h2>
        <p className="muted">
          Give it a name you will recognise, like “Work” or “Shop”. You will scan a code with your phone next.
        </p>
        <input
          className="text-input"
          autoFocus
          value={label}
          maxLength={128}
          placeholder="Account name"
          aria-label="Account name"
          onChange={(event) => setLabel(event.target.value)}
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
      </form>
    </div>
  );
}
